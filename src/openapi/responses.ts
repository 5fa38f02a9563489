import { z } from 'zod';
import { ApplicationCategory } from '../core/contracts/application';
import { SelfCareAssessment } from '../core/contracts/determination';
import { Role } from '../core/contracts/roles';
import { TaskStatus, TaskType } from '../core/contracts/task';

// The success bodies as the API sends them (JSON: dates are ISO strings), for the OpenAPI
// document. Objects are open (looseObject): the fields listed are guaranteed with these
// types, others may follow. The contract test (scripts/contract-test.mjs) checks real
// responses against them.

// Row ids are UUIDs of any version (the seeded demo rows use fixed, non-RFC-variant ones).
const Id = z.guid();
const Timestamp = z.iso.datetime({ offset: true });
const Day = z.iso.date();
const County = z.string().regex(/^\d{6}$/);
const Township = z.string().regex(/^\d{9}$/);

const page = (item: z.ZodType) =>
  z.looseObject({ items: z.array(item), page: z.int().min(1), pageSize: z.int().min(1), total: z.int().min(0) });
/** A deep list's page: also the cursor of the next page (`after`), null on the last one. */
const keysetPage = (item: z.ZodType) =>
  z.looseObject({
    items: z.array(item),
    page: z.int().min(1),
    pageSize: z.int().min(1),
    total: z.int().min(0),
    nextCursor: Id.nullable(),
  });
const items = (item: z.ZodType) => z.looseObject({ items: z.array(item) });
/** A workflow's own state (query or Update result): shapes differ per process, keyed by stage. */
export const ProcessState = z.looseObject({});

export const Health = z.strictObject({
  status: z.enum(['ok', 'unavailable']),
  checks: z.strictObject({
    database: z.looseObject({ status: z.enum(['up', 'down']) }),
    temporal: z.looseObject({ status: z.enum(['up', 'down']) }),
  }),
});

export const DevUsers = z.array(
  z.strictObject({ username: z.string(), displayName: z.string(), role: Role, jurisdictionCode: z.string() }),
);
export const DevToken = z.strictObject({
  accessToken: z.string().min(1),
  tokenType: z.literal('Bearer'),
  expiresIn: z.int(),
  actor: z.strictObject({ userId: z.string(), role: Role, jurisdiction: z.string() }),
});

const Seq = z.string().regex(/^\d+$/);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const CheckpointFinding = z.looseObject({
  chain: z.int().min(0),
  seq: Seq,
  hash: Sha256,
  found: z.enum(['MISSING', 'CHANGED']),
  checkpointId: z.string(),
});

export const AuditVerification = z.looseObject({
  rows: z.int().min(0),
  valid: z.boolean(),
  brokenAtSeq: Seq.nullable(),
  chainsValid: z.boolean(),
  checkpointStatus: z.enum(['VERIFIED', 'NONE_YET', 'UNAVAILABLE']),
  checkpoint: z
    .looseObject({
      id: z.string(),
      at: Timestamp,
      workflowId: z.string(),
      runId: z.string(),
      chains: z.int().min(0),
      missedRounds: z.int().min(0),
    })
    .nullable(),
  brokenChains: z.array(CheckpointFinding),
});

export const AuditRow = z.looseObject({
  seq: Seq,
  at: Timestamp,
  actorId: z.string(),
  role: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  chain: z.int().min(0),
  hash: Sha256,
});
export const AuditPage = page(AuditRow);

export const Household = z.looseObject({
  id: Id,
  divisionCode: z.string(),
  area: z.enum(['URBAN', 'RURAL']),
  address: z.string(),
  createdAt: Timestamp,
  members: z.array(
    z.looseObject({ id: Id, name: z.string(), idNumberMasked: z.string(), relation: z.string(), birthDate: Timestamp }),
  ),
});

export const SubmittedApplication = z.looseObject({
  id: Id,
  householdId: Id,
  category: ApplicationCategory,
  stage: z.string(),
  workflowId: z.string(),
  countyCode: County,
  townshipCode: Township,
  /** The household's receipt slip: the public progress lookup takes it (null on rows before it existed). */
  receiptCode: z.string().nullable(),
  createdAt: Timestamp,
});

