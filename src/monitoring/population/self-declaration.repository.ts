import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../../audit/audit-log';
import { assertSameRequest, idempotentId, recordRequest } from '../../common/idempotency';
import type { IdempotentRequest } from '../../common/idempotency-key.decorator';
import type { Actor } from '../../core/contracts/roles';
import { Prisma, PrismaClient } from '../../prisma/prisma-client';

type Tx = Prisma.TransactionClient;

/** A person's record in no category, and what the lookup found in the way of one. */
export interface DeclarationTarget {
  /** Enrolled (a case not exited) or imported in an assistance category: not a self-declaration's person. */
  covered: boolean;
  /** The person's record in no category, if one exists (any origin). */
  record: { id: string; countyCode: string; divisionCode: string | null } | null;
}

export type Declared = { covered: true } | { covered: false; recordId: string; created: boolean; changeId: string };

/** Under an Idempotency-Key, the ids a request gives its record and its history line (a retry finds them). */
const recordIdFor = (actor: Actor, k: IdempotentRequest) => idempotentId(actor.userId, k, 'population-record');
const changeIdFor = (actor: Actor, k: IdempotentRequest) => idempotentId(actor.userId, k, 'population-change');

export interface NewChange {
  source: string;
  description: string;
  occurredOn: string;
  changeKey: string;
}

/**
 * The self-declared part of the low-income population database (低收入人口数据库): people in
 * no category recorded by staff, and the dated changes reported for them. Every write is one
 * transaction with its audit row, under the person's advisory lock (two clerks recording the
 * same person at once get one record).
 */
@Injectable()
export class SelfDeclarationRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  village(code: string) {
    return this.prisma.division.findUnique({ where: { code }, select: { code: true, level: true } });
  }

  private async target(tx: Tx, hmacs: string[]): Promise<DeclarationTarget> {
    const [{ covered }] = await tx.$queryRaw<{ covered: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM member m JOIN enrolled_case e ON e.household_id = m.household_id
                     WHERE m.id_number_hmac = ANY(${hmacs}::text[]) AND e.status <> 'EXITED')
          OR EXISTS (SELECT 1 FROM population_record p WHERE p.id_number_hmac = ANY(${hmacs}::text[])
                     AND p.category NOT IN ('RELAPSE_MONITORED', 'UNCATEGORISED')) AS covered`;
    const record = await tx.populationRecord.findFirst({
      where: { idNumberHmac: { in: hmacs }, category: 'UNCATEGORISED' },
      orderBy: { recordedAt: 'asc' },
      select: { id: true, countyCode: true, divisionCode: true },
    });
    return { covered, record };
  }

  /**
   * Records the declaration: a new record (its first history line the declaration itself) or,
   * for a person already recorded in no category, a change on that record. `covered`: nothing written.
   * A retry under the request's Idempotency-Key writes nothing and answers as the first did.
   */
  async declare(
    actor: Actor,
    requestId: string,
    hmacs: string[],
    person: {
      idNumberMasked: string;
      name: string;
      origin: string;
      countyCode: string;
      villageCode: string;
      declaredOn: string;
      hardship: string;
    },
    idempotency?: IdempotentRequest,
  ): Promise<Declared> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`population:${hmacs[0]}`}))`;
      if (idempotency && (await assertSameRequest(tx, actor.userId, idempotency))) {
        const changeId = changeIdFor(actor, idempotency);
        const { recordId } = await tx.populationRecordChange.findUniqueOrThrow({
          where: { id: changeId },
          select: { recordId: true },
        });
        return { covered: false, recordId, created: recordId === recordIdFor(actor, idempotency), changeId } as const;
      }
      const found = await this.target(tx, hmacs);
      if (found.covered) return { covered: true } as const;
      if (idempotency) await recordRequest(tx, actor.userId, idempotency);
      const now = new Date();
      const created = found.record === null;
      const recordId = found.record?.id ?? (idempotency ? recordIdFor(actor, idempotency) : randomUUID());
      if (created)
        await tx.populationRecord.create({
          data: {
            id: recordId,
            idNumberHmac: hmacs[0]!,
            idNumberMasked: person.idNumberMasked,
            name: person.name,
            category: 'UNCATEGORISED',
            origin: person.origin,
            countyCode: person.countyCode,
            divisionCode: person.villageCode,
            hardship: person.hardship,
            recordedBy: actor.userId,
            since: new Date(person.declaredOn),
            recordedAt: now,
            updatedAt: now,
          },
        });
      const changeId = await this.insertChange(
        tx,
        recordId,
        actor,
        {
          source: person.origin,
          description: person.hardship,
          occurredOn: person.declaredOn,
          changeKey: `request:${requestId}`,
        },
        idempotency && changeIdFor(actor, idempotency),
      );
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: created ? 'POPULATION_SELF_DECLARED' : 'POPULATION_CHANGE_RECORDED',
        targetType: 'PopulationRecord',
        targetId: recordId,
        requestId,
        details: { origin: person.origin, villageCode: person.villageCode, occurredOn: person.declaredOn },
      });
      return { covered: false, recordId, created, changeId } as const;
    });
  }

  private async insertChange(
    tx: Tx,
    recordId: string,
    actor: Actor,
    c: NewChange,
    id: string = randomUUID(),
  ): Promise<string> {
    const existing = await tx.populationRecordChange.findUnique({
      where: { recordId_changeKey: { recordId, changeKey: c.changeKey } },
      select: { id: true },
    });
    if (existing) return existing.id;
    await tx.populationRecordChange.create({
      data: {
        id,
        recordId,
        changeKey: c.changeKey,
        source: c.source,
        description: c.description,
        occurredOn: new Date(c.occurredOn),
        recordedBy: actor.userId,
        recordedAt: new Date(),
      },
    });
    await tx.populationRecord.update({ where: { id: recordId }, data: { updatedAt: new Date() } });
    return id;
  }

  record(id: string) {
    return this.prisma.populationRecord.findUnique({
      where: { id },
      include: { changes: { orderBy: [{ occurredOn: 'desc' }, { recordedAt: 'desc' }] } },
    });
  }

  /**
   * A change reported for a recorded person in no category, with its audit row. A retry under
   * the request's Idempotency-Key (the route names the record) writes nothing and returns the first change.
   */
  async addChange(
    actor: Actor,
    requestId: string,
    recordId: string,
    c: NewChange,
    idempotency?: IdempotentRequest,
  ): Promise<string> {
    return this.prisma.$transaction(async (tx) => {
      if (idempotency && (await assertSameRequest(tx, actor.userId, idempotency)))
        return changeIdFor(actor, idempotency);
      if (idempotency) await recordRequest(tx, actor.userId, idempotency);
      const changeId = await this.insertChange(tx, recordId, actor, c, idempotency && changeIdFor(actor, idempotency));
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'POPULATION_CHANGE_RECORDED',
        targetType: 'PopulationRecord',
        targetId: recordId,
        requestId,
        details: { source: c.source, occurredOn: c.occurredOn },
      });
      return changeId;
    });
  }
}
