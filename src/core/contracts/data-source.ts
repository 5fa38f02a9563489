import { z } from 'zod';
import type { Department } from './deliberation';

// Department data comparison (数据比对, seed 二(三)1): the files departments hand over, one
// fixed column layout per source. docs/data-exchange.md documents the same layouts for the
// departments; the parsers refuse any other header.

export const DataSource = z.enum([
  'EDUCATION_STUDENTS',
  'HRSS_UNEMPLOYED',
  'HEALTH_SERIOUS_ILLNESS',
  'MEDICAL_LARGE_EXPENSE',
  'DPF_SEVERE_DISABILITY',
  'EMERGENCY_DISASTER',
  'RURAL_RELAPSE_MONITORED',
  'CIVIL_AFFAIRS_DEATH',
  'CIVIL_AFFAIRS_MARRIAGE',
  'CIVIL_AFFAIRS_RECIPIENTS',
  'MARKET_COMPANY',
  'VEHICLE_REGISTER',
]);
export type DataSource = z.infer<typeof DataSource>;

/** How a cell is checked: an ID number (check digit), an Anyang county code, a date (not in the future), an amount, one of a list, free text. */
export type ColumnKind =
  | { type: 'residentId' }
  | { type: 'county' }
  | { type: 'date' }
  | { type: 'amount' }
  | { type: 'choice'; values: readonly string[] }
  | { type: 'text'; max: number };

export interface Column {
  /** The header cell, exactly. */
  header: string;
  /** The key the staged row's fields use. */
  key: string;
  required: boolean;
  kind: ColumnKind;
}

export interface SourceLayout {
  nameZh: string;
  /** The department that hands the file over; null when civil affairs uploads it for a body without a liaison here. */
  department: Department | null;
  /** The key of the date column that dates the record (the staged row's event date). */
  eventDate: string;
  columns: readonly Column[];
}

const text = (max = 100): ColumnKind => ({ type: 'text', max });
const req = (header: string, key: string, kind: ColumnKind): Column => ({ header, key, required: true, kind });
const opt = (header: string, key: string, kind: ColumnKind): Column => ({ header, key, required: false, kind });
/** Every source starts with the person and the county the record belongs to. */
const PERSON: readonly Column[] = [
  req('身份证号码', 'idNumber', { type: 'residentId' }),
  req('姓名', 'name', text(50)),
  req('县（市、区）代码', 'county', { type: 'county' }),
];

