import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../../audit/audit-log';
import { assertJurisdiction } from '../../auth/jurisdiction';
import { refuse } from '../../common/refusals';
import { countiesOf } from '../../common/jurisdiction-scope';
import { divisionPrefix } from '../../core/contracts/division';
import type { PopulationQuery, RevealIdNumber } from '../../core/contracts/population';
import type { Actor } from '../../core/contracts/roles';
import { Prisma, PrismaClient } from '../../prisma/prisma-client';
import { PiiCipher } from '../../registry/pii-cipher';
import { CATEGORY_ZH, ORIGIN_NAMES_ZH, SUBTYPE_NAMES_ZH } from './population-names';
import { PopulationRepository } from './population.repository';

/** The low-income population database (低收入人口数据库): search within the caller's jurisdiction, and the audited reveal of one ID number. */
@Injectable()
export class PopulationService {
  constructor(
    @Inject(PopulationRepository) private readonly population: PopulationRepository,
    @Inject(PiiCipher) private readonly pii: PiiCipher,
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
  ) {}

  async search(actor: Actor, q: PopulationQuery) {
    if (q.division) assertJurisdiction(actor, q.division);
    // A person is in a jurisdiction by the household's village, or by the county of an import not in the registry.
    const own = `${divisionPrefix(actor.jurisdiction)}%`;
    const where = Prisma.join(
      [
        Prisma.sql`coalesce(x.division_code, x.county_code) LIKE ${own}`,
        ...(q.division ? [Prisma.sql`coalesce(x.division_code, x.county_code) LIKE ${`${q.division}%`}`] : []),
        ...(q.name ? [Prisma.sql`x.name LIKE ${`${q.name.replace(/[%_\\]/g, '\\$&')}%`}`] : []),
        ...(q.idNumber
          ? [Prisma.sql`x.id_number_hmac = ANY(${this.pii.lookupHashes(q.idNumber.toUpperCase())}::text[])`]
          : []),
        ...(q.householdId ? [Prisma.sql`x.household_id = ${q.householdId}::uuid`] : []),
        ...(q.category ? [Prisma.sql`x.category = ${q.category}`] : []),
        ...(q.origin ? [Prisma.sql`x.origin = ${q.origin}`] : []),
      ],
      ' AND ',
    );
    const [rows, total] = await this.population.search(
      countiesOf(actor.jurisdiction),
      where,
      (q.page - 1) * q.pageSize,
      q.pageSize,
    );
    return {
      items: rows.map((r) => ({
        memberId: r.member_id,
        householdId: r.household_id,
        name: r.name,
        idNumberMasked: r.id_number_masked,
        category: r.category,
        categoryName: CATEGORY_ZH[r.category] ?? r.category,
        subtype: r.subtype,
        subtypeName: r.subtype === null ? null : (SUBTYPE_NAMES_ZH[r.subtype] ?? r.subtype),
        origin: r.origin,
        originName: ORIGIN_NAMES_ZH[r.origin] ?? r.origin,
        countyCode: r.county_code,
        divisionCode: r.division_code,
        since: r.since === null ? null : r.since.toISOString().slice(0, 10),
        enrolledCaseId: r.enrolled_case_id,
        recordId: r.record_id,
      })),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }

  /** One registered member's ID number in clear, for a county role, with the reason on the audit trail. */
  async reveal(actor: Actor, body: RevealIdNumber, requestId: string) {
    const { memberId } = body;
    const member = await this.population.member(memberId);
    if (!member) refuse('NOT_FOUND', `人员不存在：${memberId}`);
    assertJurisdiction(actor, member.household.divisionCode);
    await this.prisma.$transaction((tx) =>
      appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'ID_NUMBER_REVEALED',
        targetType: 'Member',
        targetId: memberId,
        reason: body.reason,
        requestId,
      }),
    );
    return { memberId, idNumber: this.pii.decrypt(member.idNumberEncrypted) };
  }
}
