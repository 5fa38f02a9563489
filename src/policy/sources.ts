// The legal sources the parameters and reasons cite: each document once, by id. A
// parameter or reason holds citations ({ sourceId, article }); the text a person reads is
// rendered from the registry, so it names the document (《title》（docNo）article) and a
// corrected title or number changes every explanation at once.
// The national texts are community transcriptions (domain.md): verify against the official
// mca.gov.cn / gov.cn texts before production use.

export type LegalSourceKind =
  /** A published document. */
  | 'DOCUMENT'
  /** No document sets the figure: a local default the county or city must confirm. */
  | 'LOCAL_DEFAULT'
  /** An invented figure kept so that effective dating can be exercised. */
  | 'ILLUSTRATIVE'
  /** The embedded demo's shortened limits. */
  | 'DRILL';

export interface LegalSource {
  readonly id: string;
  /** Full Chinese title (for DOCUMENT), or what the entry stands for. */
  readonly title: string;
  /** 文号, null when the document has none or it is not known yet. */
  readonly docNo: string | null;
  readonly issuer: string | null;
  readonly year: number | null;
  readonly kind: LegalSourceKind;
  /** True when no document stands behind it (a local default, an invented figure, the drill): the bureau replaces it. */
  readonly placeholder: boolean;
  /** The title is a description, not the document's own title (shown without 《》). */
  readonly descriptiveTitle?: boolean;
  readonly note?: string;
}

/** A parameter's or a reason's reference to one source: which document, which article. */
export interface Citation {
  readonly sourceId: string;
  /** As written in the document: '二(二)5' for the Anyang plan, '第十三条' for the national texts. */
  readonly article?: string;
  /** What the article says on the point, in Chinese (short). */
  readonly note?: string;
}

export const SOURCE_IDS = {
  ANYANG_PLAN_2024: 'ANYANG_PLAN_2024',
  MCA_MINIMUM_LIVING_2021: 'MCA_MINIMUM_LIVING_2021',
  MCA_DESTITUTE_2021: 'MCA_DESTITUTE_2021',
  MCA_RIGID_EXPENSE_2025: 'MCA_RIGID_EXPENSE_2025',
  MONITORING_OPINION_2023: 'MONITORING_OPINION_2023',
  MCA_SAFETY_NET_2022: 'MCA_SAFETY_NET_2022',
  MCA_TEMPORARY_ASSISTANCE_2018: 'MCA_TEMPORARY_ASSISTANCE_2018',
  HENAN_INCOME_2021: 'HENAN_INCOME_2021',
  HENAN_NEAR_MINIMUM_2022: 'HENAN_NEAR_MINIMUM_2022',
  HENAN_STANDARDS_2023: 'HENAN_STANDARDS_2023',
  HENAN_DESTITUTE_SUPPORT: 'HENAN_DESTITUTE_SUPPORT',
  ADMINISTRATIVE_RECONSIDERATION_LAW: 'ADMINISTRATIVE_RECONSIDERATION_LAW',
  ADMINISTRATIVE_LITIGATION_LAW: 'ADMINISTRATIVE_LITIGATION_LAW',
  LOCAL_DEFAULT: 'ANYANG_LOCAL_DEFAULT',
  ILLUSTRATIVE: 'ILLUSTRATIVE_FIGURE',
  DRILL: 'DRILL_MODE',
} as const;
const S = SOURCE_IDS;

