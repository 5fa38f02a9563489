import { ageOn, checkZeroEmployment, type WorkingAgeMember } from '../../src/assistance/zero-employment';
import { EmploymentPlacement } from '../../src/core/contracts/employment';
import { deliveryIssues, EmergencyReferralRoute, ReferralCommand } from '../../src/core/contracts/referral';
import { checkProposedValue, defaultParameterStore, PARAMETER_IDS as P } from '../../src/policy';
import { EMERGENCY_REFERRAL_ROUTES } from '../../src/policy/parameters/assistance';

const ages = { adultAge: 18, elderlyAge: 60 };
const m = (memberRef: string, over: Partial<WorkingAgeMember> = {}): WorkingAgeMember => ({
  memberRef,
  age: 40,
  labourCapacity: 'FULL',
  employed: false,
  student: false,
  ...over,
});

describe('零就业家庭 (checkZeroEmployment)', () => {
  it.each([
    [
      'two working-age members who can work, nobody employed',
      [m('a'), m('b', { labourCapacity: 'PARTIAL' })],
      true,
      ['a', 'b'],
    ],
    ['someone employed', [m('a'), m('b', { employed: true })], false, ['a', 'b']],
    [
      'an employed elderly member still counts as employed',
      [m('a'), m('b', { age: 65, employed: true })],
      false,
      ['a'],
    ],
    ['nobody can work (no labour capacity)', [m('a', { labourCapacity: 'NONE' })], false, []],
    ['only a student of working age', [m('a', { age: 19, student: true })], false, []],
    ['elderly at the elderly age, minors below the adult age', [m('a', { age: 60 }), m('b', { age: 17 })], false, []],
    ['the adult age itself is working age', [m('a', { age: 18 })], true, ['a']],
  ])('%s', (_name, members, zero, capable) => {
    const r = checkZeroEmployment(members, ages);
    expect([r.zero, r.capable]).toEqual([zero, capable]);
  });

  it('ageOn counts whole years to the day', () => {
    expect(ageOn('1980-12-07', '2026-12-06')).toBe(45);
    expect(ageOn('1980-12-06', '2026-12-06')).toBe(46);
  });
});

describe('employment placement on a delivery', () => {
  it('a placement needs a wage, with the field named in Chinese', () => {
    const r = ReferralCommand.safeParse({
      action: 'DELIVER',
      what: '安置公益性岗位',
      employment: { kind: 'PUBLIC_WELFARE_JOB', from: '2026-12-01' },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['employment.monthlyWage', '须填写月工资（元）'],
    ]);
    expect(EmploymentPlacement.safeParse({ kind: 'JOB_FOUND', monthlyWage: 0, from: '2026-12-01' }).success).toBe(
      false,
    );
  });

  it('only an employment referral takes a placement', () => {
    const employment = { kind: 'JOB_FOUND', monthlyWage: 2000, from: '2026-12-01' };
    const once = { amountRequired: false, periodicity: 'ONCE' } as const;
    expect(deliveryIssues({ ...once, entitlement: 'EMPLOYMENT_ASSISTANCE' }, { employment })).toEqual([]);
    expect(deliveryIssues({ ...once, entitlement: 'CARE_SERVICE' }, { employment })).toEqual([
      { path: 'employment', message: '仅就业救助事项可填写就业安置情况' },
    ]);
  });
});

describe('emergency referral routes (assistance.emergency_referral_routes)', () => {
  it('the charity fund goes to the charity federation with an amount; vagrant relief to civil affairs', () => {
    const t = defaultParameterStore().lookupTable(P.ASSISTANCE_EMERGENCY_REFERRAL_ROUTES, {
      date: '2026-12-06',
      county: '410502',
    });
    const routes = t.value.map((r) => EmergencyReferralRoute.parse(r));
    expect(routes.map((r) => `${r.target}:${r.entitlement}:${r.department}:${r.amountRequired}`)).toEqual([
      'CHARITY_FUND:CHARITY_EMERGENCY_FUND:CHARITY_FEDERATION:YES',
      'VAGRANT_RELIEF:VAGRANT_RELIEF:CIVIL_AFFAIRS:NO',
    ]);
    expect(t.ref.source).toContain('二(四)9');
  });

  it('a proposed version is checked row by row, each target once', () => {
    const rows = EMERGENCY_REFERRAL_ROUTES.map((r) => ({ ...r }));
    const bad = [...rows, { ...rows[0]! }, { ...rows[1]!, department: 'NOWHERE' }];
    const findings = checkProposedValue(P.ASSISTANCE_EMERGENCY_REFERRAL_ROUTES, 'TABLE', 'TABLE', bad);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'value.2', code: 'ROUTE_DUPLICATE' }),
        expect.objectContaining({ path: 'value.3.department', code: 'ROUTE_ROW' }),
      ]),
    );
    expect(checkProposedValue(P.ASSISTANCE_EMERGENCY_REFERRAL_ROUTES, 'TABLE', 'TABLE', rows)).toEqual([]);
  });
});
