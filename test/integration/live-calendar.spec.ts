import { randomBytes } from 'node:crypto';
import { seed } from '../../prisma/seed';
import { LiveCalendar } from '../../src/calendar/live-calendar';
import { createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { startTestPostgres, type TestDatabase } from '../support/postgres';

// The working-day calendar of a process: the built-in years, then the loaded schedules,
// read again when a workflow asks for a load newer than the process has seen.

describe('LiveCalendar (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    db = await startTestPostgres();
    await seed(db.url, {
      hmacKeyHex: randomBytes(32).toString('hex'),
      encryptionKeyHex: randomBytes(32).toString('hex'),
    });
    prisma = createPrismaClient(db.url);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });

  const row = (year: number, holidays: string[], loadedAt: Date) => ({
    year,
    holidays,
    makeUpWorkdays: [],
    source: '测试用节假日安排',
    loadedBy: 'test',
    loadedAt,
  });

  it('adds loaded years to the built-in ones, and reads a newer load only when asked for it (or a minute later)', async () => {
    const calendar = new LiveCalendar(prisma);
    const first = await calendar.current();
    expect(first.hasSchedule(2026)).toBe(true); // chinese-days
    expect(first.hasSchedule(2040)).toBe(false);
    expect(first.addWorkingDays('2040-01-02', 1)).toEqual({ date: '2040-01-03', provisional: true });

    const loadedAt = new Date(Date.now() + 1000);
    await prisma.holidaySchedule.create({ data: row(2040, ['2040-01-01', '2040-01-03'], loadedAt) });
    // Read less than a minute ago: a plain call keeps the calendar it has.
    expect((await calendar.current()).hasSchedule(2040)).toBe(false);
    // A workflow planning again after that load names it: the table is read.
    const fresh = await calendar.current(loadedAt.toISOString());
    expect(fresh.hasSchedule(2040)).toBe(true);
    expect(fresh.addWorkingDays('2040-01-02', 1)).toEqual({ date: '2040-01-04', provisional: false });
    expect(fresh.scheduleOf(2040)).toMatchObject({ source: '测试用节假日安排' });
  });
});
