import { codeRange, countiesOf, countyScopeOf, jurisdictionScope } from '../../src/common/jurisdiction-scope';

const inRange = (code: string, r: { gte: string; lt?: string }) => code >= r.gte && (r.lt === undefined || code < r.lt);

describe('jurisdiction scopes as index ranges', () => {
  it('a prefix range holds exactly the codes the prefix covers', () => {
    expect(codeRange('4105')).toEqual({ gte: '4105', lt: '4106' });
    expect(codeRange('410509')).toEqual({ gte: '410509', lt: '41051' });
    expect(codeRange('4199')).toEqual({ gte: '4199', lt: '42' });
    expect(codeRange('99')).toEqual({ gte: '99' });
    for (const prefix of ['4105', '410509', '41', '4199']) {
      const r = codeRange(prefix);
      for (const code of ['410500', '410502', '410509', '410510', '419999', '420000', '410499', '4105'])
        expect([prefix, code, inRange(code, r)]).toEqual([prefix, code, code.startsWith(prefix)]);
    }
  });

  it('the city reads its county range, a county its code, a township or village its township', () => {
    expect(jurisdictionScope('410500')).toEqual({ countyCode: { gte: '4105', lt: '4106' } });
    expect(jurisdictionScope('410502')).toEqual({ countyCode: '410502' });
    expect(jurisdictionScope('410502002')).toEqual({ townshipCode: '410502002' });
    expect(jurisdictionScope('410502002001')).toEqual({ townshipCode: '410502002' });
    expect(countiesOf('410502002001')).toBe('410502');
    expect(countiesOf('410500')).toEqual({ gte: '4105', lt: '4106' });
    // What is kept at the county alone is no township's.
    expect(countyScopeOf('410502002')).toEqual({ countyCode: '410502002' });
    expect(countyScopeOf('410502')).toEqual({ countyCode: '410502' });
  });
});
