// GB 11643-1999 resident identity number: 6-digit address code, 8-digit birth date,
// 3-digit sequence (odd = male), and an ISO 7064 MOD 11-2 check character.

import { isCalendarDate } from './calendar-date';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type ResidentIdProblem = 'FORMAT' | 'BIRTH_DATE' | 'CHECK_DIGIT';

export function residentIdProblem(id: string): ResidentIdProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'FORMAT';
  const year = Number(id.slice(6, 10));
  if (year < 1900 || !isCalendarDate(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return 'BIRTH_DATE';
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return 'CHECK_DIGIT';
  return null;
}

export const RESIDENT_ID_MESSAGES: Record<ResidentIdProblem, string> = {
  FORMAT: '身份证号码须为 18 位（前 17 位数字，末位数字或 X）',
  BIRTH_DATE: '身份证号码中的出生日期无效',
  CHECK_DIGIT: '身份证号码校验位不正确',
};

export const birthDateOf = (id: string): string => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
export const sexOf = (id: string): 'MALE' | 'FEMALE' => (Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE');
/** Display form keeping the county code and last 4 characters: 410502********0012. */
export const maskResidentId = (id: string): string => `${id.slice(0, 6)}********${id.slice(14)}`;