/** The registry (domain.md "Sources"; the seed is shared/seed/anyang-plan-2024.txt). */
export const LEGAL_SOURCES: readonly LegalSource[] = [
  {
    id: S.ADMINISTRATIVE_RECONSIDERATION_LAW,
    title: '中华人民共和国行政复议法',
    docNo: null,
    issuer: '全国人民代表大会常务委员会',
    year: 2023,
    kind: 'DOCUMENT',
    placeholder: false,
  },
  {
    id: S.ADMINISTRATIVE_LITIGATION_LAW,
    title: '中华人民共和国行政诉讼法',
    docNo: null,
    issuer: '全国人民代表大会',
    year: 2017,
    kind: 'DOCUMENT',
    placeholder: false,
  },
  {
    id: S.ANYANG_PLAN_2024,
    title: '安阳市加强低收入人口动态监测和常态化救助帮扶工作实施方案',
    docNo: '安政办〔2024〕1号',
    issuer: '安阳市人民政府办公室',
    year: 2024,
    kind: 'DOCUMENT',
    placeholder: false,
  },
  {
    id: S.MCA_MINIMUM_LIVING_2021,
    title: '最低生活保障审核确认办法',
    docNo: '民发〔2021〕57号',
    issuer: '民政部',
    year: 2021,
    kind: 'DOCUMENT',
    placeholder: false,
  },
  {
    id: S.MCA_DESTITUTE_2021,
    title: '特困人员认定办法',
    docNo: '民发〔2021〕43号',
    issuer: '民政部',
    year: 2021,
    kind: 'DOCUMENT',
    placeholder: false,
  },
  {
    id: S.MCA_RIGID_EXPENSE_2025,
    title: '刚性支出困难家庭认定办法',
    docNo: null,
    issuer: '民政部',
    year: 2025,
    kind: 'DOCUMENT',
    placeholder: false,
    note: '自 2025 年 1 月 1 日起施行；文号待核实',
  },
  {
    id: S.MONITORING_OPINION_2023,
    title: '关于加强低收入人口动态监测做好分层分类社会救助工作的意见',
    docNo: '国办发〔2023〕39号',
    issuer: '国务院办公厅（转发民政部等单位）',
    year: 2023,
    kind: 'DOCUMENT',
    placeholder: false,
  },
  {
    id: S.MCA_SAFETY_NET_2022,
    title: '关于进一步做好最低生活保障等社会救助兜底工作的通知',
    docNo: null,
    issuer: '民政部',
    year: 2022,
    kind: 'DOCUMENT',
    placeholder: false,
    note: '文号待核实',
  },
  {
    id: S.MCA_TEMPORARY_ASSISTANCE_2018,
    title: '关于进一步加强和改进临时救助工作的意见',
    docNo: null,
    issuer: '民政部 财政部',
    year: 2018,
    kind: 'DOCUMENT',
    placeholder: false,
    note: '文号待核实',
  },
  {
    id: S.HENAN_INCOME_2021,
    title: '河南省民政厅家庭收入认定规定',
    docNo: '豫民〔2021〕5号',
    issuer: '河南省民政厅',
    year: 2021,
    kind: 'DOCUMENT',
    placeholder: false,
    descriptiveTitle: true,
    note: '全称待核实（domain.md 只列文号）',
  },
  {
    id: S.HENAN_NEAR_MINIMUM_2022,
    title: '河南省民政厅最低生活保障边缘家庭认定规定',
    docNo: '豫民〔2022〕4号',
    issuer: '河南省民政厅',
    year: 2022,
    kind: 'DOCUMENT',
    placeholder: false,
    descriptiveTitle: true,
    note: '全称待核实（domain.md 只列文号）',
  },
  {
    id: S.HENAN_STANDARDS_2023,
    title: '河南省 2023 年城乡最低生活保障最低标准',
    docNo: null,
    issuer: '河南省民政厅',
    year: 2023,
    kind: 'DOCUMENT',
    placeholder: false,
    descriptiveTitle: true,
    note: '省定最低标准，暂代安阳市公布的标准',
  },
  {
    id: S.HENAN_DESTITUTE_SUPPORT,
    title: '河南省特困人员基本生活标准规定',
    docNo: null,
    issuer: '河南省',
    year: null,
    kind: 'DOCUMENT',
    placeholder: false,
    descriptiveTitle: true,
    note: '全称、文号待核实（domain.md §2.2）',
  },
  {
    id: S.LOCAL_DEFAULT,
    title: '本地默认值（尚无文件规定，待市、县民政部门确定）',
    docNo: null,
    issuer: null,
    year: null,
    kind: 'LOCAL_DEFAULT',
    placeholder: true,
  },
  {
    id: S.ILLUSTRATIVE,
    title: '示例数值（待市民政局按公布的标准替换）',
    docNo: null,
    issuer: null,
    year: null,
    kind: 'ILLUSTRATIVE',
    placeholder: true,
  },
  {
    id: S.DRILL,
    title: '演练模式：缩短期限（仅限内置演示环境）',
    docNo: null,
    issuer: null,
    year: null,
    kind: 'DRILL',
    placeholder: true,
  },
];

const byId: ReadonlyMap<string, LegalSource> = new Map(LEGAL_SOURCES.map((s) => [s.id, s]));

