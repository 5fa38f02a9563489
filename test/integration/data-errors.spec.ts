import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { Client } from 'pg';
import type { ArgumentsHost } from '@nestjs/common';
import { dataErrorOf, DATA_ERROR_TYPE, sqlStateOf } from '../../src/common/data-error';
import { ErrorFilter } from '../../src/common/error.filter';
import { Prisma, createPrismaClient, type PrismaClient } from '../../src/prisma/prisma-client';
import { createActivities } from '../../src/worker/create-worker';
import { asActivityFailure, withFinalDataErrors } from '../../src/worker/data-errors';
import { startTestPostgres, type TestDatabase } from '../support/postgres';

// Data errors found through the real error chain of Prisma over @prisma/adapter-pg (and of
// node-postgres itself), against a real PostgreSQL: class 22/23 become a non-retryable
// DATA_ERROR in activities; other faults keep their retries.

describe('data errors (real PostgreSQL)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    db = await startTestPostgres();
    prisma = createPrismaClient(db.url);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });

  const emergencyCase = (over: { id?: string; description?: string; requestedAmount?: number } = {}) => {
    const id = over.id ?? randomUUID();
    return {
      id,
      workflowId: `emergency-${id}`,
      countyCode: '410502',
      townshipCode: '410502001',
      kind: 'SUDDEN' as const,
      severity: 'ORDINARY' as const,
      path: 'SMALL_AMOUNT' as const,
      stage: 'SMALL_AMOUNT',
      requestedAmount: over.requestedAmount ?? 300,
      description: over.description ?? '火灾',
      applicantName: '张三',
      idNumberHmac: 'h',
      idNumberEncrypted: 'e',
      idNumberMasked: 'm',
      area: 'URBAN' as const,
      createdBy: 'u',
    };
  };
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected a failure');
      },
      (e: unknown) => e,
    );

  it('NUL in a text column: 22021 through the adapter error, outside and inside a transaction', async () => {
    const plain = await failure(prisma.emergencyCase.create({ data: emergencyCase({ description: 'abc\u0000def' }) }));
    expect(sqlStateOf(plain)).toBe('22021');
    const inTx = await failure(
      prisma.$transaction((tx) => tx.emergencyCase.create({ data: emergencyCase({ description: 'abc\u0000def' }) })),
    );
    expect(dataErrorOf(inTx)).toEqual({
      sqlState: '22021',
      kind: 'DATA_EXCEPTION',
      messageZh: expect.stringContaining('NUL'),
    });
  });

  it('NUL in jsonb: 22P05', async () => {
    const e = await failure(
      prisma.auditLog.create({
        data: {
          actorId: 'a',
          role: 'SYSTEM',
          action: 'X',
          targetType: 'T',
          targetId: 't',
          details: { note: 'a\u0000b' },
          prevHash: 'p',
          hash: randomUUID(),
        },
      }),
    );
    expect(dataErrorOf(e)?.sqlState).toBe('22P05');
  });

  it('numeric overflow (P2020 with the adapter error in meta): 22003', async () => {
    const e = await failure(prisma.emergencyCase.create({ data: emergencyCase({ requestedAmount: 1e20 }) }));
    expect(e).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect(dataErrorOf(e)).toMatchObject({ sqlState: '22003', kind: 'DATA_EXCEPTION' });
  });

  it('unique and foreign-key violations: 23505 (still P2002 for code that handles it) and 23503', async () => {
    const id = randomUUID();
    await prisma.emergencyCase.create({ data: emergencyCase({ id }) });
    const dup = await failure(prisma.emergencyCase.create({ data: emergencyCase({ id }) }));
    // What application.service catches on purpose is unchanged: a known request error P2002.
    expect(dup).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((dup as Prisma.PrismaClientKnownRequestError).code).toBe('P2002');
    expect(dataErrorOf(dup)).toMatchObject({ sqlState: '23505', kind: 'INTEGRITY_VIOLATION' });
    const fk = await failure(
      prisma.objection.create({ data: { id: randomUUID(), applicationId: randomUUID(), round: 1, text: '异议' } }),
    );
    expect(dataErrorOf(fk)?.sqlState).toBe('23503');
  });

  it("node-postgres' own DatabaseError carries the SQLSTATE too", async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const e = await failure(client.query('SELECT 1/0'));
      expect(sqlStateOf(e)).toBe('22012');
      expect(dataErrorOf(e)?.kind).toBe('DATA_EXCEPTION');
    } finally {
      await client.end();
    }
  });

  it('what is not a final data error stays as it is: a syntax error, a missing table, a unique violation (a racing retry), a plain error', async () => {
    const missing = await failure(prisma.$queryRawUnsafe('SELECT * FROM no_such_table'));
    expect(sqlStateOf(missing)).toBe('42P01');
    expect(dataErrorOf(missing)).toBeNull();
    expect(asActivityFailure(missing)).toBe(missing);
    // Two attempts of the same idempotent insert racing: the next attempt finds the row, so it keeps its retries.
    const id = randomUUID();
    await prisma.emergencyCase.create({ data: emergencyCase({ id }) });
    const race = await failure(prisma.emergencyCase.create({ data: emergencyCase({ id }) }));
    expect(dataErrorOf(race)).toMatchObject({ sqlState: '23505' });
    expect(asActivityFailure(race)).toBe(race);
    const plain = new Error('connect ECONNREFUSED');
    expect(asActivityFailure(plain)).toBe(plain);
    expect(dataErrorOf(undefined)).toBeNull();
  });

  it('a wrapped activity fails a data error at once with a typed, non-retryable failure in Chinese and without the value', async () => {
    const acts = withFinalDataErrors({
      write: async (description: string) => {
        await prisma.emergencyCase.create({ data: emergencyCase({ description }) });
        return 'ok';
      },
      refuse: async () => {
        throw ApplicationFailure.create({ type: 'WRONG_STAGE', message: '不在此阶段', nonRetryable: true });
      },
      flaky: async () => {
        throw new Error('connection terminated');
      },
    });
    const e = await failure(acts.write('秘密\u0000值'));
    expect(e).toBeInstanceOf(ApplicationFailure);
    const f = e as ApplicationFailure;
    expect(f.type).toBe(DATA_ERROR_TYPE);
    expect(f.nonRetryable).toBe(true);
    expect(f.message).toMatch(/^数据错误（SQLSTATE 22021）：/);
    expect(f.message).not.toContain('秘密');
    expect(f.details).toEqual([{ sqlState: '22021', kind: 'DATA_EXCEPTION' }]);
    expect(await acts.write('火灾')).toBe('ok');
    expect(((await failure(acts.refuse())) as ApplicationFailure).type).toBe('WRONG_STAGE');
    const flaky = await failure(acts.flaky());
    expect(flaky).not.toBeInstanceOf(ApplicationFailure);
  });

  it("the worker's gathered activities are wrapped: recordObjection for a case that does not exist fails as DATA_ERROR", async () => {
    const activities = createActivities({ prisma });
    const e = await failure(
      activities.recordObjection({
        objectionId: randomUUID(),
        applicationId: randomUUID(),
        round: 1,
        text: '异议',
        contact: null,
      }),
    );
    expect(e).toBeInstanceOf(ApplicationFailure);
    expect((e as ApplicationFailure).type).toBe(DATA_ERROR_TYPE);
    expect((e as ApplicationFailure).nonRetryable).toBe(true);
  });

  it('the API error filter answers a slipped-through class 22 with 400, class 23 with 409, a DATA_ERROR failure with 400, in Chinese', async () => {
    const answer = (exception: unknown) => {
      let sent: { status?: number; body?: Record<string, unknown> } = {};
      const res = {
        status: (status: number) => ({
          json: (body: Record<string, unknown>) => {
            sent = { status, body };
          },
        }),
      };
      const host = {
        switchToHttp: () => ({ getRequest: () => ({ id: 'req-1' }), getResponse: () => res }),
      } as unknown as ArgumentsHost;
      new ErrorFilter().catch(exception, host);
      return sent;
    };
    const nul = await failure(prisma.emergencyCase.create({ data: emergencyCase({ description: 'a\u0000' }) }));
    expect(answer(nul)).toEqual({
      status: 400,
      body: expect.objectContaining({
        code: 'INVALID_DATA',
        message: expect.stringContaining('NUL'),
        requestId: 'req-1',
      }),
    });
    const id = randomUUID();
    await prisma.emergencyCase.create({ data: emergencyCase({ id }) });
    const dup = await failure(prisma.emergencyCase.create({ data: emergencyCase({ id }) }));
    expect(answer(dup)).toEqual({
      status: 409,
      body: expect.objectContaining({ code: 'DATA_CONFLICT', message: expect.stringContaining('重复') }),
    });
    const step = new Error('update failed', { cause: asActivityFailure(nul) as Error });
    expect(answer(step)).toEqual({ status: 400, body: expect.objectContaining({ code: DATA_ERROR_TYPE }) });
    expect(answer(new Error('boom'))).toEqual({
      status: 500,
      body: expect.objectContaining({ code: 'INTERNAL_ERROR' }),
    });
  });
});
