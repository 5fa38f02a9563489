import { Inject, Injectable } from '@nestjs/common';
import { assertJurisdiction } from '../auth/jurisdiction';
import { UserDirectory } from '../auth/user-directory';
import { refuse } from '../common/refusals';
import type { ZeroEmploymentQuery } from '../core/contracts/employment';
import type { Actor } from '../core/contracts/roles';
import { PrismaClient, type Prisma } from '../prisma/prisma-client';

/**
 * The county's 零就业家庭 register: households (no names, no ID numbers), since when, whether
 * cleared and why, how many members can work; with the county's counts. A department liaison
 * reads it only for human resources and social security (就业救助 is theirs).
 */
@Injectable()
export class ZeroEmploymentService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(UserDirectory) private readonly users: UserDirectory,
  ) {}

  async list(actor: Actor, q: ZeroEmploymentQuery) {
    assertJurisdiction(actor, q.county);
    if (actor.role === 'DEPARTMENT_LIAISON') {
      const department = (await this.users.find(actor.userId))?.department;
      if (department !== 'HR_SOCIAL_SECURITY')
        refuse('WRONG_DEPARTMENT', '零就业家庭名册仅向人力资源和社会保障部门联络员开放');
    }
    const county: Prisma.ZeroEmploymentHouseholdWhereInput = { countyCode: q.county };
    const where: Prisma.ZeroEmploymentHouseholdWhereInput = {
      ...county,
      ...(q.cleared === 'true' ? { clearedAt: { not: null } } : q.cleared === 'false' ? { clearedAt: null } : {}),
    };
    const [rows, total, tracked, open] = await Promise.all([
      this.prisma.zeroEmploymentHousehold.findMany({
        where,
        orderBy: [{ since: 'desc' }, { householdId: 'asc' }],
        skip: (q.page - 1) * q.pageSize,
        take: q.pageSize,
      }),
      this.prisma.zeroEmploymentHousehold.count({ where }),
      this.prisma.zeroEmploymentHousehold.count({ where: county }),
      this.prisma.zeroEmploymentHousehold.count({ where: { ...county, clearedAt: null } }),
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
