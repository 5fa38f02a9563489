import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Request } from 'express';
import type { z } from 'zod';
import { assertJurisdiction } from '../auth/jurisdiction';
import { refuse, refusal } from '../common/refusals';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { cstDate } from '../core/clock';
import {
  DOCUMENT_TYPE_NAMES,
  DocumentUploadFields,
  DocumentVersionFields,
  type CaseKind,
  type DocumentType,
} from '../core/contracts/case-document';
import { countyOf } from '../core/contracts/division';
import { ROLE_NAMES_ZH, type Actor } from '../core/contracts/roles';
import type { ParameterStore } from '../policy';
import { LiveParameterStore } from '../policy-admin/live-parameter-store';
import { PrismaClient } from '../prisma/prisma-client';
import { archiveRules, retainUntil, type ArchiveRules } from './archive-rules';
import { findCase, type ArchivedCase } from './case-lookup';
import { KINDS_OF_ROLE } from './roles';
import { documentBody, type DocumentRow } from './document-body';
import { DocumentRepository } from './document.repository';
import { fileNameProblem } from './file-name';
import { CONTENT_TYPE_NAMES, contentTypeOf, contentTypeOfName } from './magic-bytes';
import { receiveUpload, type ReceivedUpload } from './multipart-upload';
import { missingDocuments } from './required-documents';
import { archiveNotices } from './notice-documents';
import { conflictOf, recordDocument } from './record-document';
import { deriveArchiveKey, openStream, type ArchiveKey } from './sealing';
import { ARCHIVE_STORE, type ArchiveStore } from './store/archive-store';

const MB = 1024 * 1024;

/** Optional provider of the parameter store the archive reads (the shipped one when absent). */
export const ARCHIVE_PARAMETERS = Symbol('ARCHIVE_PARAMETERS');
const NODE_HASH = { 'SHA-256': 'sha256', SM3: 'sm3' } as const;

/** Field errors of a zod parse, as the API reports them (path under `form.`). */
function formErrors(error: z.ZodError) {
  return error.issues.map((i) => ({ path: ['form', ...i.path].join('.'), code: i.code, message: i.message }));
}

