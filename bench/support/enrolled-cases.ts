import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { ApplicationCategory } from '../../src/core/contracts/application';
import { townshipOf } from '../../src/core/contracts/division';
import { enrolledCaseStartOptions } from '../../src/enrolment/enrolment.starter';
import type { Prisma, PrismaClient } from '../../src/prisma/prisma-client';
import { FACTS } from './facts';
import { enrolledCaseWorkflowId } from '../../src/core/workflow-ids';
import { enrolledCaseWorkflow } from '../../workflows/enrolled-case.workflow';

// Enrolled cases for drills and benches, as enrolment leaves them: household, application
// (ENROLLED, with its facts), enrolled case, and the case's workflow started the way the
// enrolment starter starts it. Synthetic: no names, no ID numbers.

export interface EnrolledCaseSeed {
  prisma: PrismaClient;
  client: Client;
  taskQueue: string;
  count: number;
  /** Seeded villages of one county, e.g. 410502002001. */
  villages: string[];
  /** Categories in turn (case i gets categories[i % n]). */
  categories: ApplicationCategory[];
  /** Workflow starts in flight at once. */
  concurrency?: number;
}

const CHUNK = 1000;

export async function seedEnrolledCases(s: EnrolledCaseSeed): Promise<string[]> {
  const rows = Array.from({ length: s.count }, (_, i) => {
    const villageCode = s.villages[i % s.villages.length]!;
    const townshipCode = townshipOf(villageCode)!;
    return {
      id: randomUUID(),
      applicationId: randomUUID(),
      householdId: randomUUID(),
      villageCode,
      townshipCode,
      countyCode: villageCode.slice(0, 6),
      category: s.categories[i % s.categories.length]!,
    };
  });
  const startMonth = new Date(Date.now() + 31 * 86_400_000).toISOString().slice(0, 7);
  const facts = FACTS as unknown as Prisma.InputJsonValue;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await s.prisma.household.createMany({
      data: chunk.map((r) => ({
        id: r.householdId,
        divisionCode: r.villageCode,
        area: 'URBAN',
        address: '演练地址',
        createdBy: 'drill',
      })),
    });
    await s.prisma.application.createMany({
      data: chunk.map((r) => ({
        id: r.applicationId,
        householdId: r.householdId,
        category: r.category,
        channel: 'ON_BEHALF',
        stage: 'ENROLLED',
        workflowId: `application-${r.applicationId}`,
        townshipCode: r.townshipCode,
        countyCode: r.countyCode,
        submittedBy: 'drill',
        facts,
      })),
    });
    await s.prisma.enrolledCase.createMany({
      data: chunk.map((r) => ({
        id: r.id,
        applicationId: r.applicationId,
        householdId: r.householdId,
        category: r.category,
        monthlyAmount: 600,
        membersIncluded: ['p1', 'p2'],
        startMonth,
        countyCode: r.countyCode,
        townshipCode: r.townshipCode,
        villageCode: r.villageCode,
        workflowId: enrolledCaseWorkflowId(r.id),
      })),
    });
  }
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < rows.length; i = next++) {
      const r = rows[i]!;
      await s.client.workflow.start(
        enrolledCaseWorkflow,
        enrolledCaseStartOptions({ ...r, monthlyAmount: 600, membersIncluded: ['p1', 'p2'], startMonth }, s),
      );
    }
  };
  await Promise.all(Array.from({ length: s.concurrency ?? 32 }, lane));
  return rows.map((r) => r.id);
}

/** Waits until every seeded case's workflow has planned its next recheck (the campaign selects on it). */
export async function untilRecheckPlanned(prisma: PrismaClient, ids: string[], timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const planned = await prisma.enrolledCase.count({ where: { id: { in: ids }, nextRecheckAt: { not: null } } });
    if (planned === ids.length) return;
    if (Date.now() > until) throw new Error(`只有 ${planned}/${ids.length} 个在保案件排定了复核日期`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
