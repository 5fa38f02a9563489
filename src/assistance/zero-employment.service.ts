import { Inject, Injectable } from '@nestjs/common';
import { assertJurisdiction } from '../auth/jurisdiction';
import { liaisonDepartment } from '../auth/department';
import { refuse } from '../common/refusals';
import type { ZeroEmploymentQuery } from '../core/contracts/employment';
import type { Actor } from '../core/contracts/roles';
import { ZeroEmploymentRepository } from './zero-employment.repository';

/**
 * The county's 零就业家庭 register: households (no names, no ID numbers), since when, whether
 * cleared and why, how many members can work; with the county's counts. A department liaison
 * reads it only for human resources and social security (就业救助 is theirs).
 */
@Injectable()
export class ZeroEmploymentService {
  constructor(@Inject(ZeroEmploymentRepository) private readonly register: ZeroEmploymentRepository) {}

  async list(actor: Actor, q: ZeroEmploymentQuery) {
    assertJurisdiction(actor, q.county);
    const own = liaisonDepartment(actor);
    if (own && own !== 'HR_SOCIAL_SECURITY')
      refuse('WRONG_DEPARTMENT', '零就业家庭名册仅向人力资源和社会保障部门联络员开放');
    const cleared = q.cleared === undefined ? null : q.cleared === 'true';
    const [[rows, total], { tracked, open }] = await Promise.all([
      this.register.page(q.county, cleared, (q.page - 1) * q.pageSize, q.pageSize),
      this.register.counts(q.county),
    ]);
    return {
      county: q.county,
      counts: { tracked, open, cleared: tracked - open },
      items: rows.map((r) => ({
        householdId: r.householdId,
        enrolledCaseId: r.enrolledCaseId,
        townshipCode: r.townshipCode,
        since: r.since.toISOString().slice(0, 10),
        membersCapable: r.membersCapable,
        cleared: r.clearedAt !== null,
        clearedAt: r.clearedAt,
        clearedReason: r.clearedReason,
        clearedByReferralId: r.clearedByReferralId,
      })),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }
}
