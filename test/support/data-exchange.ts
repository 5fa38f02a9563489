import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { residentIdCheckChar } from '../../src/core/contracts/resident-id';

// Department data files for the monitoring tests: the committed samples and bad variants of them.

export const FIXTURES = join(__dirname, '..', 'fixtures', 'data-exchange');
export const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

/** Each source's sample file. */
export const SAMPLE_FILES = {
  EDUCATION_STUDENTS: 'education-students.csv',
  HRSS_UNEMPLOYED: 'hrss-unemployed.csv',
  HEALTH_SERIOUS_ILLNESS: 'health-serious-illness.csv',
  MEDICAL_LARGE_EXPENSE: 'medical-large-expense.csv',
  DPF_SEVERE_DISABILITY: 'dpf-severe-disability.csv',
  EMERGENCY_DISASTER: 'emergency-disaster.csv',
  RURAL_RELAPSE_MONITORED: 'rural-relapse-monitored.csv',
  CIVIL_AFFAIRS_DEATH: 'civil-affairs-death.csv',
  CIVIL_AFFAIRS_MARRIAGE: 'civil-affairs-marriage.csv',
  CIVIL_AFFAIRS_RECIPIENTS: 'civil-affairs-recipients.csv',
  MARKET_COMPANY: 'market-company.csv',
  VEHICLE_REGISTER: 'vehicle-register.xlsx',
} as const;

/** An invented ID number with a valid check character. */
export const fakeId = (first17: string): string => first17 + residentIdCheckChar(first17);
/** The same with the wrong check character. */
export const wrongCheckId = (first17: string): string => {
  const right = residentIdCheckChar(first17);
  return first17 + (right === '0' ? '1' : '0');
};

export const HRSS_HEADER = '身份证号码,姓名,县（市、区）代码,失业登记日期,就业失业登记证号';
/** A UTF-8 CSV for the HRSS (registered unemployed) source from data lines. */
export const hrssCsv = (...lines: string[]): Buffer => Buffer.from([HRSS_HEADER, ...lines].join('\r\n') + '\r\n');

const dir = mkdtempSync(join(tmpdir(), 'safetynet-data-exchange-'));
let n = 0;
/** Writes bytes to a temp file and returns its path. */
export function tempFile(bytes: Buffer, name: string): string {
  const path = join(dir, `${(n += 1)}-${name}`);
  writeFileSync(path, bytes);
  return path;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A vehicle-register workbook; `edit` adds formulas or merged cells. */
export async function vehicleXlsx(rows: number, edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('机动车登记');
  ws.addRow(['身份证号码', '姓名', '县（市、区）代码', '号牌号码', '车辆类型', '登记日期']);
  for (let i = 0; i < rows; i++)
    ws.addRow([
      fakeId(
        `4105021980${pad2(1 + (Math.floor(i / 28) % 12))}${pad2(1 + (i % 28))}${String(i % 1000).padStart(3, '0')}`,
      ),
      `测试车主${[...String(i)].map((d) => '〇一二三四五六七八九'[Number(d)]).join('')}号`,
      '410502',
      `豫E${String(20000 + i)}`,
      '小型普通客车',
      '2025-05-01',
    ]);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