/** The case archive: documents of any case kind, uploaded, superseded, read and downloaded whole. */
@Injectable()
export class DocumentService {
  private readonly key: ArchiveKey;
  private readonly keyring: Map<string, Buffer>;
  private readonly hashAlgorithm: string;
  private readonly params: ParameterStore;

  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(DocumentRepository) private readonly rows: DocumentRepository,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LiveParameterStore) live: LiveParameterStore,
    // The parameters in force unless given (tests: a county's own list of required documents).
    @Optional() @Inject(ARCHIVE_PARAMETERS) given?: ParameterStore,
  ) {
    this.params = given ?? live;
    this.key = deriveArchiveKey(config.PII_ENCRYPTION_KEY);
    // Files sealed under an earlier PII key still open after a rotation.
    this.keyring = new Map(
      [this.key, ...config.TEMPORAL_PAYLOAD_PREVIOUS_KEYS.map(deriveArchiveKey)].map((k) => [k.id, k.key]),
    );
    this.hashAlgorithm = NODE_HASH[config.ARCHIVE_HASH_ALGORITHM];
  }

  /** The case, or 404; 403 outside the caller's jurisdiction. Checked before a byte of the body is read. */
  async caseFor(actor: Actor, id: string): Promise<ArchivedCase> {
    const c = await findCase(this.prisma, id);
    if (!c) refuse('NOT_FOUND', `案件不存在：${id}`);
    assertKind(actor, c.kind);
    assertJurisdiction(actor, c.divisionCode);
    return c;
  }

  private rulesFor(c: ArchivedCase): ArchiveRules {
    return archiveRules(this.params, countyOf(c.divisionCode), cstDate(new Date().toISOString()));
  }

  async upload(actor: Actor, caseId: string, req: Request, requestId: string) {
    const c = await this.caseFor(actor, caseId);
    const rules = this.rulesFor(c);
    const received = await this.receive(req, rules);
    return this.file(actor, c, rules, received, requestId, null);
  }

  async supersede(actor: Actor, documentId: string, req: Request, requestId: string) {
    const old = await this.document(actor, documentId);
    if (old.type === 'NOTICE') refuse('FORBIDDEN', '通知书由系统生成，不能替换');
    const c = await this.caseFor(actor, old.caseId);
    const rules = this.rulesFor(c);
    const received = await this.receive(req, rules);
    return this.file(actor, c, rules, received, requestId, old);
  }

  private receive(req: Request, rules: ArchiveRules) {
    return receiveUpload(req, this.store, this.key, {
      maxFileBytes: rules.fileMaxMb * MB,
      maxFileMb: rules.fileMaxMb,
      hashAlgorithm: this.hashAlgorithm,
    });
  }

  /** Every check at the door, then the record; the temporary object is removed on any refusal. */
  private async file(
    actor: Actor,
    c: ArchivedCase,
    rules: ArchiveRules,
    received: ReceivedUpload,
    requestId: string,
    supersedes: DocumentRow | null,
  ) {
    const temporaryKey = received.file?.temporaryKey;
    try {
      const fields = supersedes
        ? DocumentVersionFields.safeParse(received.fields)
        : DocumentUploadFields.safeParse(received.fields);
      if (!fields.success) refuse('VALIDATION_FAILED', undefined, formErrors(fields.error));
      const file = received.file;
      if (!file) refuse('DOCUMENT_FILE_MISSING');
      const nameProblem = fileNameProblem(file.fileName);
      if (nameProblem)
        refuse('DOCUMENT_FILE_NAME', nameProblem, [{ path: 'form.file', code: 'file_name', message: nameProblem }]);
      if (file.size === 0) refuse('DOCUMENT_EMPTY', `文件“${file.fileName}”为空（0 字节）`);
      const contentType = contentTypeOf(file.head);
      const allowed = rules.contentTypes.map((t) => CONTENT_TYPE_NAMES[t] ?? t).join('、');
      if (!contentType || !rules.contentTypes.includes(contentType))
        refuse(
          'DOCUMENT_CONTENT_NOT_ALLOWED',
          `文件“${file.fileName}”的内容不是允许的类型（${allowed}），不论其扩展名`,
        );
      const claimed = contentTypeOfName(file.fileName);
      if (claimed !== contentType)
        refuse(
          'DOCUMENT_CONTENT_MISMATCH',
          `文件“${file.fileName}”的内容是 ${CONTENT_TYPE_NAMES[contentType]}，与${claimed ? `扩展名所示的 ${CONTENT_TYPE_NAMES[claimed]}` : '其扩展名'}不符`,
        );
      const type = (fields.data.type ?? supersedes?.type) as DocumentType;
      const memberId = fields.data.memberId ?? (fields.data.type ? null : (supersedes?.memberId ?? null));
      if (memberId) await this.assertMember(c, memberId);
      await this.assertRoom(c, rules, file.size);
      const reason = 'reason' in fields.data ? fields.data.reason : '';
      const row = await recordDocument(this.prisma, this.store, {
        id: randomUUID(),
        case: c,
        type,
        memberId,
        noticeRef: null,
        fileName: file.fileName,
        contentType,
        size: file.size,
        hash: file.hash,
        hashAlgorithm: this.config.ARCHIVE_HASH_ALGORITHM,
        keyId: this.key.id,
        temporaryKey: file.temporaryKey,
        supersedes: supersedes ? { id: supersedes.id, reason } : null,
        retainUntil: retainUntil(cstDate(new Date().toISOString()), rules),
        actor: { actorId: actor.userId, role: actor.role },
        requestId,
      }).catch((e: unknown) => {
        const conflict = conflictOf(e);
        if (conflict === 'HASH')
          throw refusal(
            'DOCUMENT_DUPLICATE',
            `该案件中已有内容完全相同的文件（${DOCUMENT_TYPE_NAMES[type]}），不重复归档`,
          );
        if (conflict === 'SUPERSEDES') throw refusal('DOCUMENT_ALREADY_SUPERSEDED');
        throw e;
      });
      return documentBody(row, null);
    } catch (e) {
      if (temporaryKey) await this.store.remove(temporaryKey).catch(() => undefined);
      throw e;
    }
  }

  private async assertMember(c: ArchivedCase, memberId: string): Promise<void> {
    if (!c.householdId || !(await this.rows.isMember(c.householdId, memberId)))
      refuse('DOCUMENT_MEMBER_UNKNOWN', undefined, [
        { path: 'form.memberId', code: 'unknown_member', message: '该成员不属于本案件的家庭' },
      ]);
  }

  private async assertRoom(c: ArchivedCase, rules: ArchiveRules, size: number): Promise<void> {
    if ((await this.rows.bytesOf(c.id)) + size > rules.caseMaxMb * MB)
      refuse(
        'CASE_ARCHIVE_FULL',
        `该案件的电子材料将超过 ${rules.caseMaxMb} MB 的总量上限（参数 archive.case_max_mb）`,
      );
  }

  /** A document, with its case's jurisdiction checked. */
  async document(actor: Actor, documentId: string): Promise<DocumentRow> {
    const row = await this.rows.find(documentId);
    if (!row) refuse('NOT_FOUND', `材料不存在：${documentId}`);
    assertKind(actor, row.caseKind as CaseKind);
    assertJurisdiction(actor, row.divisionCode);
    return row;
  }

  /** Every document of the case, newest version marked, notices rendered first. */
  async list(actor: Actor, caseId: string) {
    const c = await this.caseFor(actor, caseId);
    const rows = await this.documentsOf(c);
    const replacedBy = new Map(rows.filter((r) => r.supersedesId).map((r) => [r.supersedesId!, r.id]));
    return { items: rows.map((r) => documentBody(r, replacedBy.get(r.id) ?? null)) };
  }

  /** The case's rows (notices rendered and filed first); an enrolled case shows its application's notices too. */
  async documentsOf(c: ArchivedCase): Promise<DocumentRow[]> {
    const rules = this.rulesFor(c);
    await archiveNotices(
      {
        prisma: this.prisma,
        store: this.store,
        key: this.key,
        hashAlgorithm: this.hashAlgorithm,
        hashName: this.config.ARCHIVE_HASH_ALGORITHM,
        retainUntil: retainUntil(cstDate(new Date().toISOString()), rules),
      },
      c,
    );
    return this.rows.ofCase(c);
  }

  /** The clear content of a stored document, streamed (decrypted as it is read). */
  async open(row: DocumentRow): Promise<Readable> {
    const stored = await this.store.get(row.storageKey);
    if (!row.keyId) return stored;
    const clear = openStream(this.keyring, row.keyId);
    stored.on('error', (e) => clear.destroy(e));
    return stored.pipe(clear);
  }

  /** Which required document types the case lacks for a step (parameter archive.required_documents); superseded versions count too. */
  async missingFor(c: ArchivedCase, step: string): Promise<string[]> {
    const required = this.rulesFor(c).required;
    if (!required.some((r) => r.step === step)) return [];
    return missingDocuments(required, step, await this.rows.typesOf(c.id));
  }

  /** 409 with the list of what is missing when a step's required documents are not on the case. */
  async refuseMissing(caseId: string | null, step: string): Promise<void> {
    const c = caseId ? await findCase(this.prisma, caseId) : null;
    if (!c) return;
    const missing = await this.missingFor(c, step);
    if (missing.length === 0) return;
    const names = missing.map((t) => DOCUMENT_TYPE_NAMES[t as DocumentType] ?? t);
    refuse(
      'REQUIRED_DOCUMENTS_MISSING',
      `办理此环节前须上传：${names.join('、')}（参数 archive.required_documents）`,
      missing.map((t, i) => ({ path: 'documents', code: t, message: `缺少${names[i]}` })),
      { missing },
    );
  }
}

/** A role confined to some case kinds (KINDS_OF_ROLE) is refused the others, with the reason. */
function assertKind(actor: Actor, kind: CaseKind): void {
  const kinds = KINDS_OF_ROLE[actor.role];
  if (kinds && !kinds.includes(kind))
    refuse('ROLE_NOT_ALLOWED', `${ROLE_NAMES_ZH[actor.role]}只能查阅和归档投诉举报的材料`);
}
