import type { Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../../src/temporal/payload-codec';
import { freshHousehold } from '../support/households';
import { staffDriver } from '../support/staff';
import { startStack, type Stack } from '../support/stack';
import { temporalBinary } from '../support/temporal-binaries';
import { household, member, monthly } from '../unit/policy/fixtures';

// Personal data stays out of Temporal's history, for real (API, worker, Temporal dev
// server, PostgreSQL): what staff and the public type, and the household's facts, reach
// the workflow sealed; the API still shows them; the codec endpoint opens them for the
// auditor and the administrator only, on the audit trail.

const ACCEPT_NOTE = '受理备注：申请人自述独居，右腿残疾，靠邻居送饭度日';
const FINDINGS = '入户核查：户主长期患尿毒症，每周透析三次，家中无其他收入来源';
const OBJECTION = '举报：该户在城区另有一套商品房，由其子居住';
const BIRTH_DATE = '1947-11-23';
const SPOUSE_BIRTH = '1949-02-17';
const INCOME = 587;
const facts = household({ members: [member('p1', '1958-03-12')], income: monthly('p1', 'WAGE', 600) });
/** The household's corrected facts, sent with a supplement (an Update's argument). */
const corrected = household({
  members: [member('p1', BIRTH_DATE), member('p2', SPOUSE_BIRTH, { relation: 'SPOUSE' })],
  income: monthly('p1', 'PENSION_BASIC', INCOME),
});
const SUPPLEMENT_ITEM = '残疾证复印件（肢体二级）';
/** What must never appear in clear in any payload byte. */
const NEEDLES = [
  ACCEPT_NOTE,
  FINDINGS,
  OBJECTION,
  SUPPLEMENT_ITEM,
  '透析',
  '李调查',
  BIRTH_DATE,
  SPOUSE_BIRTH,
  `"amount":${INCOME}`,
  '"birthDate"',
  'PENSION_BASIC',
];

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
interface FoundPayload {
  path: string;
  payload: Payload;
}

const utf8 = (b: Uint8Array | null | undefined) => Buffer.from(b ?? new Uint8Array()).toString('utf8');

/** Every Payload anywhere in the events, with where it sits. */
function payloadsIn(events: HistoryEvent[]): FoundPayload[] {
  const found: FoundPayload[] = [];
  const walk = (v: unknown, path: string): void => {
    if (!v || typeof v !== 'object' || v instanceof Uint8Array) return;
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
    const o = v as Record<string, unknown>;
    if (o.data instanceof Uint8Array && o.metadata && typeof o.metadata === 'object')
      found.push({ path, payload: o as Payload });
    else for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
  };
  events.forEach((e, i) => walk(e, `events[${i}]`));
  return found;
}

describe('personal data in Temporal history (e2e)', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};
  let caseId = '';
  let supplementedId = '';

  beforeAll(async () => {
    stack = await startStack();
    http = request(stack.app.getHttpServer());
    for (const u of ['village.assistant', 'township.caseworker', 'auditor', 'administrator', 'audit.administrator'])
      tokens[u] = await stack.tokenFor(u);
    [caseId, supplementedId] = await Promise.all([toPublicityWithObjection(), supplementedFacts()]);
  }, 180_000);
  afterAll(() => stack?.stop());

  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });

  async function submit(): Promise<string> {
    const res = await http
      .post('/api/v1/applications')
      .set(as('village.assistant'))
      // A household of its own per case: one open application per household and category.
      .send({
        householdId: await freshHousehold(stack.prisma),
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        facts,
        consent: { economicCheck: true, truthfulnessPromise: true },
      })
      .expect(201);
    return res.body.id as string;
  }

  /** Free text in three Updates and the public's objection. */
  async function toPublicityWithObjection(): Promise<string> {
    const id = await submit();
    const { complete, investigate, stageOf } = staffDriver(http, as);
    expect((await complete('township.caseworker', id, 'ACCEPT', { action: 'accept', note: ACCEPT_NOTE })).status).toBe(
      200,
    );
    expect(
      (
        await investigate('township.caseworker', id, {
          action: 'recordHomeVisit',
          investigators: ['李调查', '王调查'],
          findings: FINDINGS,
          signedByHousehold: true,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await complete('township.caseworker', id, 'REVIEW', {
          action: 'submitOpinion',
          proposal: 'APPROVE',
          reasons: ['家庭月人均收入低于低保标准'],
        })
      ).status,
    ).toBe(200);
    await stageOf(id, 'PUBLICITY');
    await http.post(`/api/v1/public/publicity/${id}/objections`).send({ text: OBJECTION }).expect(201);
    return id;
  }

  /** The household's members and incomes, corrected with a supplement. */
  async function supplementedFacts(): Promise<string> {
    const id = await submit();
    const { complete, stageOf } = staffDriver(http, as);
    expect(
      (await complete('township.caseworker', id, 'ACCEPT', { action: 'requestSupplement', missing: [SUPPLEMENT_ITEM] }))
        .status,
    ).toBe(200);
    expect(
      (
        await complete('village.assistant', id, 'SUPPLY', {
          action: 'supplement',
          items: [SUPPLEMENT_ITEM],
          facts: corrected,
        })
      ).status,
    ).toBe(200);
    await stageOf(id, 'SUBMITTED');
    return id;
  }

  /** The history as the server stores it: straight from the gRPC service, no data converter at all. */
  async function rawHistory(workflowId: string): Promise<HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await stack.temporal.connection.workflowService.getWorkflowExecutionHistory({
        namespace: stack.config.TEMPORAL_NAMESPACE,
        execution: { workflowId },
        ...(nextPageToken ? { nextPageToken } : {}),
      });
      events.push(...(page.history?.events ?? []));
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    return events;
  }

  it('stores every payload of the cases sealed: no typed text or household fact in any byte, while the API shows them', async () => {
    const events = [
      ...(await rawHistory(`application-${caseId}`)),
      ...(await rawHistory(`application-${supplementedId}`)),
    ];
    const found = payloadsIn(events);
    // The Updates (accept, home visit, opinion, objection), the input and the activities' payloads are all there.
    expect(events.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(true);
    expect(found.length).toBeGreaterThan(10);
    const searchAttributes = found.filter((f) => /searchAttributes/.test(f.path));
    // Written by the SDK's core, not by our code, so never through a codec: a patch's id, a local activity's seq and type.
    const coreMarkers = found.filter((f) => /markerRecordedEventAttributes\.details\.(patch-data|data)\./.test(f.path));
    expect(coreMarkers.length).toBeGreaterThan(0);
    for (const { payload } of coreMarkers) expect(utf8(payload.data)).toMatch(/^\{"(id|seq)":/);
    const sealed = found.filter((f) => !searchAttributes.includes(f) && !coreMarkers.includes(f));
    for (const { path, payload } of sealed) {
      expect({ path, encoding: utf8(payload.metadata?.encoding) }).toEqual({ path, encoding: ENCRYPTED_ENCODING });
      expect(utf8(payload.metadata?.[KEY_ID_METADATA])).toMatch(/^sn1-[0-9a-f]{16}$/);
    }
    const everyByte = Buffer.concat(
      found.flatMap(({ payload }) => [
        Buffer.from(payload.data ?? []),
        ...Object.values(payload.metadata ?? {}).map((v) => Buffer.from(v ?? [])),
      ]),
    );
    for (const needle of NEEDLES)
      expect({ needle, found: everyByte.includes(Buffer.from(needle, 'utf8')) }).toEqual({ needle, found: false });
    // Failures' messages are not payloads: none carries the typed text either.
    const asText = JSON.stringify(events);
    for (const needle of [ACCEPT_NOTE, FINDINGS, OBJECTION, SUPPLEMENT_ITEM, BIRTH_DATE])
      expect(asText).not.toContain(needle);

    // Search attributes are not encoded by the codec: codes and patch names only.
    expect(searchAttributes.length).toBeGreaterThan(0);
    for (const { payload } of searchAttributes) {
      for (const value of [JSON.parse(utf8(payload.data)) as unknown].flat())
        expect(value).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
    }
    const described = await stack.temporal.client.workflow.getHandle(`application-${caseId}`).describe();
    expect(Object.values(described.searchAttributes).flat().map(String)).toEqual(
      expect.arrayContaining(['410502', '410502002', 'MINIMUM_LIVING']),
    );

    // Not vacuous: opened with the codec, the same history holds the text and the facts.
    const opened = await stack.temporal.client.options.loadedDataConverter.payloadCodecs[0]!.decode(
      sealed.map((f) => f.payload),
    );
    const clear = Buffer.concat(opened.map((p) => Buffer.from(p.data ?? []))).toString('utf8');
    for (const needle of [
      ACCEPT_NOTE,
      FINDINGS,
      OBJECTION,
      SUPPLEMENT_ITEM,
      BIRTH_DATE,
      SPOUSE_BIRTH,
      `"amount":${INCOME}`,
    ])
      expect(clear).toContain(needle);

    // The API still shows them: the process state (a query, through its codec), the note and the objection.
    const shown = await http.get(`/api/v1/cases/${caseId}`).set(as('township.caseworker')).expect(200);
    expect(shown.body.process).toMatchObject({
      applicationId: caseId,
      stage: 'PUBLICITY',
      objectionsThisRound: 1,
      opinion: { proposal: 'APPROVE' },
    });
    expect(shown.body.events).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'ACTION_accept', reason: ACCEPT_NOTE })]),
    );
    expect(shown.body.objections).toEqual([expect.objectContaining({ round: 1, text: OBJECTION })]);
    const supplemented = await http.get(`/api/v1/cases/${supplementedId}`).set(as('township.caseworker')).expect(200);
    expect(supplemented.body.process).toMatchObject({
      applicationId: supplementedId,
      stage: 'SUBMITTED',
      currentTask: { type: 'ACCEPT' },
    });
  });

  it('replays the sealed histories on a worker with the codec (as after a cache eviction), and not without it', async () => {
    const dataConverter = stack.temporal.client.options.dataConverter;
    for (const id of [caseId, supplementedId]) {
      const history = await stack.temporal.client.workflow.getHandle(`application-${id}`).fetchHistory();
      await expect(
        Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows'), dataConverter }, history, id),
      ).resolves.toBeUndefined();
    }
    const history = await stack.temporal.client.workflow.getHandle(`application-${caseId}`).fetchHistory();
    await expect(
      Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows') }, history, caseId),
    ).rejects.toThrow();
  });

  describe('the codec endpoint for the Temporal Web UI', () => {
    const DECODE = '/api/v1/temporal-codec/decode';
    const ENCODE = '/api/v1/temporal-codec/encode';
    const toJson = (p: Payload) => ({
      metadata: Object.fromEntries(
        Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
      ),
      data: Buffer.from(p.data ?? []).toString('base64'),
    });
    const fromBase64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');

    async function sealedPayloads(): Promise<Payload[]> {
      return payloadsIn(await rawHistory(`application-${caseId}`))
        .filter((f) => !/searchAttributes/.test(f.path))
        .map((f) => f.payload);
    }

    it('refuses the caseworker (403) and a caller without a token (401); decodes for the auditor (200), audited without content', async () => {
      // As the UI sends them: sealed payloads and the core's clear marker payloads together.
      const payloads = (await sealedPayloads()).map(toJson);
      const encrypted = payloads.filter((p) => fromBase64(p.metadata.encoding!) === ENCRYPTED_ENCODING).length;
      expect(encrypted).toBeGreaterThan(10);
      expect(encrypted).toBeLessThan(payloads.length);
      const refused = await http.post(DECODE).set(as('township.caseworker')).send({ payloads }).expect(403);
      expect(refused.body.code).toBe('ROLE_NOT_ALLOWED');
      expect(JSON.stringify(refused.body)).not.toContain(FINDINGS);
      await http.post(DECODE).send({ payloads }).expect(401);
      expect(await stack.prisma.auditLog.count({ where: { action: 'TEMPORAL_PAYLOADS_DECODED' } })).toBe(0);

      const res = await http
        .post(DECODE)
        .set(as('auditor'))
        .set('X-Namespace', stack.config.TEMPORAL_NAMESPACE)
        .send({ payloads })
        .expect(200);
      const decoded = res.body.payloads as Array<{ metadata: Record<string, string>; data: string }>;
      expect(decoded).toHaveLength(payloads.length);
      expect(decoded.every((p) => fromBase64(p.metadata.encoding!) !== ENCRYPTED_ENCODING)).toBe(true);
      const clear = decoded.map((p) => fromBase64(p.data)).join('\n');
      for (const needle of [ACCEPT_NOTE, FINDINGS, OBJECTION]) expect(clear).toContain(needle);

      const audit = await stack.prisma.auditLog.findMany({ where: { action: 'TEMPORAL_PAYLOADS_DECODED' } });
      expect(audit).toEqual([
        expect.objectContaining({
          actorId: 'demo-auditor',
          role: 'AUDITOR',
          targetType: 'TemporalNamespace',
          targetId: stack.config.TEMPORAL_NAMESPACE,
          details: { payloads: payloads.length, encrypted },
        }),
      ]);
      expect(audit[0]!.requestId).toBe(res.headers['x-request-id']);
      expect(JSON.stringify(audit.map((a) => [a.details, a.reason]))).not.toMatch(/透析|举报|1947/);
      const chain = await http.get('/api/v1/audit/verification').set(as('audit.administrator')).expect(200);
      expect(chain.body.valid).toBe(true);
    });

    it('encodes for the administrator (the auditor may not); the result decodes back; altered or malformed input is a 400', async () => {
      const clear = {
        metadata: { encoding: Buffer.from('json/plain').toString('base64') },
        data: Buffer.from(JSON.stringify({ note: FINDINGS })).toString('base64'),
      };
      await http
        .post(ENCODE)
        .set(as('auditor'))
        .send({ payloads: [clear] })
        .expect(403);
      const encoded = await http
        .post(ENCODE)
        .set(as('administrator'))
        .send({ payloads: [clear] })
        .expect(200);
      const sealed = encoded.body.payloads[0] as { metadata: Record<string, string>; data: string };
      expect(fromBase64(sealed.metadata.encoding!)).toBe(ENCRYPTED_ENCODING);
      expect(fromBase64(sealed.data)).not.toContain('透析');
      const back = await http
        .post(DECODE)
        .set(as('administrator'))
        .send({ payloads: [sealed, clear] })
        .expect(200);
      expect(back.body.payloads).toEqual([clear, clear]);

      const bytes = Buffer.from(sealed.data, 'base64');
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
      const tampered = await http
        .post(DECODE)
        .set(as('administrator'))
        .send({ payloads: [clear, { ...sealed, data: bytes.toString('base64') }] })
        .expect(400);
      expect(tampered.body).toMatchObject({
        code: 'PAYLOAD_TAMPERED',
        errors: [expect.objectContaining({ path: 'payloads.1' })],
      });
      const malformed = await http
        .post(DECODE)
        .set(as('administrator'))
        .send({ payloads: [{ data: '不是base64' }] })
        .expect(400);
      expect(malformed.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ path: 'payloads.0.data' })],
      });
      await http.post(DECODE).set(as('administrator')).send({}).expect(400);
    });

    it('answers the Temporal UI origin (CORS, preflight without a token) and no other', async () => {
      const preflight = await http
        .options(DECODE)
        .set('Origin', 'http://localhost:8233')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace')
        .expect(204);
      expect(preflight.headers).toMatchObject({
        'access-control-allow-origin': 'http://localhost:8233',
        'access-control-allow-credentials': 'true',
      });
      expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
      const denied = await http
        .post(DECODE)
        .set('Origin', 'http://localhost:8233')
        .set(as('township.caseworker'))
        .send({ payloads: [] })
        .expect(403);
      expect(denied.headers['access-control-allow-origin']).toBe('http://localhost:8233');
      const foreign = await http
        .options(DECODE)
        .set('Origin', 'http://evil.example')
        .set('Access-Control-Request-Method', 'POST');
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('speaks Temporal’s own remote codec protocol: `temporal workflow show --codec-endpoint` prints the clear history', async () => {
      const server = stack.app.getHttpServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as { port: number };
        const cli = temporalBinary('cli');
        if (!cli) throw new Error('TEMPORAL_CLI_PATH is not set');
        const { stdout } = await promisify(execFile)(
          cli,
          [
            'workflow',
            'show',
            '--address',
            stack.temporal.address,
            '--namespace',
            stack.config.TEMPORAL_NAMESPACE,
            '-w',
            `application-${caseId}`,
            '-o',
            'json',
            '--codec-endpoint',
            `http://127.0.0.1:${port}/api/v1/temporal-codec`,
            '--codec-auth',
            `Bearer ${tokens.auditor}`,
          ],
          { maxBuffer: 64 * 1024 * 1024 },
        );
        // Payloads print as protobuf JSON: the data fields in base64.
        const data = [...stdout.matchAll(/"data": "([A-Za-z0-9+/=]*)"/g)].map((m) => fromBase64(m[1]!)).join('\n');
        expect(data).toContain(FINDINGS);
        expect(data).toContain(OBJECTION);
        expect(stdout).not.toContain(Buffer.from(ENCRYPTED_ENCODING).toString('base64'));
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});
