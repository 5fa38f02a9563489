import {
  maskResidentId,
  residentIdCheckChar,
  residentIdProblem,
  sexOf,
  birthDateOf,
} from '../../src/core/contracts/resident-id';
import { divisionCovers, divisionPrefix } from '../../src/core/contracts/division';

describe('GB 11643 resident ID numbers', () => {
  it.each([
    ['11010519491231002X', null], // the standard's own example, check character X
    ['440524198001010013', null],
    ['110105194912310021', 'CHECK_DIGIT'],
    ['11010519491331002X', 'BIRTH_DATE'], // month 13
    ['11010518000229002X', 'BIRTH_DATE'], // 1800 is before 1900
    ['11010519490229001X', 'BIRTH_DATE'], // 1949 is not a leap year
    ['1101051949123100', 'FORMAT'],
    ['11010519491231002x', 'FORMAT'], // the schema upper-cases before checking
    ['A1010519491231002X', 'FORMAT'],
  ])('%s -> %s', (id, problem) => {
    expect(residentIdProblem(id)).toBe(problem);
  });

  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052419800101001')).toBe('3');
  });

  it('derives birth date and sex, and masks all but the county and the last four', () => {
    expect(birthDateOf('11010519491231002X')).toBe('1949-12-31');
    expect(sexOf('11010519491231002X')).toBe('FEMALE');
    expect(sexOf('440524198001010013')).toBe('MALE');
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });
});

describe('jurisdiction by division code', () => {
  it.each([
    ['410500', '410502002001', true], // the city covers its villages
    ['410502', '410502002', true],
    ['410502', '410503001', false],
    ['410502002', '410502002001', true],
    ['410502002', '410502001001', false],
    ['410502002001', '410502002', false], // a village does not cover its township
    ['410000', '410581002001', true], // the province
  ])('%s covers %s: %s', (jurisdiction, target, expected) => {
    expect(divisionCovers(jurisdiction, target)).toBe(expected);
  });

  it('strips trailing zero pairs only from 6-digit codes', () => {
    expect(divisionPrefix('410500')).toBe('4105');
    expect(divisionPrefix('410000')).toBe('41');
    expect(divisionPrefix('410502001')).toBe('410502001');
  });
});
