import request from 'supertest';
import { DEFAULT_PARAMETERS, PARAMETER_IDS, ParameterStore } from '../../src/policy';
import { household, member, monthly } from '../unit/policy/fixtures';
import { staffDriver } from './staff';
import { startStack, type Stack } from './stack';

type Http = ReturnType<typeof request>;
type As = (user: string) => Record<string, string>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The seeded household of village 410502002001. */
export const SEEDED_HOUSEHOLD = '00000000-0000-4000-8000-000000000001';
/** Two members, a wage of 600 a month: under the 低保 line. */
export const ENROLMENT_FACTS = household({
  members: [member('p1', '1958-03-12'), member('p2', '1960-07-08', { relation: 'SPOUSE' })],
  income: monthly('p1', 'WAGE', 600),
});

/** County 410502's publicity shortened to seconds through a parameter version (as in determination.e2e). */
const drillParameters = new ParameterStore([
  ...DEFAULT_PARAMETERS,
  {
    id: PARAMETER_IDS.TL_PUBLICITY,
    version: 'e2e-drill',
    validFrom: '2020-01-01',
    division: '410502',
    value: 0.00007,
    unit: 'NATURAL_DAYS',
    citations: [{ sourceId: 'DRILL_MODE', note: '演练参数：缩短公示期（仅用于测试）' }],
    placeholder: true,
  },
]);

export interface EnrolmentStack {
  stack: Stack;
  http: Http;
  /** The bearer header of a demo user named at start. */
  as: As;
}

/**
 * The stack a case is enrolled on through HTTP: publicity shortened, and the worker's
 * `paymentLeadDays` at 31 (a deployment option, not code) so the first payment instruction
 * (due at the start of the month after the decision) is written at once, whatever the date.
 */
export async function startEnrolmentStack(
  users: readonly string[],
  overrides: Record<string, string> = {},
): Promise<EnrolmentStack> {
  const stack = await startStack(overrides, { parameters: drillParameters, paymentLeadDays: 31 });
  const tokens: Record<string, string> = {};
  for (const u of users) tokens[u] = await stack.tokenFor(u);
  return {
    stack,
    http: request(stack.app.getHttpServer()),
    as: (user) => ({ authorization: `Bearer ${tokens[user]}` }),
  };
}

/** Staff taking the seeded household's 低保 application through HTTP (needs village.assistant, township.caseworker, county.officer). */
export function enrolmentDriver(http: Http, as: As) {
  const staff = staffDriver(http, as);

  /** The application, submitted on the household's behalf: its id. */
  async function submit(): Promise<string> {
    const res = await http
      .post('/api/v1/applications')
      .set(as('village.assistant'))
      .send({
        householdId: SEEDED_HOUSEHOLD,
        category: 'MINIMUM_LIVING',
        channel: 'ON_BEHALF',
        facts: ENROLMENT_FACTS,
        consent: { economicCheck: true, truthfulnessPromise: true },
      })
      .expect(201);
    return res.body.id as string;
  }

  /** From an accepted application (or, with `accept`, a submitted one) to ENROLLED: the enrolled case's id. */
  async function enrol(caseId: string, opts: { accept?: boolean } = {}): Promise<string> {
    const ok = (r: { status: number }) => expect(r.status).toBe(200);
    if (opts.accept) await staff.complete('township.caseworker', caseId, 'ACCEPT', { action: 'accept' }).then(ok);
    await staff
      .complete('township.caseworker', caseId, 'START_INVESTIGATION', { action: 'startInvestigation' })
      .then(ok);
    await staff
      .complete('township.caseworker', caseId, 'HOME_VISIT', {
        action: 'recordHomeVisit',
        investigators: ['李调查', '王调查'],
        findings: '家中无大额财产',
        signedByHousehold: true,
      })
      .then(ok);
    await staff
      .complete('township.caseworker', caseId, 'REVIEW', {
        action: 'submitOpinion',
        proposal: 'APPROVE',
        reasons: ['家庭月人均收入低于低保标准'],
      })
      .then(ok);
    await staff.stageOf(caseId, 'CONFIRMATION');
    await staff.complete('county.officer', caseId, 'CONFIRM', { action: 'confirm' }).then(ok);
    await staff.stageOf(caseId, 'ENROLLED');
    for (let i = 0; i < 200; i++) {
      const listed = await http
        .get('/api/v1/enrolled-cases?county=410502&category=MINIMUM_LIVING&status=ACTIVE')
        .set(as('county.officer'))
        .expect(200);
      const enrolled = (listed.body.items as Array<{ id: string; applicationId: string }>).find(
        (c) => c.applicationId === caseId,
      );
      if (enrolled) return enrolled.id;
      await sleep(100);
    }
    throw new Error(`application ${caseId} never listed as an ACTIVE enrolled case`);
  }

  return { ...staff, submit, enrol };
}
