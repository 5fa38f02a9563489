import AdmZip from 'adm-zip';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DocumentRepository } from '../../src/archive/document.repository';
import { LiveParameterStore } from '../../src/policy-admin/live-parameter-store';
import { DocumentService } from '../../src/archive/document.service';
import { ARCHIVE_STORE, type ArchiveStore } from '../../src/archive/store/archive-store';
import { DEFAULT_PARAMETERS, PARAMETER_IDS, ParameterStore } from '../../src/policy';
import { cite } from '../../src/policy/sources';
import { FilesystemStore } from '../../src/archive/store/fs-store';
import { S3Store } from '../../src/archive/store/s3-store';
import { multipartBody, rawPost } from '../support/multipart';
import { startTestS3, type TestS3 } from '../support/s3rver';
import { startStack, type Stack } from '../support/stack';

// The case archive through HTTP on the real stack (PostgreSQL, Temporal, worker, API), once
// with the filesystem store and once with a real S3-compatible server (s3rver, started here):
// upload, supersede, download, notices as PDF, the ZIP whose manifest is checked against the
// audit trail, and every bad input of the archive rules, each followed by "nothing stored, no
// partial object" (the store listed, temporary keys included).

const SEEDED_HOUSEHOLD = '00000000-0000-4000-8000-000000000001';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A small valid-looking PDF (the door reads the magic bytes; the content is what the household scanned). */
const pdf = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF 户口簿照片')]);
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