export const Task = z.looseObject({
  id: Id,
  type: TaskType,
  status: TaskStatus,
  candidateRole: Role,
  assignee: z.string().nullable(),
  caseKind: z.string(),
  caseId: Id.nullable(),
  countyCode: County,
  createdAt: Timestamp,
  dueAt: Timestamp.nullable(),
  overdue: z.boolean(),
});
export const TaskPage = keysetPage(Task);

export const Notification = z.looseObject({
  id: Id,
  kind: z.enum(['TASK_OPENED', 'TASK_ASSIGNED', 'TASK_REMINDER', 'ESCALATION']),
  taskId: Id.nullable(),
  taskType: TaskType.nullable(),
  message: z.string(),
  createdAt: Timestamp,
  read: z.boolean(),
});
export const NotificationPage = z.looseObject({
  items: z.array(Notification),
  page: z.int().min(1),
  pageSize: z.int().min(1),
  total: z.int().min(0),
  unread: z.int().min(0),
});

export const CaseSummary = z.looseObject({ id: Id, category: ApplicationCategory, stage: z.string() });
export const CasePage = keysetPage(CaseSummary);
const HomeVisit = z.looseObject({
  kind: z.enum(['HOUSEHOLD', 'COUNTY']),
  investigators: z.array(z.string()),
  findings: z.string(),
  householdSigned: z.boolean().nullable(),
  selfCareAssessment: SelfCareAssessment.nullable(),
  recordedBy: z.string(),
  recordedRole: Role,
  recordedAt: Timestamp,
});
const DemocraticAppraisal = z.looseObject({
  participants: z.int().min(1),
  result: z.enum(['SUPPORT', 'OPPOSE']),
  minutes: z.string(),
  recordedBy: z.string(),
  recordedRole: Role,
  recordedAt: Timestamp,
});
export const CaseDetail = z.looseObject({
  id: Id,
  category: ApplicationCategory,
  stage: z.string(),
  stageName: z.string(),
  workflowId: z.string(),
  incidents: z.array(z.looseObject({ id: Id })),
  turn: z.looseObject({ taskId: Id, type: TaskType, role: Role }).nullable(),
  process: ProcessState.nullable(),
  /** 入户调查 (HOUSEHOLD) and 县级入户核查 (COUNTY), oldest first. */
  homeVisits: z.array(HomeVisit),
  /** 民主评议 minutes, oldest first. */
  democraticAppraisals: z.array(DemocraticAppraisal),
  /** The household's unexpired credit records (诚信申报记录, staff only). */
  creditRecords: z.array(z.looseObject({ id: Id, finding: z.string(), expiresAt: Timestamp })),
});
export const DeterminationState = ProcessState;
export const ObjectionLodged = z.looseObject({ round: z.int() });
export const Publicity = z.array(
  z.strictObject({
    caseId: Id,
    category: z.string(),
    village: z.string(),
    applicant: z.string().nullable(),
    idNumber: z.string().nullable(),
    householdSize: z.int(),
    monthlyAmount: z.number().nullable(),
    endsAt: Timestamp.nullable(),
  }),
);

/** 办件进度查询: the stage and the next due date, the applicant's surname only. */
export const PublicProgress = z.strictObject({
  category: z.string(),
  stage: z.string(),
  stageName: z.string(),
  finished: z.boolean(),
  nextDueAt: Timestamp.nullable(),
  applicant: z.string().nullable(),
  submittedAt: Timestamp,
});

export const EnrolledCase = z.looseObject({
  id: Id,
  category: ApplicationCategory,
  status: z.string(),
  countyCode: County,
});
export const EnrolledCasePage = page(EnrolledCase);
export const EnrolledCaseDetail = z.looseObject({
  id: Id,
  status: z.string(),
  statusName: z.string(),
  openTasks: z.array(z.looseObject({ id: Id })),
  process: ProcessState.nullable(),
});
export const ChangeReported = z.looseObject({ changeReportId: Id, enrolledCaseId: Id, material: z.boolean() });
export const PaymentPage = page(z.looseObject({ id: Id }));
export const PaymentTaskResolved = z.looseObject({ taskId: Id, outcome: z.string() });
export const Reconciled = z.looseObject({ id: Id });

export const Campaign = z.looseObject({ id: Id, countyCode: County, status: z.string(), createdAt: Timestamp });
export const CampaignDetail = Campaign.extend({
  statusName: z.string(),
  progress: z.looseObject({ selected: z.int(), signalled: z.int(), skipped: z.int() }),
});
export const CampaignList = z.array(Campaign);
export const CampaignSchedule = z.looseObject({
  scheduleId: z.string(),
  countyCode: County,
  nextRunAt: z.array(Timestamp),
  recentRuns: z.array(z.looseObject({ at: Timestamp, workflowId: z.string() })),
});

