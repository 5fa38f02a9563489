import type { PrismaClient } from '../prisma/prisma-client';

/**
 * County information cross-check (信息核对: tax, social insurance, real estate, business
 * registration, housing fund, vehicles, deposits, securities). The interface is what a
 * real data-exchange client implements; the local one below answers from our own registry.
 */
export interface CrossCheckGateway {
  check(request: {
    applicationId: string;
    householdId: string;
    memberCountDeclared: number;
  }): Promise<CrossCheckResult>;
}

export interface CrossCheckResult {
  /** Where the answer came from, recorded on the timeline. */
  source: string;
  findings: string[];
}

/**
 * The registry's own checks: a declared household that differs from the registered one, and
 * a household already enrolled or applying for the same help. Alone it stands in for the
 * county platform in tests; the worker runs it inside DepartmentDataCrossCheck, which adds
 * the imported department records.
 */
export class LocalCrossCheck implements CrossCheckGateway {
  constructor(private readonly prisma: PrismaClient) {}

  async check({
    applicationId,
    householdId,
    memberCountDeclared,
  }: Parameters<CrossCheckGateway['check']>[0]): Promise<CrossCheckResult> {
    const [registered, enrolled, parallel] = await Promise.all([
      this.prisma.member.count({ where: { householdId } }),
      this.prisma.enrolledCase.count({ where: { householdId } }),
      this.prisma.application.count({
        where: {
          householdId,
          id: { not: applicationId },
          stage: { notIn: ['ENROLLED', 'REFUSED', 'WITHDRAWN', 'CLOSED', 'TERMINATED'] },
        },
      }),
    ]);
    const findings: string[] = [];
    if (registered !== memberCountDeclared)
      findings.push(`申报共同生活成员 ${memberCountDeclared} 人，户籍登记 ${registered} 人，需入户核实`);
    if (enrolled > 0) findings.push(`该家庭已有 ${enrolled} 项在保记录`);
    if (parallel > 0) findings.push(`该家庭另有 ${parallel} 件申请正在办理`);
    return { source: '本地登记信息核对（模拟县级信息核对平台）', findings };
  }
}
