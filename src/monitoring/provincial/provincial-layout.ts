import { OUTREACH_WARNING_SOURCE, OUTREACH_WARNING_SOURCE_NAME_ZH } from '../../core/contracts/outreach';
import { SOURCE_LAYOUTS, type DataSource } from '../../core/contracts/data-source';
import { DEPARTMENT_NAMES_ZH, type Department } from '../../core/contracts/deliberation';
import { WARNING_CLASS_NAMES_ZH, type WarningClass } from '../../core/contracts/warning';
import { CATEGORY_ZH, ORIGIN_NAMES_ZH, SUBTYPE_NAMES_ZH } from '../population/population-names';
import type { PopulationEntryRow, WarningEntryRow } from './provincial-export.repository';

// The column layouts of the provincial export, as docs/data-exchange.md lists them (a unit test
// checks the two agree). A person is named by a pseudonym (人员标识) and the masked ID number,
// never the number itself; the warnings carry the pseudonym only, as every warning list does.

/** The receiver a pseudonym is derived for: the same person, the same value in every export to it. */
export const PROVINCIAL_RECEIVER = 'henan-provincial-platform';

export interface ProvincialColumn<T> {
  header: string;
  cell: (row: T, pseudonym: (hmac: string) => string) => string;
}

const date = (d: Date | null): string => (d === null ? '' : d.toISOString().slice(0, 10));
/** An instant as its CST calendar date. */
const cstDay = (d: Date | null): string =>
  d === null ? '' : new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const named = (names: Record<string, string>, code: string | null): string =>
  code === null ? '' : (names[code] ?? code);

export const POPULATION_COLUMNS: readonly ProvincialColumn<PopulationEntryRow>[] = [
  { header: '人员标识', cell: (r, p) => p(r.id_number_hmac) },
  { header: '身份证号码（脱敏）', cell: (r) => r.id_number_masked },
  { header: '姓名', cell: (r) => r.name },
  { header: '县（市、区）代码', cell: (r) => r.county_code },
  { header: '乡镇（街道）代码', cell: (r) => r.township_code ?? '' },
  { header: '类别代码', cell: (r) => r.category },
  { header: '类别', cell: (r) => named(CATEGORY_ZH, r.category) },
  { header: '监测对象类型', cell: (r) => named(SUBTYPE_NAMES_ZH, r.subtype) },
  { header: '数据来源', cell: (r) => named(ORIGIN_NAMES_ZH, r.origin) },
  { header: '纳入日期', cell: (r) => date(r.since) },
  { header: '退出日期', cell: (r) => date(r.until) },
];

const STAGES: Record<string, string> = {
  RAISED: '已预警',
  VERIFICATION: '上门核查中',
  REFERRED: '已转介',
  DELIBERATION: '一事一议',
  CASE_SIGNALLED: '已通知保障案件',
  CLOSED: '已处置',
};
const OUTCOMES: Record<string, string> = {
  APPLICATION_ADVISED: '建议申请救助',
  APPLICATION_STARTED: '已代为提出申请',
  REFERRED: '转介相关部门',
  DELIBERATED: '一事一议',
  CASE_SIGNALLED: '转保障案件复核',
  DISMISSED: '无需处置',
};
const sourceName = (source: string): string =>
  SOURCE_LAYOUTS[source as DataSource]?.nameZh ??
  (source === OUTREACH_WARNING_SOURCE ? OUTREACH_WARNING_SOURCE_NAME_ZH : source);

export const WARNING_COLUMNS: readonly ProvincialColumn<WarningEntryRow>[] = [
  { header: '预警编号', cell: (w) => w.id },
  { header: '人员标识', cell: (w, p) => p(w.id_number_hmac) },
  { header: '预警类别', cell: (w) => named(WARNING_CLASS_NAMES_ZH as Record<WarningClass, string>, w.warning_class) },
  { header: '数据来源', cell: (w) => sourceName(w.source) },
  { header: '县（市、区）代码', cell: (w) => w.county_code },
  { header: '乡镇（街道）代码', cell: (w) => w.township_code ?? '' },
  { header: '记录日期', cell: (w) => date(w.event_date) },
  { header: '预警日期', cell: (w) => cstDay(w.raised_at) },
  { header: '处置阶段', cell: (w) => named(STAGES, w.stage) },
  { header: '处置结果', cell: (w) => named(OUTCOMES, w.outcome) },
  { header: '转介部门', cell: (w) => named(DEPARTMENT_NAMES_ZH as Record<Department, string>, w.department) },
  { header: '是否逾期', cell: (w) => (w.overdue ? '是' : '否') },
  { header: '办结日期', cell: (w) => cstDay(w.closed_at) },
];
