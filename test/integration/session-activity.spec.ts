import { LoginLockout } from '../../src/auth/login-lockout';
import { SessionActivity, sessionKey } from '../../src/auth/session-activity';
import { SessionRepository } from '../../src/auth/session.repository';
import type { AppConfig } from '../../src/config/config';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { startTestPostgres, type TestDatabase } from '../support/postgres';

// Session time-out and login lock-out (等级保护 level 3) as settings, on real PostgreSQL: the
// clock is passed in, so "30 minutes later" is a parameter, not a wait.

const MINUTE = 60_000;
const settings = {
  AUTH_SESSION_IDLE_MINUTES: 30,
  AUTH_SESSION_MAX_MINUTES: 480,
  AUTH_LOCKOUT_FAILURES: 3,
  AUTH_LOCKOUT_WINDOW_MINUTES: 15,
  AUTH_LOCKOUT_MINUTES: 30,
} as AppConfig;

describe('session time-out (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  /** A fresh process's view each time (no sessions written by it yet), as another API instance would see it. */
  const activity = (config = settings) => new SessionActivity(config, new SessionRepository(prisma));

  beforeAll(async () => {
    db = await startTestPostgres();
    prisma = createPrismaClient(db.url);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });

  it('goes on while used within the idle time, and is refused once unused longer', async () => {
    const t0 = Date.parse('2026-12-07T01:00:00Z');
    expect(await activity().use('token-a', 'u1', t0, t0)).toBe('ACTIVE');
    expect(await activity().use('token-a', 'u1', t0, t0 + 29 * MINUTE)).toBe('ACTIVE');
    // Used at +29: the idle time counts from there.
    expect(await activity().use('token-a', 'u1', t0, t0 + 58 * MINUTE)).toBe('ACTIVE');
    expect(await activity().use('token-a', 'u1', t0, t0 + 89 * MINUTE)).toBe('IDLE');
    // Refused once, refused for good: the row stays as it was.
    expect(await activity().use('token-a', 'u1', t0, t0 + 90 * MINUTE)).toBe('IDLE');
    const row = await prisma.authSession.findUniqueOrThrow({ where: { key: sessionKey('token-a') } });
    expect(row.lastSeenAt.getTime()).toBe(t0 + 58 * MINUTE);
  });

  it('within a minute of its last write a process does not write again; past it, it reads the database', async () => {
    const t0 = Date.parse('2026-12-07T02:00:00Z');
    const one = activity();
    expect(await one.use('token-b', 'u1', t0, t0)).toBe('ACTIVE');
    expect(await one.use('token-b', 'u1', t0, t0 + 30_000)).toBe('ACTIVE');
    const row = await prisma.authSession.findUniqueOrThrow({ where: { key: sessionKey('token-b') } });
    expect(row.lastSeenAt.getTime()).toBe(t0);
    // Another process (or this one a minute on) sees it idle after the idle time.
    expect(await one.use('token-b', 'u1', t0, t0 + 31 * MINUTE)).toBe('IDLE');
  });

  it('is refused when issued longer ago than the lifetime, and when signed out', async () => {
    const t0 = Date.parse('2026-12-07T03:00:00Z');
    expect(await activity().use('token-c', 'u1', t0 - 481 * MINUTE, t0)).toBe('TOO_OLD');
    const a = activity();
    expect(await a.use('token-d', 'u1', t0, t0)).toBe('ACTIVE');
    await a.end('token-d', 'u1');
    expect(await a.use('token-d', 'u1', t0, t0 + 1_000)).toBe('ENDED');
  });

  it('with both settings at 0 nothing is refused or written', async () => {
    const off = { ...settings, AUTH_SESSION_IDLE_MINUTES: 0, AUTH_SESSION_MAX_MINUTES: 0 } as AppConfig;
    const t0 = Date.parse('2026-12-07T04:00:00Z');
    expect(await activity(off).use('token-e', 'u1', t0 - 10_000 * MINUTE, t0)).toBe('ACTIVE');
    expect(await prisma.authSession.count({ where: { key: sessionKey('token-e') } })).toBe(0);
  });
});

describe('login lock-out', () => {
  it('locks a client after the failures allowed within the window, for the lock-out time', () => {
    const lockout = new LoginLockout(settings);
    const t0 = Date.parse('2026-12-07T01:00:00Z');
    expect(lockout.fail('10.0.0.1', t0)).toBe(false);
    expect(lockout.fail('10.0.0.1', t0 + MINUTE)).toBe(false);
    expect(lockout.lockedMinutes('10.0.0.1', t0 + MINUTE)).toBe(0);
    expect(lockout.fail('10.0.0.1', t0 + 2 * MINUTE)).toBe(true);
    expect(lockout.lockedMinutes('10.0.0.1', t0 + 2 * MINUTE)).toBe(30);
    expect(lockout.lockedMinutes('10.0.0.2', t0 + 2 * MINUTE)).toBe(0);
    expect(lockout.lockedMinutes('10.0.0.1', t0 + 32 * MINUTE + 1)).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const lockout = new LoginLockout(settings);
    const t0 = Date.parse('2026-12-07T01:00:00Z');
    lockout.fail('10.0.0.3', t0);
    lockout.fail('10.0.0.3', t0 + MINUTE);
    expect(lockout.fail('10.0.0.3', t0 + 16 * MINUTE)).toBe(false);
  });

  it('is off at 0', () => {
    const lockout = new LoginLockout({ ...settings, AUTH_LOCKOUT_FAILURES: 0 } as AppConfig);
    for (let i = 0; i < 100; i++) expect(lockout.fail('10.0.0.4', Date.now())).toBe(false);
  });
});
