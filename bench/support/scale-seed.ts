import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { AUDIT_CHAINS, AUDIT_GENESIS, auditRowHash } from '../../src/audit/audit-log';
import { maskResidentId, residentIdCheckChar } from '../../src/core/contracts/resident-id';
import { enrolledCaseWorkflowId } from '../../src/core/workflow-ids';
import type { PiiCipher } from '../../src/registry/pii-cipher';
import { copyLines, csvField } from './copy-lines';
import { FACTS } from './facts';
import { prng } from './prng';

// The Anyang-sized database of bench:scale, written by COPY (the seeding is not what is
// measured): households and persons in every village of the nine counties, applications and
// enrolled cases, years of tasks (a few thousand open in every township), payment
// instructions month by month, and an audit trail whose rows are chained exactly as
// appendAudit chains them, so verifying it is real work. Synthetic: no real person.

export interface ScaleSize {
  households: number;
  persons: number;
  enrolled: number;
  /** Applications besides the enrolled cases' own: this year's, in every open stage. */
  openApplications: number;
  tasks: number;
  openTasks: number;
  audit: number;
  payments: number;
  /** Enrolled cases of CAMPAIGN_COUNTY, whose workflows the bench starts (the rest are rows only). */
  campaignCases: number;
}

/** domain.md's Anyang: nine counties, about 120,000 households in a category, years of history. */
export const ANYANG: ScaleSize = {
  households: 300_000,
  persons: 800_000,
  enrolled: 120_000,
  openApplications: 30_000,
  tasks: 1_000_000,
  openTasks: 20_000,
  audit: 10_000_000,
  payments: 3_000_000,
  campaignCases: 13_334,
};

/** Every size divided by `f` (BENCH_SCALE_DIVISOR: a quick run of the same shape). */
export const divided = (s: ScaleSize, f: number): ScaleSize =>
  Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Math.max(1, Math.round(v / f))])) as unknown as ScaleSize;

/** The county whose cases run as workflows and get the recheck campaign (not the demo users' 文峰区). */
export const CAMPAIGN_COUNTY = '410581';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = '建国秀英桂兰志强丽娟海燕卫东淑珍国华玉梅明军红霞小平永刚春花德胜';
const DAY_MS = 86_400_000;
const BIRTH_BASE = Date.UTC(1940, 0, 1);

