import type { Role } from '@contracts/roles';

/** A menu entry and the roles that may use it: the API's own role rules, so no one is shown a screen that would only refuse. */
export interface MenuItem {
  name: string;
  title: string;
  roles: readonly Role[];
}

const ALL: readonly Role[] = [
  'VILLAGE_ASSISTANT',
  'TOWNSHIP_CASEWORKER',
  'COUNTY_OFFICER',
  'COUNTY_SUPERVISOR',
  'CITY_SUPERVISOR',
  'DEPARTMENT_LIAISON',
  'AUDITOR',
  'ADMINISTRATOR',
];
// The security and audit administrators (三员分立) have no screen of the business menus: the
// API refuses them everything but accounts and the audit trail.
const COUNTY_READERS: readonly Role[] = ['COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR'];
// The city's supervisors answer the complaints about county staff.
const COMPLAINT_READERS: readonly Role[] = [...COUNTY_READERS, 'CITY_SUPERVISOR'];

export const MENU: readonly MenuItem[] = [
  // Auditors watch; no step of any process is theirs.
  { name: 'inbox', title: '待办事项', roles: ALL.filter((r) => r !== 'AUDITOR') },
  // GET /applications refuses department liaisons (they see only their referrals).
  { name: 'cases', title: '救助申请', roles: ALL.filter((r) => r !== 'DEPARTMENT_LIAISON') },
  // GET /enrolled-cases refuses department liaisons; shown to those who report changes (village,
  // township), pay and supervise (county) and audit.
  {
    name: 'enrolled-cases',
    title: '在保对象',
    roles: ['VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR'],
  },
  // POST /applications: village, township and county intake only.
  { name: 'new-application', title: '新建申请', roles: ['VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER'] },
  // POST /emergency-aid: the township caseworker where the emergency happened.
  { name: 'emergency-new', title: '临时救助登记', roles: ['TOWNSHIP_CASEWORKER'] },
  // GET /emergency-aid refuses only liaisons; listed for those who handle the cases (township and
  // county civil affairs) and the auditor.
  {
    name: 'emergency-list',
    title: '临时救助',
    roles: ['TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR'],
  },
  // GET /deliberations: a matter is the county's; its civil affairs convene and decide, the auditor reads.
  { name: 'deliberations', title: '一事一议', roles: COUNTY_READERS },
  // GET /referrals: a liaison's department, civil affairs of the jurisdiction (not village assistants).
  {
    name: 'referrals',
    title: '转介事项',
    roles: ['DEPARTMENT_LIAISON', 'TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR'],
  },
  // GET /population: civil affairs from the village up, and the auditor.
  {
    name: 'population',
    title: '低收入人口',
    roles: ['VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR'],
  },
  // GET /warnings: civil affairs who verify and supervise, auditors; a liaison the warnings routed to them.
  {
    name: 'warnings',
    title: '监测预警',
    roles: ['TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'DEPARTMENT_LIAISON', 'AUDITOR'],
  },
  // POST /monitoring/batches: a department's liaison (their sources) and the county officer upload.
  { name: 'data-batches', title: '数据比对', roles: ['DEPARTMENT_LIAISON', 'COUNTY_OFFICER'] },
  // POST /monitoring/surveys: the county supervisor draws; the officer and the auditor read a survey.
  { name: 'surveys', title: '随机调查', roles: ['COUNTY_SUPERVISOR'] },
  // GET /monitoring/surveys: the past surveys, for the three roles that read one.
  { name: 'survey-records', title: '随机调查记录', roles: COUNTY_READERS },
  // GET /escalations: the county supervisor acts on the board, the auditor reads it (the API refuses the city supervisor).
  { name: 'escalations', title: '督办看板', roles: ['COUNTY_SUPERVISOR', 'AUDITOR'] },
  // GET /recheck-campaigns: the county officer starts and schedules, the supervisor and the auditor read.
  { name: 'campaigns', title: '复核活动', roles: COUNTY_READERS },
  // GET /complaints: county civil affairs, the city's supervisors and the auditor.
  { name: 'complaints', title: '投诉举报', roles: COMPLAINT_READERS },
  // POST /complaints: a hotline call, recorded by township and county civil affairs.
  { name: 'hotline', title: '热线登记', roles: ['TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR'] },
  // GET /recoveries: county civil affairs act, the auditor reads.
  { name: 'recoveries', title: '追缴', roles: COUNTY_READERS },
  // GET /payments/reports/:month and /payments/checks/:month.
  { name: 'funds', title: '资金发放', roles: COUNTY_READERS },
  // GET /payments (one by one): county civil affairs and the auditor; the officer records the bank's answer.
  { name: 'payment-instructions', title: '发放指令', roles: COUNTY_READERS },
  // GET /payments/batches: as GET /payments.
  { name: 'payment-batches', title: '发放批次', roles: COUNTY_READERS },
  // POST /payments/bank-returns: the county officer alone.
  { name: 'bank-returns', title: '银行回盘', roles: ['COUNTY_OFFICER'] },
  // GET /statistics/...: civil affairs from the township up, the city's supervisor and the auditor.
  {
    name: 'dashboard',
    title: '数据看板',
    roles: ['TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'CITY_SUPERVISOR', 'AUDITOR'],
  },
  // GET /policy/parameters reads for any staff; the administrator proposes and decides, the
  // county supervisor decides the county's own values: the two who act on parameters.
  { name: 'parameters', title: '参数管理', roles: ['ADMINISTRATOR', 'COUNTY_SUPERVISOR'] },
  // POST /policy/simulations and /policy/adjustments: the administrator alone.
  { name: 'simulations', title: '政策模拟', roles: ['ADMINISTRATOR'] },
  { name: 'adjustments', title: '调标', roles: ['ADMINISTRATOR'] },
  // GET /policy/simulations and /policy/adjustments: the past runs, the administrator alone.
  { name: 'simulation-records', title: '政策模拟记录', roles: ['ADMINISTRATOR'] },
  { name: 'adjustment-records', title: '调标记录', roles: ['ADMINISTRATOR'] },
  // PUT /calendar/holiday-schedules/:year: the administrator (the list reads for any staff).
  { name: 'holidays', title: '节假日安排', roles: ['ADMINISTRATOR'] },
  // GET /incidents: the county supervisor and the administrator act, the auditor reads.
  { name: 'incidents', title: '故障事件', roles: ['COUNTY_SUPERVISOR', 'ADMINISTRATOR', 'AUDITOR'] },
  // /users: the security administrator alone (三员分立).
  { name: 'users', title: '账户管理', roles: ['SECURITY_ADMINISTRATOR'] },
  // GET /audit: the audit administrator alone.
  { name: 'audit', title: '审计日志', roles: ['AUDIT_ADMINISTRATOR'] },
];

/** Screens reached from a menu's screen, not from the menu: the roles their API routes accept. */
const PAGES: Record<string, readonly Role[]> = {
  // A survey by number (GET /monitoring/surveys/:id), opened from 随机调查记录; only the supervisor draws.
  surveys: COUNTY_READERS,
  complaint: COMPLAINT_READERS,
  recovery: COUNTY_READERS,
  // GET /enrolled-cases/:id: every role but the department liaison.
  'enrolled-case': [
    'VILLAGE_ASSISTANT',
    'TOWNSHIP_CASEWORKER',
    'COUNTY_OFFICER',
    'COUNTY_SUPERVISOR',
    'CITY_SUPERVISOR',
    'AUDITOR',
    'ADMINISTRATOR',
  ],
  // POST /recoveries: the county officer alone.
  'recovery-new': ['COUNTY_OFFICER'],
  // GET /emergency-aid/:id refuses department liaisons; a notice's print view reads the same case.
  emergency: ALL.filter((r) => r !== 'DEPARTMENT_LIAISON'),
  'notice-print': ALL.filter((r) => r !== 'DEPARTMENT_LIAISON'),
  // GET /deliberations/:id: the county's staff, and a member unit's liaison (a member of it).
  deliberation: ALL,
};

export const menuFor = (role: Role): MenuItem[] => MENU.filter((m) => m.roles.includes(role));
/** A screen's menu roles, and those who reach it from another screen (a survey opened from its record). */
export function mayOpen(role: Role, routeName: string): boolean {
  const menu = MENU.find((m) => m.name === routeName)?.roles;
  const page = PAGES[routeName];
  if (!menu && !page) return true;
  return (menu ?? []).includes(role) || (page ?? []).includes(role);
}