export function legalSource(id: string): LegalSource | undefined {
  return byId.get(id);
}

/** 《title》（docNo） for a document, the bare description otherwise. */
export function sourceNameZh(s: LegalSource): string {
  const title = s.kind === 'DOCUMENT' && s.descriptiveTitle !== true ? `《${s.title}》` : s.title;
  return s.docNo === null ? title : `${title}（${s.docNo}）`;
}

/** One citation as a person reads it: 《…实施方案》（安政办〔2024〕1号）二(二)5（note）. */
export function citeZh(c: Citation, sources: ReadonlyMap<string, LegalSource> = byId): string {
  const s = sources.get(c.sourceId);
  if (s === undefined) throw new Error(`unregistered legal source ${c.sourceId}`);
  return `${sourceNameZh(s)}${c.article ?? ''}${c.note !== undefined ? `（${c.note}）` : ''}`;
}

/** Several citations, in order, separated as in Chinese prose. */
export function citationsZh(cs: readonly Citation[], sources?: ReadonlyMap<string, LegalSource>): string {
  return cs.map((c) => citeZh(c, sources)).join('；');
}

/** For English sentences: the document number (or title) and article, no note. */
export function citeEn(c: Citation): string {
  const s = byId.get(c.sourceId);
  if (s === undefined) throw new Error(`unregistered legal source ${c.sourceId}`);
  return `${s.docNo ?? s.title}${c.article !== undefined ? ` ${c.article}` : ''}`;
}

/** Shorthands for the data file and the rule texts. */
export const cite = {
  plan: (article: string, note?: string): Citation => ({
    sourceId: S.ANYANG_PLAN_2024,
    article,
    ...(note !== undefined ? { note } : {}),
  }),
  minimumLiving: (article?: string, note?: string): Citation => ({
    sourceId: S.MCA_MINIMUM_LIVING_2021,
    ...(article !== undefined ? { article } : {}),
    ...(note !== undefined ? { note } : {}),
  }),
  destitute: (article?: string, note?: string): Citation => ({
    sourceId: S.MCA_DESTITUTE_2021,
    ...(article !== undefined ? { article } : {}),
    ...(note !== undefined ? { note } : {}),
  }),
  rigidExpense: (article?: string, note?: string): Citation => ({
    sourceId: S.MCA_RIGID_EXPENSE_2025,
    ...(article !== undefined ? { article } : {}),
    ...(note !== undefined ? { note } : {}),
  }),
  temporary: (note?: string): Citation => ({
    sourceId: S.MCA_TEMPORARY_ASSISTANCE_2018,
    ...(note !== undefined ? { note } : {}),
  }),
  safetyNet: (note?: string): Citation => ({
    sourceId: S.MCA_SAFETY_NET_2022,
    ...(note !== undefined ? { note } : {}),
  }),
  henanIncome: (note?: string): Citation => ({
    sourceId: S.HENAN_INCOME_2021,
    ...(note !== undefined ? { note } : {}),
  }),
  henanNearMinimum: (note?: string): Citation => ({
    sourceId: S.HENAN_NEAR_MINIMUM_2022,
    ...(note !== undefined ? { note } : {}),
  }),
  henanStandards: (note?: string): Citation => ({
    sourceId: S.HENAN_STANDARDS_2023,
    ...(note !== undefined ? { note } : {}),
  }),
  henanDestituteSupport: (note?: string): Citation => ({
    sourceId: S.HENAN_DESTITUTE_SUPPORT,
    ...(note !== undefined ? { note } : {}),
  }),
  reconsiderationLaw: (article: string, note?: string): Citation => ({
    sourceId: S.ADMINISTRATIVE_RECONSIDERATION_LAW,
    article,
    ...(note !== undefined ? { note } : {}),
  }),
  litigationLaw: (article: string, note?: string): Citation => ({
    sourceId: S.ADMINISTRATIVE_LITIGATION_LAW,
    article,
    ...(note !== undefined ? { note } : {}),
  }),
  localDefault: (note?: string): Citation => ({ sourceId: S.LOCAL_DEFAULT, ...(note !== undefined ? { note } : {}) }),
  illustrative: (note?: string): Citation => ({ sourceId: S.ILLUSTRATIVE, ...(note !== undefined ? { note } : {}) }),
  drill: (): Citation => ({ sourceId: S.DRILL }),
};
