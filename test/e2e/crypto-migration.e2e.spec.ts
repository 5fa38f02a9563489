import request from 'supertest';
import { CryptoMigration } from '../../src/openapi/responses';
import { startStack, type Stack } from '../support/stack';

// The re-encryption through HTTP on the real stack (API, worker, Temporal dev server,
// PostgreSQL): an installation seeded under INTERNATIONAL, now configured NATIONAL, converted
// by the administrator's run; its 400, 403, 404 and 409s; the audit trail still verifies.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crypto migrations (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });

  beforeAll(async () => {
    stack = await startStack({ CRYPTO_SUITE: 'NATIONAL' });
    http = request(stack.app.getHttpServer());
    for (const user of ['administrator', 'county.officer', 'audit.administrator'])
      tokens[user] = await stack.tokenFor(user);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses a bad body (400), another role (403), a suite not configured (409) and an unknown run (404)', async () => {
    const bad = await http.post('/api/v1/crypto-migrations').set(as('administrator')).send({ targetSuite: 'SM9' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ path: 'targetSuite', message: '须为 INTERNATIONAL 或 NATIONAL' }),
    ]);
    await http
      .post('/api/v1/crypto-migrations')
      .set(as('county.officer'))
      .send({ targetSuite: 'NATIONAL' })
      .expect(403);
    const other = await http
      .post('/api/v1/crypto-migrations')
      .set(as('administrator'))
      .send({ targetSuite: 'INTERNATIONAL' })
      .expect(409);
    expect(other.body).toMatchObject({ code: 'CRYPTO_SUITE_NOT_CONFIGURED' });
    await http
      .get('/api/v1/crypto-migrations/00000000-0000-4000-8000-000000000000')
      .set(as('administrator'))
      .expect(404);
  });

  it('converts every seeded row to the national suite; the audit trail verifies', async () => {
    const before = await stack.prisma.member.findMany({ select: { idNumberHmac: true } });
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((m) => !m.idNumberHmac.startsWith('sm3:'))).toBe(true);
    const started = await http
      .post('/api/v1/crypto-migrations')
      .set(as('administrator'))
      .send({ targetSuite: 'NATIONAL' })
      .expect(201);
    expect(CryptoMigration.parse(started.body)).toMatchObject({ targetSuite: 'NATIONAL' });
    let run = started.body as { id: string; status: string; report: Record<string, { migrated: number }> };
    for (let i = 0; i < 120 && run.status === 'RUNNING'; i++) {
      await sleep(250);
      run = (await http.get(`/api/v1/crypto-migrations/${run.id}`).set(as('administrator')).expect(200)).body;
    }
    expect(run.status).toBe('COMPLETED');
    expect(run.report.member?.migrated).toBe(before.length);
    const after = await stack.prisma.member.findMany({ select: { idNumberHmac: true, idNumberEncrypted: true } });
    expect(
      after.every((m) => m.idNumberHmac.startsWith('sm3:') && m.idNumberEncrypted.startsWith('v2.sm4-ctr-hmac-sm3.')),
    ).toBe(true);
    const audit = await stack.prisma.auditLog.findMany({ where: { targetId: run.id }, orderBy: { seq: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual([
      'CRYPTO_MIGRATION_STARTED',
      'CRYPTO_MIGRATION_TABLE_DONE',
      'CRYPTO_MIGRATION_TABLE_DONE',
      'CRYPTO_MIGRATION_TABLE_DONE',
      'CRYPTO_MIGRATION_FINISHED',
    ]);
    expect(audit.every((a) => a.hashAlg === 'sm3')).toBe(true);
    const verification = await http.get('/api/v1/audit/verification').set(as('audit.administrator')).expect(200);
    expect(verification.body).toMatchObject({ chainsValid: true });
  });
});
