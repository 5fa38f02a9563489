import type { Area, DivisionLevel, Role } from '../src/generated/prisma/client';

// Demo data for embedded mode: Anyang's divisions (domain.md §3) with a few townships and
// villages each (township and village names are illustrative), one user per role, and a
// handful of households whose ID numbers are synthetic (valid check digit, not real people).

export const COUNTIES: Array<[code: string, name: string]> = [
  ['410502', '文峰区'],
  ['410503', '北关区'],
  ['410505', '殷都区'],
  ['410506', '龙安区'],
  ['410522', '安阳县'],
  ['410523', '汤阴县'],
  ['410526', '滑县'],
  ['410527', '内黄县'],
  ['410581', '林州市'],
];
const TOWNSHIPS: Record<string, Array<[name: string, area: Area]>> = {
  '410502': [
    ['东大街街道', 'URBAN'],
    ['宝莲寺镇', 'RURAL'],
  ],
  '410503': [
    ['红旗路街道', 'URBAN'],
    ['柏庄镇', 'RURAL'],
  ],
  '410505': [
    ['梅园庄街道', 'URBAN'],
    ['水冶镇', 'RURAL'],
  ],
  '410506': [
    ['文昌大道街道', 'URBAN'],
    ['马家乡', 'RURAL'],
  ],
  '410522': [
    ['崔家桥镇', 'RURAL'],
    ['白璧镇', 'RURAL'],
  ],
  '410523': [
    ['城关镇', 'URBAN'],
    ['菜园镇', 'RURAL'],
  ],
  '410526': [
    ['道口镇', 'URBAN'],
    ['留固镇', 'RURAL'],
  ],
  '410527': [
    ['城关镇', 'URBAN'],
    ['东庄镇', 'RURAL'],
  ],
  '410581': [
    ['开元街道', 'URBAN'],
    ['姚村镇', 'RURAL'],
  ],
};

export interface DivisionSeed {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
  area?: Area;
}

export function divisions(): DivisionSeed[] {
  const rows: DivisionSeed[] = [{ code: '410500', name: '安阳市', level: 'CITY', parentCode: null }];
  for (const [county, countyName] of COUNTIES) {
    rows.push({ code: county, name: countyName, level: 'COUNTY', parentCode: '410500' });
    TOWNSHIPS[county]!.forEach(([townshipName, area], t) => {
      const township = `${county}${String(t + 1).padStart(3, '0')}`;
      rows.push({ code: township, name: townshipName, level: 'TOWNSHIP', parentCode: county, area });
      const villageNames = area === 'URBAN' ? ['第一社区', '第二社区'] : ['前进村', '和平村', '新庄村'];
      villageNames.forEach((v, i) => {
        rows.push({
          code: `${township}${String(i + 1).padStart(3, '0')}`,
          name: `${townshipName}${v}`,
          level: 'VILLAGE',
          parentCode: township,
          area,
        });
      });
    });
  }
  return rows;
}

export interface UserSeed {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  jurisdictionCode: string;
  department?: string;
}

/** One demo user per role of domain.md §5, all in 文峰区 (410502) or city-wide. */
export const USERS: UserSeed[] = [
  {
    id: 'demo-village-assistant',
    username: 'village.assistant',
    displayName: '演示·村协理员',
    role: 'VILLAGE_ASSISTANT',
    jurisdictionCode: '410502002001',
  },
  {
    id: 'demo-township-caseworker',
    username: 'township.caseworker',
    displayName: '演示·乡镇经办人',
    role: 'TOWNSHIP_CASEWORKER',
    jurisdictionCode: '410502002',
  },
  {
    id: 'demo-township-caseworker-2',
    username: 'township.caseworker2',
    displayName: '演示·乡镇经办人（二）',
    role: 'TOWNSHIP_CASEWORKER',
    jurisdictionCode: '410502002',
  },
  {
    id: 'demo-county-officer',
    username: 'county.officer',
    displayName: '演示·县级民政经办人',
    role: 'COUNTY_OFFICER',
    jurisdictionCode: '410502',
  },
  {
    id: 'demo-county-supervisor',
    username: 'county.supervisor',
    displayName: '演示·县级主管',
    role: 'COUNTY_SUPERVISOR',
    jurisdictionCode: '410502',
  },
  {
    id: 'demo-department-liaison',
    username: 'department.liaison',
    displayName: '演示·卫健部门联络员',
    role: 'DEPARTMENT_LIAISON',
    jurisdictionCode: '410502',
    department: 'HEALTH',
  },
  // The other member departments of the county coordination mechanism (一事一议, domain.md §4.4).
  ...(
    [
      ['CIVIL_AFFAIRS', '民政'],
      ['FINANCE', '财政'],
      ['HR_SOCIAL_SECURITY', '人社'],
      ['MEDICAL_INSURANCE', '医保'],
      ['EDUCATION', '教育'],
      ['HOUSING', '住建'],
      ['EMERGENCY_MANAGEMENT', '应急管理'],
      ['DISABLED_PERSONS_FEDERATION', '残联'],
      ['CHARITY_FEDERATION', '慈善总会'],
    ] as const
  ).map(([department, name]): UserSeed => ({
    id: `demo-liaison-${department.toLowerCase().replace(/_/g, '-')}`,
    username: `liaison.${department.toLowerCase().replace(/_/g, '-')}`,
    displayName: `演示·${name}部门联络员`,
    role: 'DEPARTMENT_LIAISON',
    jurisdictionCode: '410502',
    department,
  })),
  {
    id: 'demo-county-supervisor-2',
    username: 'county.supervisor2',
    displayName: '演示·县级主管（二）',
    role: 'COUNTY_SUPERVISOR',
    jurisdictionCode: '410502',
  },
  // The city's civil-affairs supervisor: complaints about county staff are the city's.
  {
    id: 'demo-city-supervisor',
    username: 'city.supervisor',
    displayName: '演示·市级民政主管',
    role: 'CITY_SUPERVISOR',
    jurisdictionCode: '410500',
  },
  {
    id: 'demo-auditor',
    username: 'auditor',
    displayName: '演示·监督人员',
    role: 'AUDITOR',
    jurisdictionCode: '410500',
  },
  {
    id: 'demo-administrator',
    username: 'administrator',
    displayName: '演示·系统管理员',
    role: 'ADMINISTRATOR',
    jurisdictionCode: '410500',
  },
  // 三员分立: accounts and roles, and the audit trail, each with an administrator of its own.
  {
    id: 'demo-security-administrator',
    username: 'security.administrator',
    displayName: '演示·安全管理员',
    role: 'SECURITY_ADMINISTRATOR',
    jurisdictionCode: '410500',
  },
  {
    id: 'demo-audit-administrator',
    username: 'audit.administrator',
    displayName: '演示·审计管理员',
    role: 'AUDIT_ADMINISTRATOR',
    jurisdictionCode: '410500',
  },
];
