import type { OutreachVisitKind, OutreachVisitOutcome } from '../../core/contracts/outreach';
import type { Prisma, PrismaClient } from '../../prisma/prisma-client';

type Db = PrismaClient | Prisma.TransactionClient;

/** The household's village and its members' ids and lookup hashes (a warning names one). */
export function householdForVisit(db: Db, id: string) {
  return db.household.findUnique({
    where: { id },
    select: { id: true, divisionCode: true, members: { select: { id: true, idNumberHmac: true } } },
  });
}

export function householdDivision(db: Db, id: string) {
  return db.household.findUnique({ where: { id }, select: { divisionCode: true } });
}

/** The household's case still running, if any (the latest). */
export function runningCaseOf(db: Db, householdId: string) {
  return db.enrolledCase.findFirst({
    where: { householdId, status: { not: 'EXITED' } },
    orderBy: { createdAt: 'desc' },
    select: { id: true },
  });
}

/** The survey whose sample holds this task, if any: its visit is of kind SURVEY. */
export function surveyOfTask(db: Db, taskId: string) {
  return db.outreachSurveyHousehold.findFirst({ where: { taskId }, select: { surveyId: true } });
}

/** Closes the visit task if still live; 0 when someone else closed it first. */
export function closeVisitTask(tx: Prisma.TransactionClient, id: string, outcome: string, completedBy: string) {
  return tx.task
    .updateMany({
      where: { id, status: { in: ['OPEN', 'CLAIMED'] } },
      data: { status: 'DONE', outcome, completedBy, completedAt: new Date() },
    })
    .then((r) => r.count);
}

export interface VisitRow {
  id: string;
  householdId: string;
  villageCode: string;
  kind: OutreachVisitKind;
  surveyId: string | null;
  taskId: string;
  visitor: string;
  visitedOn: string;
  findings: string;
  changes: string | null;
  outcome: OutreachVisitOutcome;
  warningId: string | null;
}

export function insertVisit(tx: Prisma.TransactionClient, v: VisitRow) {
  return tx.outreachVisit.create({
    data: {
      ...v,
      countyCode: v.villageCode.slice(0, 6),
      visitedOn: new Date(`${v.visitedOn}T00:00:00Z`),
      recordedAt: new Date(),
    },
  });
}

export function linkChangeReport(db: Db, visitId: string, changeReportId: string) {
  return db.outreachVisit.update({ where: { id: visitId }, data: { changeReportId } });
}

export function linkWarningWorkflow(db: Db, warningId: string, workflowId: string) {
  return db.warning.update({ where: { id: warningId }, data: { workflowId } });
}

/** A household's visits, newest first. */
export function householdVisits(db: Db, householdId: string) {
  return db.outreachVisit.findMany({
    where: { householdId },
    orderBy: [{ visitedOn: 'desc' }, { recordedAt: 'desc' }],
  });
}

/** The scope's households by id: the order a survey's seeded draw runs over. */
export function householdsIn(db: Db, scope: string) {
  return db.household.findMany({
    where: { divisionCode: { startsWith: scope } },
    orderBy: { id: 'asc' },
    select: { id: true, divisionCode: true },
  });
}

export function insertSurvey(tx: Prisma.TransactionClient, data: Prisma.OutreachSurveyUncheckedCreateInput) {
  return tx.outreachSurvey.create({ data });
}

export function insertSurveyHousehold(
  tx: Prisma.TransactionClient,
  data: Prisma.OutreachSurveyHouseholdUncheckedCreateInput,
) {
  return tx.outreachSurveyHousehold.create({ data });
}

export function surveyScope(db: Db, id: string) {
  return db.outreachSurvey.findUnique({ where: { id }, select: { scopeCode: true } });
}

/** The survey with its sample in draw order, and the visits recorded for it. */
export async function surveyWithVisits(db: Db, id: string) {
  const survey = await db.outreachSurvey.findUniqueOrThrow({
    where: { id },
    include: { households: { orderBy: { position: 'asc' } } },
  });
  const visits = await db.outreachVisit.findMany({
    where: { surveyId: id },
    select: { householdId: true, outcome: true, visitedOn: true },
  });
  return { survey, visits };
}

/** Surveys of a county scope, newest first (through the county and creation index), with the total. */
export function surveyPage(db: Db, countyCode: string | { gte: string; lt?: string }, skip: number, take: number) {
  const where = { countyCode };
  return Promise.all([
    db.outreachSurvey.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip,
      take,
      select: {
        id: true,
        scopeCode: true,
        countyCode: true,
        sampleSize: true,
        scopeSize: true,
        createdBy: true,
        createdAt: true,
      },
    }),
    db.outreachSurvey.count({ where }),
  ]);
}