export const EmergencyCase = z.looseObject({
  id: Id,
  stage: z.string(),
  countyCode: County,
  townshipCode: Township,
  createdAt: Timestamp,
});
export const EmergencyPage = page(EmergencyCase);
export const EmergencyDetail = EmergencyCase.extend({
  stageName: z.string(),
  tasks: z.array(z.looseObject({ id: Id })),
  process: ProcessState.nullable(),
});

export const ReserveFund = z.looseObject({
  townshipCode: Township,
  countyCode: County,
  balance: z.number(),
  updatedAt: Timestamp,
});
export const ReserveFundList = items(ReserveFund);
export const ReserveFundDetail = ReserveFund.extend({
  entries: z.array(
    z.looseObject({ id: z.string(), kind: z.string(), amount: z.number(), balanceAfter: z.number(), at: Timestamp }),
  ),
});
export const TopUp = z.looseObject({ townshipCode: Township });

export const Deliberation = z.looseObject({ id: Id, stage: z.string(), countyCode: County, createdAt: Timestamp });
export const DeliberationList = items(Deliberation);
export const DeliberationDetail = Deliberation.extend({
  tasks: z.array(z.looseObject({ id: Id })),
  process: ProcessState.nullable(),
});

export const EscalationList = z.looseObject({
  items: z.array(
    z.looseObject({
      id: Id,
      source: z.enum(['TASK', 'DELIBERATION']),
      kind: z.string(),
      slaState: z.enum(['ON_TIME', 'AT_RISK', 'BREACHED']),
      createdAt: Timestamp,
      dueAt: Timestamp,
    }),
  ),
  /** After the kind and SLA filters; `items` is one page of them. */
  total: z.int().min(0),
  page: z.int().min(1),
  pageSize: z.int().min(1).max(200),
  /** Open items of the kind filter per SLA state, before the SLA filter (the board's summary). */
  counts: z.strictObject({ ON_TIME: z.int().min(0), AT_RISK: z.int().min(0), BREACHED: z.int().min(0) }),
});
export const EscalationDecided = z.looseObject({ escalationId: Id, decision: z.string() });

