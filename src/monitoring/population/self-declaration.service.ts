import { Inject, Injectable } from '@nestjs/common';
import { assertJurisdiction } from '../../auth/jurisdiction';
import { againIfTwinWon } from '../../common/idempotency';
import type { IdempotentRequest } from '../../common/idempotency-key.decorator';
import { refuse } from '../../common/refusals';
import type { PopulationChange, SelfDeclaration } from '../../core/contracts/population';
import { maskResidentId } from '../../core/contracts/resident-id';
import type { Actor } from '../../core/contracts/roles';
import { PiiCipher } from '../../registry/pii-cipher';
import { SelfDeclarationRepository } from './self-declaration.repository';

/**
 * 自主申报 (plan 二(三)3): a person in no category who declares hardship, or whom a visit found,
 * enters the low-income population database (category UNCATEGORISED) so that the department
 * batches see them as known (an unemployment registration warns about them), the village keeps
 * their dated history, and a later application finds them. Someone already enrolled or imported
 * in a category reports changes through their case instead.
 */
@Injectable()
export class SelfDeclarationService {
  constructor(
    @Inject(SelfDeclarationRepository) private readonly repo: SelfDeclarationRepository,
    @Inject(PiiCipher) private readonly pii: PiiCipher,
  ) {}

  /** A retry under the same Idempotency-Key adds no line and returns the first answer; another body under it: 422. */
  async declare(actor: Actor, body: SelfDeclaration, requestId: string, idempotency?: IdempotentRequest) {
    const village = await this.repo.village(body.villageCode);
    if (!village || village.level !== 'VILLAGE')
      refuse('VALIDATION_FAILED', '请求内容校验未通过', [
        { path: 'villageCode', code: 'UNKNOWN_DIVISION', message: '不是安阳市的村（社区）区划代码' },
      ]);
    assertJurisdiction(actor, body.villageCode);
    const idNumber = body.idNumber.toUpperCase();
    const hmacs = this.pii.lookupHashes(idNumber);
    const person = {
      idNumberMasked: maskResidentId(idNumber),
      name: body.name,
      origin: body.origin,
      countyCode: body.villageCode.slice(0, 6),
      villageCode: body.villageCode,
      declaredOn: body.declaredOn,
      hardship: body.hardship,
    };
    const r = await againIfTwinWon(idempotency, () => this.repo.declare(actor, requestId, hmacs, person, idempotency));
    if (r.covered) refuse('POPULATION_ALREADY_COVERED');
    return { recordId: r.recordId, created: r.created, changeId: r.changeId };
  }

  async record(actor: Actor, id: string) {
    const rec = await this.repo.record(id);
    if (!rec || rec.category !== 'UNCATEGORISED') refuse('NOT_FOUND', `自主申报记录不存在：${id}`);
    assertJurisdiction(actor, rec.divisionCode ?? rec.countyCode);
    return {
      recordId: rec.id,
      name: rec.name,
      idNumberMasked: rec.idNumberMasked,
      category: rec.category,
      origin: rec.origin,
      countyCode: rec.countyCode,
      divisionCode: rec.divisionCode,
      since: rec.since.toISOString().slice(0, 10),
      hardship: rec.hardship,
      changes: rec.changes.map((c) => ({
        changeId: c.id,
        source: c.source,
        description: c.description,
        occurredOn: c.occurredOn.toISOString().slice(0, 10),
        batchId: c.batchId,
        recordedBy: c.recordedBy,
        recordedAt: c.recordedAt.toISOString(),
      })),
    };
  }

  /** A retry under the same Idempotency-Key adds no line and returns the first change; another body under it: 422. */
  async addChange(
    actor: Actor,
    id: string,
    body: PopulationChange,
    requestId: string,
    idempotency?: IdempotentRequest,
  ) {
    const rec = await this.repo.record(id);
    if (!rec || rec.category !== 'UNCATEGORISED') refuse('NOT_FOUND', `自主申报记录不存在：${id}`);
    assertJurisdiction(actor, rec.divisionCode ?? rec.countyCode);
    const change = {
      source: body.source,
      description: body.description,
      occurredOn: body.occurredOn,
      changeKey: `request:${requestId}`,
    };
    const changeId = await againIfTwinWon(idempotency, () =>
      this.repo.addChange(actor, requestId, id, change, idempotency),
    );
    return { recordId: id, changeId };
  }
}