/** Person n of a county: a birth date and sequence from n, a valid check digit; unique for n < 22,500,000. */
export function scaleIdNumber(county: string, n: number): string {
  const birth = new Date(BIRTH_BASE + (n % 25_000) * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `${county}${birth}${String(100 + (Math.floor(n / 25_000) % 900))}`;
  return first17 + residentIdCheckChar(first17);
}

export const scaleName = (n: number): string =>
  `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / 7) % GIVEN.length]}${GIVEN[Math.floor(n / 131) % GIVEN.length]}`;

const iso = (ms: number) => new Date(ms).toISOString();
const LIVE_STAGES = ['SUBMITTED', 'INVESTIGATION', 'REVIEW', 'PUBLICITY', 'CONFIRMATION'];
const CLOSED_STAGES = ['REFUSED', 'WITHDRAWN'];
/** [type, role, jurisdiction level] of the open and done tasks, in proportion. */
const TASK_MIX: Array<[type: string, role: string, level: 'TOWNSHIP' | 'COUNTY']> = [
  ['ACCEPT', 'TOWNSHIP_CASEWORKER', 'TOWNSHIP'],
  ['START_INVESTIGATION', 'TOWNSHIP_CASEWORKER', 'TOWNSHIP'],
  ['HOME_VISIT', 'TOWNSHIP_CASEWORKER', 'TOWNSHIP'],
  ['RECHECK_INVESTIGATE', 'TOWNSHIP_CASEWORKER', 'TOWNSHIP'],
  ['HOME_VISIT', 'TOWNSHIP_CASEWORKER', 'TOWNSHIP'],
  ['REVIEW', 'COUNTY_OFFICER', 'COUNTY'],
  ['CONFIRM', 'COUNTY_OFFICER', 'COUNTY'],
  ['RECHECK_DECIDE', 'COUNTY_OFFICER', 'COUNTY'],
  ['ESCALATION', 'COUNTY_SUPERVISOR', 'COUNTY'],
  ['ACCEPT', 'TOWNSHIP_CASEWORKER', 'TOWNSHIP'],
];

interface Village {
  code: string;
  township: string;
  county: string;
}

export interface SeededScale {
  size: ScaleSize;
  seconds: Record<string, number>;
  /** A synthetic ID number of a member of an enrolled household of 文峰区 (the registry search looks it up). */
  samplePerson: string;
}

/** Writes the whole database; returns what it wrote and how long each table took. */
export async function seedScale(pool: Pool, pii: PiiCipher, size: ScaleSize, now: Date): Promise<SeededScale> {
  const seconds: Record<string, number> = {};
  const timed = async (table: string, fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    seconds[table] = (performance.now() - t) / 1000;
    console.log(`  ${table.padEnd(22)} ${seconds[table]!.toFixed(1).padStart(7)} s`);
  };
  const villages = (
    await pool.query<{ code: string; parent_code: string }>(
      `SELECT code, parent_code FROM division WHERE level = 'VILLAGE' ORDER BY code`,
    )
  ).rows.map((r): Village => ({ code: r.code, township: r.parent_code, county: r.code.slice(0, 6) }));
  const campaignVillages = villages.filter((v) => v.county === CAMPAIGN_COUNTY);
  const otherVillages = villages.filter((v) => v.county !== CAMPAIGN_COUNTY);
  const rand = prng(20261207);
  const nowMs = now.getTime();

  // Households: the first `enrolled` are the enrolled cases' (the campaign county's first).
  const households = Array.from({ length: size.households }, (_, h) => ({
    id: randomUUID(),
    village:
      h < size.campaignCases
        ? campaignVillages[h % campaignVillages.length]!
        : h < size.enrolled
          ? otherVillages[h % otherVillages.length]!
          : villages[h % villages.length]!,
  }));
  await timed('household', () =>
    copyLines(
      pool,
      'COPY household (id, division_code, area, address, created_by) FROM STDIN WITH (FORMAT csv)',
      (function* () {
        for (let h = 0; h < households.length; h++)
          yield `${households[h]!.id},${households[h]!.village.code},${h % 2 ? 'RURAL' : 'URBAN'},${csvField(`基准地址${h}号`)},bench\n`;
      })(),
    ),
  );

  // Persons: two or three per household, round-robin, until `persons`.
  let samplePerson = '';
  await timed('member', () =>
    copyLines(
      pool,
      'COPY member (id, household_id, name, id_number_hmac, id_number_encrypted, id_number_masked, birth_date, sex, relation, labour_capacity) FROM STDIN WITH (FORMAT csv)',
      (function* () {
        for (let n = 0; n < size.persons; n++) {
          const h = households[n % households.length]!;
          const round = Math.floor(n / households.length);
          const id = scaleIdNumber(h.village.county, n);
          if (!samplePerson && h.village.county === '410502' && n % households.length < size.enrolled)
            samplePerson = id;
          yield `${randomUUID()},${h.id},${scaleName(n)},${pii.lookupHash(id)},${pii.encrypt(id)},${maskResidentId(id)},${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)},${Number(id[16]) % 2 ? 'MALE' : 'FEMALE'},${round === 0 ? 'APPLICANT' : round === 1 ? 'SPOUSE' : 'CHILD'},FULL\n`;
        }
      })(),
    ),
  );

  // Applications: one ENROLLED per enrolled case, then this year's others in every stage.
  const applications = Array.from({ length: size.enrolled + size.openApplications }, (_, a) => {
    const h =
      households[a < size.enrolled ? a : size.enrolled + ((a - size.enrolled) % (size.households - size.enrolled))]!;
    return { id: randomUUID(), household: h };
  });
  const facts = csvField(JSON.stringify(FACTS));
  await timed('application', () =>
    copyLines(
      pool,
      'COPY application (id, household_id, category, channel, stage, workflow_id, township_code, county_code, submitted_by, facts, turn_role, stage_due_at, overdue, created_at, updated_at) FROM STDIN WITH (FORMAT csv)',
      (function* () {
        for (let a = 0; a < applications.length; a++) {
          const { id, household } = applications[a]!;
          const enrolled = a < size.enrolled;
          const created = enrolled ? nowMs - (400 + (a % 1500)) * DAY_MS : nowMs - (a % 330) * DAY_MS;
          const stage = enrolled
            ? 'ENROLLED'
            : a % 10 < 8
              ? LIVE_STAGES[a % LIVE_STAGES.length]!
              : CLOSED_STAGES[a % 2]!;
          const live = LIVE_STAGES.includes(stage);
          const due = live ? iso(nowMs + ((a % 30) - 8) * DAY_MS) : '';
          yield `${id},${household.id},${a % 5 === 0 ? 'DESTITUTE' : 'MINIMUM_LIVING'},ON_BEHALF,${stage},application-${id},${household.village.township},${household.village.county},bench,${household.village.county === CAMPAIGN_COUNTY && enrolled ? facts : ''},${live ? (stage === 'REVIEW' || stage === 'CONFIRMATION' ? 'COUNTY_OFFICER' : 'TOWNSHIP_CASEWORKER') : ''},${due},${live && (a % 30) - 8 < 0 ? 't' : 'f'},${iso(created)},${iso(created)}\n`;
        }
      })(),
    ),
  );

  const startMonth = new Date(nowMs + 31 * DAY_MS).toISOString().slice(0, 7);
  const cases = applications.slice(0, size.enrolled).map((a) => ({ id: randomUUID(), application: a }));
  await timed('enrolled_case', () =>
    copyLines(
      pool,
      'COPY enrolled_case (id, application_id, household_id, category, monthly_amount, members_included, start_month, county_code, township_code, village_code, workflow_id, next_recheck_at, status, created_at) FROM STDIN WITH (FORMAT csv)',
      (function* () {
        for (let c = 0; c < cases.length; c++) {
          const { id, application } = cases[c]!;
          const v = application.household.village;
          const campaign = c < size.campaignCases;
          // The campaign county's cases start as enrolment leaves them (their workflow plans the recheck).
          yield `${id},${application.id},${application.household.id},${c % 5 === 0 ? 'DESTITUTE' : 'MINIMUM_LIVING'},${campaign ? 600 : 300 + (c % 400)}.00,"[""p1"",""p2""]",${campaign ? startMonth : '2024-01'},${v.county},${v.township},${v.code},${enrolledCaseWorkflowId(id)},${campaign ? '' : iso(nowMs + (c % 365) * DAY_MS)},${campaign ? 'ACTIVE' : c % 50 === 0 ? 'EXITED' : c % 37 === 0 ? 'RECHECKING' : 'ACTIVE'},${iso(nowMs - (400 + (c % 1500)) * DAY_MS)}\n`;
        }
      })(),
    ),
  );

  // Tasks: the open ones first, spread over every township (and county for county roles).
  await timed('task', () =>
    copyLines(
      pool,
      'COPY task (id, task_key, type, application_id, case_kind, escalation_kind, reason, workflow_id, candidate_role, jurisdiction, county_code, township_code, assignee, priority, status, created_at, due_at, completed_by, completed_at, outcome) FROM STDIN WITH (FORMAT csv)',
      (function* () {
        for (let t = 0; t < size.tasks; t++) {
          const open = t < size.openTasks;
          const a = applications[size.enrolled + (t % size.openApplications)] ?? applications[t % applications.length]!;
          const v = a.household.village;
          const [type, role, level] = TASK_MIX[t % TASK_MIX.length]!;
          const created = open ? nowMs - (t % 20) * DAY_MS : nowMs - (20 + Math.floor(rand() * 1095)) * DAY_MS;
          const due = open ? nowMs + ((t % 31) - 10) * DAY_MS : created + 10 * DAY_MS;
          const escalation = type === 'ESCALATION';
          yield `${randomUUID()},${type}#${t},${type},${a.id},APPLICATION,${escalation ? 'OVERDUE_STEP' : ''},${escalation ? csvField('步骤逾期') : ''},application-${a.id},${role},${level === 'TOWNSHIP' ? v.township : v.county},${v.county},${v.township},,${t % 7 === 0 ? 1 : 0},${open ? (t % 9 === 0 ? 'CLAIMED' : 'OPEN') : 'DONE'},${iso(created)},${iso(due)},${open ? '' : 'bench'},${open ? '' : iso(created + (t % 9) * DAY_MS)},${open ? '' : 'done'}\n`;
        }
      })(),
    ),
  );
  // A claimed task needs its assignee (the inbox's "mine" filter).
  await pool.query(`UPDATE task SET assignee = 'bench-staff' WHERE status = 'CLAIMED'`);

  // Payment instructions: consecutive months back from last month for each case.
  // The campaign county's cases start as new enrolments: no payment behind them.
  const months = Math.ceil(size.payments / Math.max(1, cases.length - size.campaignCases));
  await timed('payment_instruction', () =>
    copyLines(
      pool,
      'COPY payment_instruction (id, enrolled_case_id, month, amount, members, county_code, status, paid_amount, paid_on, paid_times, created_at) FROM STDIN WITH (FORMAT csv)',
      (function* () {
        let written = 0;
        for (let m = 1; m <= months && written < size.payments; m++) {
          const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 1));
          const month = d.toISOString().slice(0, 7);
          for (let c = size.campaignCases; c < cases.length && written < size.payments; c++, written++) {
            const { id, application } = cases[c]!;
            const amount = `${300 + (c % 400)}.00`;
            yield `${randomUUID()},${id},${month},${amount},"[""p1"",""p2""]",${application.household.village.county},PAID,${amount},${month}-10,1,${iso(d.getTime())}\n`;
          }
        }
      })(),
    ),
  );

  // Audit rows, each chain linked as appendAudit links it, continuing the seed's own rows.
  const heads = new Map<number, string>(
    (
      await pool.query<{ chain: number; hash: string }>(
        'SELECT DISTINCT ON (chain) chain, hash FROM audit_log ORDER BY chain, seq DESC',
      )
    ).rows.map((r) => [r.chain, r.hash]),
  );
  const ACTIONS = ['TASK_COMPLETED', 'TASK_CLAIMED', 'APPLICATION_SUBMITTED', 'PAYMENT_RECONCILED', 'CASE_VIEWED'];
  const ROLES = ['TOWNSHIP_CASEWORKER', 'TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_OFFICER', 'AUDITOR'];
  const span = 3 * 365 * DAY_MS;
  await timed('audit_log', () =>
    copyLines(
      pool,
      'COPY audit_log (at, actor_id, role, action, target_type, target_id, chain, prev_hash, hash) FROM STDIN WITH (FORMAT csv)',
      (function* () {
        for (let r = 0; r < size.audit; r++) {
          const at = new Date(nowMs - span + Math.floor((r / size.audit) * span));
          const k = r % ACTIONS.length;
          const entry = {
            actorId: `bench-user-${r % 997}`,
            role: ROLES[k]!,
            action: ACTIONS[k]!,
            targetType: k === 3 ? 'PAYMENT' : 'APPLICATION',
            targetId: applications[r % applications.length]!.id,
          };
          const chain = r % AUDIT_CHAINS;
          const prev = heads.get(chain) ?? AUDIT_GENESIS;
          const hash = auditRowHash(prev, at, entry, chain);
          heads.set(chain, hash);
          yield `${at.toISOString()},${entry.actorId},${entry.role},${entry.action},${entry.targetType},${entry.targetId},${chain},${prev},${hash}\n`;
        }
      })(),
    ),
  );
  await timed('VACUUM ANALYZE', () => pool.query('VACUUM ANALYZE'));
  return { size, seconds, samplePerson };
}