export const PolicyEvaluation = z.looseObject({});
/** A reference to a registered legal source (GET /api/v1/policy/sources) and its article. */
const Citation = z.looseObject({ sourceId: z.string(), article: z.string().optional(), note: z.string().optional() });
const ProposalStatus = z.enum(['PENDING', 'APPROVED', 'REJECTED']);
export const ParameterProposal = z.looseObject({
  id: Id,
  parameterId: z.string(),
  version: z.string(),
  division: County,
  area: z.enum(['URBAN', 'RURAL']).nullable(),
  validFrom: Day,
  unit: z.string(),
  source: z.string(),
  status: ProposalStatus,
  proposedBy: z.string(),
  decidedBy: z.string().nullable(),
  decisionReason: z.string().nullable(),
  workflowId: z.string(),
});
export const ParameterHistory = z.looseObject({
  parameterId: z.string(),
  versions: z.array(
    z.looseObject({
      version: z.string(),
      division: County,
      validFrom: Day,
      validTo: Day.nullable().optional(),
      unit: z.string(),
      source: z.string(),
      origin: z.enum(['SHIPPED', 'APPROVED']),
    }),
  ),
  proposals: z.array(ParameterProposal),
});
export const PolicyParameters = z.looseObject({
  date: Day,
  county: County,
  parameters: z.array(
    z.looseObject({
      id: z.string(),
      version: z.string(),
      validFrom: Day,
      division: z.string(),
      unit: z.string(),
      source: z.string(),
      citations: z.array(Citation),
    }),
  ),
  /** Proposed versions waiting for their four-eyes decision (the county's and the city's). */
  pending: z.array(ParameterProposal),
});
export const PolicySimulation = z.looseObject({
  id: Id,
  status: z.enum(['RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED']),
  effectiveDate: Day,
  progress: z.looseObject({ processed: z.int().min(0), total: z.int().min(0) }),
  summary: z.array(z.looseObject({ countyCode: County, category: z.string() })).nullable(),
});
const CryptoCounts = z.looseObject({ scanned: z.int().min(0), migrated: z.int().min(0) });
export const CryptoMigration = z.looseObject({
  id: Id,
  targetSuite: z.enum(['INTERNATIONAL', 'NATIONAL']),
  status: z.enum(['RUNNING', 'COMPLETED', 'FAILED']),
  report: z.looseObject({
    member: CryptoCounts.optional(),
    emergency_case: CryptoCounts.optional(),
    complaint: CryptoCounts.optional(),
  }),
  cursor: z.looseObject({ table: z.string(), after: z.string().nullable() }).nullable(),
  requestedBy: z.string(),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export const PolicySimulationPage = page(PolicySimulation.omit({ summary: true }));
export const StandardAdjustment = z.looseObject({
  id: Id,
  status: z.enum(['RUNNING', 'COMPLETED', 'FAILED']),
  parameterId: z.string(),
  effectiveDate: Day,
  progress: z.looseObject({ processed: z.int().min(0), total: z.int().min(0) }),
  report: z
    .looseObject({
      changed: z.int().min(0),
      unchanged: z.int().min(0),
      rechecksOpened: z.int().min(0),
      backPayTotal: z.number(),
      byCounty: z.array(z.looseObject({ countyCode: County, backPayTotal: z.number() })),
    })
    .nullable(),
});
export const StandardAdjustmentPage = page(StandardAdjustment);
export const PolicyProjection = z.looseObject({
  enrolledCaseId: Id,
  asOf: Day,
  until: Day,
  years: z.int().min(1).max(10),
  entries: z.array(
    z.looseObject({
      date: Day,
      at: Timestamp,
      kind: z.enum(['PERIODIC_RECHECK', 'RENEWAL_RECHECK', 'VALIDITY_END', 'PHASE_OUT_END']),
      label: z.string(),
      parameters: z.array(
        z.looseObject({ id: z.string(), version: z.string(), division: z.string(), source: z.string() }),
      ),
    }),
  ),
  assumptions: z.array(z.string()),
});
export const PolicySimulationCases = page(
  z.looseObject({
    caseKind: z.enum(['ENROLLED', 'APPLICATION']),
    caseId: Id,
    countyCode: County,
    category: z.string(),
    oldBenefit: z.number(),
    newBenefit: z.number(),
    change: z.string(),
    reason: z.string(),
  }),
);
export const PolicySources = z.looseObject({
  sources: z.array(
    z.looseObject({
      id: z.string(),
      title: z.string(),
      docNo: z.string().nullable(),
      issuer: z.string().nullable(),
      year: z.int().nullable(),
      kind: z.enum(['DOCUMENT', 'LOCAL_DEFAULT', 'ILLUSTRATIVE', 'DRILL']),
      placeholder: z.boolean(),
      /** 《title》（docNo）: how explanations name it. */
      name: z.string(),
    }),
  ),
});

const YearSummary = z.looseObject({
  year: z.int(),
  origin: z.enum(['BUILT_IN', 'LOADED']),
  source: z.string(),
  loadedBy: z.string().nullable(),
  loadedAt: Timestamp.nullable(),
});
export const HolidayScheduleList = z.looseObject({
  years: z.array(YearSummary.extend({ holidays: z.int(), makeUpWorkdays: z.int() })),
  provisionalFrom: z.int(),
});
export const HolidaySchedule = YearSummary.extend({ holidays: z.array(Day), makeUpWorkdays: z.array(Day) });
export const HolidayScheduleLoaded = HolidaySchedule.extend({
  replaced: z.boolean(),
  recalculation: z.looseObject({ workflowId: z.string() }),
});

export const Incident = z.looseObject({
  id: Id,
  status: z.enum(['OPEN', 'RETRYING', 'RESOLVED', 'CLOSED']),
  caseKind: z.string(),
});
export const IncidentPage = page(Incident);

// ---- Users (administrator) ----
export const User = z.looseObject({
  id: z.string().min(1),
  username: z.string().min(1),
  displayName: z.string(),
  role: Role,
  jurisdictionCode: z.string(),
  disabled: z.boolean(),
});
export const UserList = z.looseObject({ items: z.array(User), nextCursor: z.string().nullable() });

// ---- Temporal's remote codec protocol ----
export const CodecPayloads = z.looseObject({
  payloads: z.array(
    z.looseObject({ metadata: z.record(z.string(), z.string()).optional(), data: z.string().optional() }),
  ),
});