const bytesOf = async (r: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

describe.each(['filesystem', 's3'] as const)('case archive (e2e, %s store)', (storeKind) => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  let baseUrl: string;
  let archiveDir: string;
  let s3: TestS3 | null = null;
  /** The test's own view of the store the API writes to. */
  let store: ArchiveStore;
  let caseId: string;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });

  const upload = (user: string, id: string, fields: Record<string, string>, file: Buffer, name: string) => {
    const req = http.post(`/api/v1/cases/${id}/documents`).set(as(user));
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return req.attach('file', file, name);
  };

  /** What a refused upload must leave as it was: rows, audit rows and objects (temporary ones included). */
  async function snapshot() {
    const [documents, audits] = await Promise.all([
      stack.prisma.caseDocument.count(),
      stack.prisma.auditLog.count({ where: { targetType: 'CaseDocument' } }),
    ]);
    return { documents, audits, objects: await store.list() };
  }

  beforeAll(async () => {
    archiveDir = mkdtempSync(join(tmpdir(), 'safetynet-archive-e2e-'));
    if (storeKind === 's3') {
      s3 = await startTestS3();
      const options = {
        bucket: s3.bucket,
        endpoint: s3.endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      };
      store = new S3Store(options);
      stack = await startStack({
        ARCHIVE_STORE: 's3',
        ARCHIVE_S3_BUCKET: s3.bucket,
        ARCHIVE_S3_ENDPOINT: s3.endpoint,
        ARCHIVE_S3_ACCESS_KEY_ID: s3.accessKeyId,
        ARCHIVE_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      });
    } else {
      store = new FilesystemStore(archiveDir);
      stack = await startStack({ ARCHIVE_DIR: archiveDir });
    }
    await stack.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(stack.app.getHttpServer().address() as AddressInfo).port}`;
    http = request(baseUrl);
    for (const u of [
      'village.assistant',
      'township.caseworker',
      'county.officer',
      'city.supervisor',
      'auditor',
      'audit.administrator',
    ])
      tokens[u] = await stack.tokenFor(u);
    tokens['village.410503'] = await stack.tokenForActor({
      userId: 'u-village-410503001001',
      role: 'VILLAGE_ASSISTANT',
      jurisdiction: '410503001001',
    });
    const submitted = await http
      .post('/api/v1/applications')
      .set(as('village.assistant'))
      .send({
        householdId: SEEDED_HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        facts: JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'archive', 'facts.json'), 'utf8')) as unknown,
        consent: { economicCheck: true, truthfulnessPromise: true },
      })
      .expect(201);
    caseId = submitted.body.id as string;
  });
  afterAll(async () => {
    await stack?.stop();
    if (store instanceof S3Store) store.close();
    await s3?.stop();
    rmSync(archiveDir, { recursive: true, force: true });
  });

  let firstId: string;

  it('stores an upload sealed, with its hash on the audit trail in the same transaction, and downloads it unchanged', async () => {
    const member = await stack.prisma.member.findFirstOrThrow({ where: { householdId: SEEDED_HOUSEHOLD } });
    const file = pdf('身份证正反面');
    const res = await upload('village.assistant', caseId, { type: 'ID_CARD', memberId: member.id }, file, '身份证.pdf');
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    expect(res.body).toMatchObject({
      caseKind: 'APPLICATION',
      caseId,
      type: 'ID_CARD',
      typeName: '身份证',
      memberId: member.id,
      fileName: '身份证.pdf',
      contentType: 'application/pdf',
      size: file.length,
      hashAlgorithm: 'SHA-256',
      hash: sha256(file),
      uploadedBy: 'demo-village-assistant',
      supersedesId: null,
    });
    firstId = res.body.id as string;
    const audit = await stack.prisma.auditLog.findUniqueOrThrow({
      where: { seq: BigInt(res.body.auditSeq as string) },
    });
    expect(audit).toMatchObject({ action: 'DOCUMENT_ARCHIVED', targetType: 'CaseDocument', targetId: firstId });
    expect(audit.hash).toBe(res.body.auditHash);
    expect(audit.details).toMatchObject({ caseId, hash: sha256(file), size: file.length });
    // At rest the object is ciphertext: no byte run of the clear file is in it.
    const objects = await store.list();
    expect(objects).toEqual([`cases/${caseId}/${firstId}`]);
    const stored = await bytesOf(await store.get(objects[0]!));
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    expect(stored.includes(Buffer.from('身份证正反面'))).toBe(false);

    const down = await http
      .get(`/api/v1/documents/${firstId}/content`)
      .set(as('auditor'))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toContain(encodeURIComponent('身份证.pdf'));
    expect(sha256(down.body as Buffer)).toBe(sha256(file));
  });

  it('supersedes a document with a reason: the old one stays, marked; it cannot be superseded twice', async () => {
    const newer = pdf('身份证（换领后）');
    const res = await http
      .post(`/api/v1/documents/${firstId}/versions`)
      .set(as('township.caseworker'))
      .field('reason', '身份证已换领，上传新证件')
      .attach('file', newer, '身份证-新.pdf')
      .expect(201);
    expect(res.body).toMatchObject({
      type: 'ID_CARD',
      supersedesId: firstId,
      supersedeReason: '身份证已换领，上传新证件',
    });
    const audit = await stack.prisma.auditLog.findUniqueOrThrow({
      where: { seq: BigInt(res.body.auditSeq as string) },
    });
    expect(audit).toMatchObject({ action: 'DOCUMENT_SUPERSEDED', reason: '身份证已换领，上传新证件' });
    const list = await http.get(`/api/v1/cases/${caseId}/documents`).set(as('village.assistant')).expect(200);
    const old = list.body.items.find((d: { id: string }) => d.id === firstId);
    expect(old).toMatchObject({ supersededById: res.body.id, hash: sha256(pdf('身份证正反面')) });
    const again = await http
      .post(`/api/v1/documents/${firstId}/versions`)
      .set(as('township.caseworker'))
      .field('reason', '再次替换')
      .attach('file', pdf('第三版'), '身份证-3.pdf')
      .expect(409);
    expect(again.body.code).toBe('DOCUMENT_ALREADY_SUPERSEDED');
    const noReason = await http
      .post(`/api/v1/documents/${res.body.id}/versions`)
      .set(as('township.caseworker'))
      .attach('file', pdf('无理由'), 'x.pdf')
      .expect(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'form.reason' })]);
    // The database itself refuses to change an archived row.
    await expect(
      stack.prisma.caseDocument.update({ where: { id: firstId }, data: { fileName: 'changed.pdf' } }),
    ).rejects.toThrow(/append-only/);
  });

  describe('bad input: refused, nothing stored, no partial object', () => {
    let before: Awaited<ReturnType<typeof snapshot>>;
    beforeEach(async () => {
      before = await snapshot();
    });
    afterEach(async () => {
      expect(await snapshot()).toEqual(before);
    });

    it('a file of another type than its name says (JPEG named .pdf)', async () => {
      const res = await upload('village.assistant', caseId, { type: 'HOUSEHOLD_REGISTER' }, jpeg, '户口簿.pdf');
      expect([res.status, res.body.code]).toEqual([400, 'DOCUMENT_CONTENT_MISMATCH']);
      expect(res.body.message).toContain('JPEG');
    });

    it('an executable renamed .pdf', async () => {
      const res = await upload('village.assistant', caseId, { type: 'OTHER' }, exe, '收入证明.pdf');
      expect([res.status, res.body.code]).toEqual([400, 'DOCUMENT_CONTENT_NOT_ALLOWED']);
    });

    it('an empty file', async () => {
      const res = await upload('village.assistant', caseId, { type: 'OTHER' }, Buffer.alloc(0), '空.pdf');
      expect([res.status, res.body.code]).toEqual([400, 'DOCUMENT_EMPTY']);
    });

    it('a file over the per-file limit (announced by content-length): 413 before it is read', async () => {
      const big = Buffer.concat([pdf('大文件'), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
      const res = await upload('village.assistant', caseId, { type: 'MEDICAL_BILL' }, big, '医疗票据.pdf');
      expect([res.status, res.body.code]).toEqual([413, 'DOCUMENT_TOO_LARGE']);
      expect(res.body.message).toContain('20 MB');
    });

    it('a file over the limit sent chunked (no length): stopped by the streaming count, 413', async () => {
      const big = Buffer.concat([pdf('大文件'), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
      const { body, contentType } = multipartBody({ type: 'MEDICAL_BILL' }, { name: '医疗票据.pdf', content: big });
      const res = await rawPost(
        `${baseUrl}/api/v1/cases/${caseId}/documents`,
        { ...as('village.assistant'), 'content-type': contentType },
        body,
      );
      expect([res?.status, res?.body.code]).toEqual([413, 'DOCUMENT_TOO_LARGE']);
    });

    it('a multipart body cut off mid-file (the closing boundary never comes)', async () => {
      const { body, contentType } = multipartBody(
        { type: 'OTHER' },
        { name: '评议记录.pdf', content: pdf('x'.repeat(5000)) },
      );
      const res = await http
        .post(`/api/v1/cases/${caseId}/documents`)
        .set({ ...as('village.assistant'), 'content-type': contentType })
        .send(body.subarray(0, body.length - 3000));
      expect([res.status, res.body.code]).toEqual([400, 'DOCUMENT_UPLOAD_INCOMPLETE']);
    });

    it('a connection dropped mid-file leaves no object either', async () => {
      const content = Buffer.concat([pdf('断开'), Buffer.alloc(2 * 1024 * 1024, 0x41)]);
      const { body, contentType } = multipartBody({ type: 'OTHER' }, { name: '断开.pdf', content });
      const res = await rawPost(
        `${baseUrl}/api/v1/cases/${caseId}/documents`,
        { ...as('village.assistant'), 'content-type': contentType },
        body,
        { abortAfterBytes: 1024 * 1024 },
      );
      expect(res).toBeNull();
      // The server notices the abort on its own time: wait until the temporary object is gone.
      for (let i = 0; i < 50 && (await store.list('tmp/')).length > 0; i++)
        await new Promise((r) => setTimeout(r, 100));
    });

    it.each(['../../x.pdf', '..\\..\\x.pdf', 'a/b.pdf'])('a path in the file name (%s)', async (name) => {
      const { body, contentType } = multipartBody({ type: 'OTHER' }, { name, content: pdf('path') });
      const res = await http
        .post(`/api/v1/cases/${caseId}/documents`)
        .set({ ...as('village.assistant'), 'content-type': contentType })
        .send(body);
      expect([res.status, res.body.code]).toEqual([400, 'DOCUMENT_FILE_NAME']);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'form.file' })]);
    });

    it('a case outside the caller’s jurisdiction: 403, for upload, list, download and archive', async () => {
      const res = await upload('village.410503', caseId, { type: 'OTHER' }, pdf('他辖区'), 'a.pdf');
      expect([res.status, res.body.code]).toEqual([403, 'OUT_OF_JURISDICTION']);
      await http.get(`/api/v1/cases/${caseId}/documents`).set(as('village.410503')).expect(403);
      await http.get(`/api/v1/documents/${firstId}/content`).set(as('village.410503')).expect(403);
      await http.get(`/api/v1/cases/${caseId}/archive`).set(as('village.410503')).expect(403);
    });

    it('the same content twice in one case, an unknown type, a member of another household', async () => {
      const dup = await upload('village.assistant', caseId, { type: 'OTHER' }, pdf('身份证（换领后）'), '副本.pdf');
      expect([dup.status, dup.body.code]).toEqual([409, 'DOCUMENT_DUPLICATE']);
      const type = await upload('village.assistant', caseId, { type: 'PASSPORT' }, pdf('t'), 't.pdf');
      expect([type.status, type.body.errors?.[0]?.path]).toEqual([400, 'form.type']);
      const member = await upload(
        'village.assistant',
        caseId,
        { type: 'OTHER', memberId: '00000000-0000-4000-8000-00000000ffff' },
        pdf('m'),
        'm.pdf',
      );
      expect([member.status, member.body.code]).toEqual([400, 'DOCUMENT_MEMBER_UNKNOWN']);
    });
  });

  it('renders the notices as PDF (A4, Chinese font embedded) and files them with their hash', async () => {
    await http
      .post(`/api/v1/applications/${caseId}/actions`)
      .set(as('village.assistant'))
      .send({ action: 'withdraw', reason: '家庭情况好转' })
      .expect(200);
    for (let i = 0; i < 100 && (await stack.prisma.notice.count({ where: { applicationId: caseId } })) === 0; i++)
      await new Promise((r) => setTimeout(r, 200));
    const list = await http.get(`/api/v1/cases/${caseId}/documents`).set(as('auditor')).expect(200);
    const notice = list.body.items.find((d: { type: string }) => d.type === 'NOTICE');
    expect(notice).toMatchObject({ contentType: 'application/pdf', uploadedBy: 'system:archive' });
    const content = await http
      .get(`/api/v1/documents/${notice.id}/content`)
      .set(as('auditor'))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const bytes = content.body as Buffer;
    expect(sha256(bytes)).toBe(notice.hash);
    const text = bytes.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/); // A4
    expect(text).toMatch(/\/FontFile3|\/FontFile2/); // the font is embedded
    expect(text).toMatch(/NotoSansHans/);
    // A second read renders nothing again.
    const again = await http.get(`/api/v1/cases/${caseId}/documents`).set(as('auditor')).expect(200);
    expect(again.body.items.filter((d: { type: string }) => d.type === 'NOTICE')).toHaveLength(1);
  });

  it('downloads the case as one ZIP whose manifest hashes match the files and the audit trail', async () => {
    const res = await http
      .get(`/api/v1/cases/${caseId}/archive`)
      .set(as('auditor'))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = new AdmZip(res.body as Buffer);
    const manifest = JSON.parse(zip.readAsText('manifest.json')) as {
      caseId: string;
      files: {
        path: string;
        hash: string;
        size: number;
        type: string;
        auditSeq: string | null;
        auditHash: string | null;
      }[];
    };
    expect(manifest.caseId).toBe(caseId);
    expect(manifest.files.map((f) => f.type).sort()).toEqual(['DECISION_SNAPSHOT', 'ID_CARD', 'ID_CARD', 'NOTICE']);
    for (const f of manifest.files) {
      const data = zip.getEntry(f.path)!.getData();
      expect([f.path, sha256(data), data.length]).toEqual([f.path, f.hash, f.size]);
      if (f.type === 'DECISION_SNAPSHOT') continue;
      // The auditor's offline check: the audit row named by the manifest recorded this very hash.
      const row = await stack.prisma.auditLog.findUniqueOrThrow({ where: { seq: BigInt(f.auditSeq!) } });
      expect([row.hash, (row.details as { hash: string }).hash]).toEqual([f.auditHash, f.hash]);
    }
    const decision = JSON.parse(zip.readAsText('decision.json')) as { caseId: string; caseKind: string };
    expect(decision).toMatchObject({ caseId, caseKind: 'APPLICATION' });
    const verification = await http.get('/api/v1/audit/verification').set(as('audit.administrator')).expect(200);
    expect(verification.body.valid).toBe(true);
  });

  it('files documents on an emergency case too (one id space over the case tables)', async () => {
    const created = await http
      .post('/api/v1/emergency-aid')
      .set(as('township.caseworker'))
      .send({
        townshipCode: '410502002',
        applicant: { name: '王某某', idNumber: '410502199001011236' },
        area: 'RURAL',
        kind: 'SUDDEN',
        amount: 800,
        description: '家中失火，生活无着',
      })
      .expect(201);
    const id = created.body.id as string;
    const res = await upload('township.caseworker', id, { type: 'MEDICAL_BILL' }, jpeg, '医疗票据.jpg');
    expect([res.status, res.body.caseKind, res.body.contentType]).toEqual([201, 'EMERGENCY', 'image/jpeg']);
    const list = await http.get(`/api/v1/cases/${id}/documents`).set(as('auditor')).expect(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toContain(res.body.id);
    await http.get(`/api/v1/cases/${id}/documents`).set(as('village.410503')).expect(403);
  });

  it('refuses a step whose required documents (a county parameter) are missing, naming them', async () => {
    const params = new ParameterStore([
      ...DEFAULT_PARAMETERS,
      {
        id: PARAMETER_IDS.ARCHIVE_REQUIRED_DOCUMENTS,
        version: 'e2e',
        validFrom: '2021-07-01',
        division: '410502',
        value: [
          { step: 'REVIEW', type: 'HOME_VISIT_FORM' },
          { step: 'REVIEW', type: 'ID_CARD' },
        ],
        unit: 'TABLE',
        citations: [cite.localDefault('测试：审核前须有签字的入户调查表')],
      },
    ]);
    const service = new DocumentService(
      stack.prisma,
      stack.app.get(DocumentRepository),
      stack.app.get<ArchiveStore>(ARCHIVE_STORE),
      stack.config,
      stack.app.get(LiveParameterStore),
      params,
    );
    const refused = await service.refuseMissing(caseId, 'REVIEW').catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'REQUIRED_DOCUMENTS_MISSING',
      errors: [expect.objectContaining({ code: 'HOME_VISIT_FORM', message: '缺少入户调查表' })],
    });
    expect((refused as { getStatus(): number }).getStatus()).toBe(409);
    await expect(service.refuseMissing(caseId, 'ACCEPT')).resolves.toBeUndefined();
    // With the shipped (empty) list nothing is required.
    await expect(stack.app.get(DocumentService).refuseMissing(caseId, 'REVIEW')).resolves.toBeUndefined();
  });

  it('files documents on a complaint, a referral and a recovery; the city supervisor only on complaints', async () => {
    const complaint = await http
      .post('/api/v1/complaints')
      .set(as('county.officer'))
      .send({
        channel: 'HOTLINE',
        subject: 'PROCEDURE',
        countyCode: '410502',
        content: '来电反映窗口工作人员未一次性告知所需材料。',
        anonymous: true,
      })
      .expect(201);
    // Referrals and recoveries are opened by their own processes (tested in their suites);
    // here they only need to exist for the archive to file on them.
    const now = new Date();
    const referralId = randomUUID();
    await stack.prisma.referral.create({
      data: {
        id: referralId,
        origin: 'ENROLMENT',
        memberRef: 'p1',
        entitlement: 'EDUCATION_AID',
        department: 'EDUCATION',
        countyCode: '410502',
        townshipCode: '410502002',
        timeLimitWorkingDays: 15,
        periodicity: 'YEARLY',
        amountRequired: true,
        year: 2026,
        stage: 'REFERRED',
        workflowId: `referral-${referralId}`,
        openedAt: now,
        updatedAt: now,
      },
    });
    const recoveryId = randomUUID();
    await stack.prisma.recovery.create({
      data: {
        id: recoveryId,
        enrolledCaseId: randomUUID(),
        householdId: SEEDED_HOUSEHOLD,
        countyCode: '410502',
        sourceKind: 'COMPLAINT',
        sourceId: complaint.body.id as string,
        findingKind: 'OTHER',
        finding: { kind: 'OTHER', effectiveFrom: '2026-01-01', description: '不符合保障条件' },
        cause: 'HOUSEHOLD',
        stage: 'NOTIFIED',
        total: '660.00',
        workflowId: `recovery-${recoveryId}`,
        openedBy: 'demo-county-officer',
        openedAt: now,
        updatedAt: now,
      },
    });
    const cases = [
      { id: complaint.body.id as string, kind: 'COMPLAINT', user: 'city.supervisor' },
      { id: referralId, kind: 'REFERRAL', user: 'township.caseworker' },
      { id: recoveryId, kind: 'RECOVERY', user: 'county.officer' },
    ];
    for (const c of cases) {
      const file = pdf(`${c.kind} 证据`);
      const filed = await upload(c.user, c.id, { type: 'OTHER' }, file, `${c.kind}.pdf`).expect(201);
      expect(filed.body).toMatchObject({ caseId: c.id, caseKind: c.kind, type: 'OTHER', hash: sha256(file) });
      const listed = await http.get(`/api/v1/cases/${c.id}/documents`).set(as('auditor')).expect(200);
      expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual([filed.body.id]);
      const zip = await http
        .get(`/api/v1/cases/${c.id}/archive`)
        .set(as('auditor'))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (b: Buffer) => chunks.push(b));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const entries = new AdmZip(zip.body as Buffer);
      const decision = JSON.parse(entries.readAsText('decision.json')) as Record<string, unknown>;
      expect(decision).toMatchObject({ caseKind: c.kind, caseId: c.id });
      // A complaint's content may name people: it stays out of the snapshot.
      expect(decision).not.toHaveProperty('content');
    }
    // The city supervisor answers complaints about staff: other cases' materials are not its own.
    const refused = await http.get(`/api/v1/cases/${caseId}/documents`).set(as('city.supervisor')).expect(403);
    expect(refused.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED', message: expect.stringContaining('投诉举报') });
    await http.get(`/api/v1/cases/${referralId}/documents`).set(as('city.supervisor')).expect(403);
  });

  it('answers 404 for an id no case table holds', async () => {
    const res = await upload(
      'village.assistant',
      '00000000-0000-4000-8000-0000000000aa',
      { type: 'OTHER' },
      pdf('n'),
      'n.pdf',
    );
    expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
  });
});