export const SOURCE_LAYOUTS: Record<DataSource, SourceLayout> = {
  EDUCATION_STUDENTS: {
    nameZh: '教育部门：家庭经济困难学生',
    department: 'EDUCATION',
    eventDate: 'recognisedOn',
    columns: [
      ...PERSON,
      req('学校名称', 'school', text()),
      req('学段', 'stage', { type: 'choice', values: ['学前', '小学', '初中', '高中', '中职', '高校'] }),
      opt('资助项目', 'aid', text()),
      req('认定日期', 'recognisedOn', { type: 'date' }),
    ],
  },
  HRSS_UNEMPLOYED: {
    nameZh: '人力资源和社会保障部门：登记失业人员',
    department: 'HR_SOCIAL_SECURITY',
    eventDate: 'registeredOn',
    columns: [
      ...PERSON,
      req('失业登记日期', 'registeredOn', { type: 'date' }),
      opt('就业失业登记证号', 'certificate', text(30)),
    ],
  },
  HEALTH_SERIOUS_ILLNESS: {
    nameZh: '卫生健康部门：重病患者',
    department: 'HEALTH',
    eventDate: 'diagnosedOn',
    columns: [
      ...PERSON,
      req('疾病名称', 'disease', text()),
      req('确诊日期', 'diagnosedOn', { type: 'date' }),
      opt('诊断医疗机构', 'hospital', text()),
    ],
  },
  MEDICAL_LARGE_EXPENSE: {
    nameZh: '医疗保障部门：大额医疗费用支出',
    department: 'MEDICAL_INSURANCE',
    eventDate: 'settledOn',
    columns: [
      ...PERSON,
      req('结算日期', 'settledOn', { type: 'date' }),
      req('医疗总费用（元）', 'totalCost', { type: 'amount' }),
      req('个人自付费用（元）', 'outOfPocket', { type: 'amount' }),
      opt('参保类别', 'insurance', { type: 'choice', values: ['职工医保', '居民医保'] }),
    ],
  },
  DPF_SEVERE_DISABILITY: {
    nameZh: '残疾人联合会：重度残疾人',
    department: 'DISABLED_PERSONS_FEDERATION',
    eventDate: 'issuedOn',
    columns: [
      ...PERSON,
      opt('残疾人证号', 'certificate', text(30)),
      req('残疾类别', 'category', {
        type: 'choice',
        values: ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'],
      }),
      req('残疾等级', 'grade', { type: 'choice', values: ['一级', '二级'] }),
      req('发证日期', 'issuedOn', { type: 'date' }),
    ],
  },
  EMERGENCY_DISASTER: {
    nameZh: '应急管理部门：受灾家庭',
    department: 'EMERGENCY_MANAGEMENT',
    eventDate: 'struckOn',
    columns: [
      ...PERSON,
      req('灾害类型', 'disaster', {
        type: 'choice',
        values: ['洪涝', '干旱', '风雹', '地震', '低温冷冻', '雪灾', '火灾', '地质灾害', '其他'],
      }),
      req('受灾日期', 'struckOn', { type: 'date' }),
      opt('直接经济损失（元）', 'loss', { type: 'amount' }),
      opt('受灾情况', 'description', text(500)),
    ],
  },
  RURAL_RELAPSE_MONITORED: {
    nameZh: '乡村振兴部门：防止返贫监测对象',
    department: null,
    eventDate: 'identifiedOn',
    columns: [
      ...PERSON,
      req('监测对象类型', 'subtype', { type: 'choice', values: ['脱贫不稳定户', '边缘易致贫户', '突发严重困难户'] }),
      req('识别纳入日期', 'identifiedOn', { type: 'date' }),
      opt('主要风险', 'risk', text()),
    ],
  },
  CIVIL_AFFAIRS_DEATH: {
    nameZh: '民政部门：死亡人员',
    department: 'CIVIL_AFFAIRS',
    eventDate: 'diedOn',
    columns: [...PERSON, req('死亡日期', 'diedOn', { type: 'date' }), opt('信息来源', 'origin', text())],
  },
  CIVIL_AFFAIRS_MARRIAGE: {
    nameZh: '民政部门：婚姻登记',
    department: 'CIVIL_AFFAIRS',
    eventDate: 'registeredOn',
    columns: [
      ...PERSON,
      req('登记类型', 'kind', { type: 'choice', values: ['结婚', '离婚', '补领'] }),
      req('登记日期', 'registeredOn', { type: 'date' }),
      opt('配偶身份证号码', 'spouseIdNumber', { type: 'residentId' }),
    ],
  },
  CIVIL_AFFAIRS_RECIPIENTS: {
    // 二(三)2: existing recipients enter the low-income population database without re-screening.
    nameZh: '民政部门：在册救助对象（存量导入）',
    department: 'CIVIL_AFFAIRS',
    eventDate: 'since',
    columns: [
      ...PERSON,
      req('救助类别', 'category', { type: 'choice', values: ['低保', '特困', '低保边缘', '刚性支出困难家庭'] }),
      req('纳入日期', 'since', { type: 'date' }),
      opt('户主身份证号码', 'headIdNumber', { type: 'residentId' }),
    ],
  },
  MARKET_COMPANY: {
    nameZh: '市场监管部门：企业登记',
    department: null,
    eventDate: 'registeredOn',
    columns: [
      ...PERSON,
      req('企业名称', 'company', text()),
      req('统一社会信用代码', 'creditCode', text(18)),
      req('出资人身份', 'role', { type: 'choice', values: ['法定代表人', '股东', '个体工商户经营者'] }),
      req('登记日期', 'registeredOn', { type: 'date' }),
      opt('注册资本（万元）', 'capital', { type: 'amount' }),
    ],
  },
  VEHICLE_REGISTER: {
    nameZh: '公安交管部门：机动车登记',
    department: null,
    eventDate: 'registeredOn',
    columns: [
      ...PERSON,
      req('号牌号码', 'plate', text(10)),
      req('车辆类型', 'vehicleType', text(30)),
      req('登记日期', 'registeredOn', { type: 'date' }),
    ],
  },
};

export const FileEncoding = z.enum(['AUTO', 'UTF-8', 'GB18030']);
export type FileEncoding = z.infer<typeof FileEncoding>;

/** The upload's form fields (the file comes beside them). */
export const DataBatchUpload = z.strictObject({
  source: DataSource,
  /** What the uploader says the CSV's encoding is; AUTO detects it (BOM, then strict UTF-8, else GB18030). */
  encoding: FileEncoding.default('AUTO'),
});
export type DataBatchUpload = z.infer<typeof DataBatchUpload>;

/** STAGED by the upload; REPORTED once the batch's workflow matched it and started its warnings. */
export const DataBatchStatus = z.enum(['STAGED', 'REPORTED']);

/** What matching a staged batch found (the batch workflow's result, also kept on the batch). */
export interface BatchMatched {
  rowsMatched: number;
  warningsRaised: number;
  warningsUpdated: number;
  /** Persons entered into (or updated in) the population database; null for a source that imports nobody. */
  populationRecorded: number | null;
}
