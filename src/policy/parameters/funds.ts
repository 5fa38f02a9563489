// Funds paid on time and in full (plan 三(三) 确保资金按时足额发放): the day of each month by
// which that month's assistance must have reached the households' accounts. The monthly fund
// check runs after it and lists what was not paid, paid late, short or twice.
import { ANYANG_CITY_CODE } from '../../core/contracts/household-facts';
import { P } from '../../core/parameter-ids';
import { cite as c } from '../sources';
import type { ParameterVersion } from './types';

export const fundsParameters: ParameterVersion[] = [
  {
    id: P.PAYMENT_MONTHLY_DEADLINE_DAY,
    version: '2021',
    validFrom: '2021-07-01',
    division: ANYANG_CITY_CODE,
    value: 20,
    unit: 'COUNT',
    citations: [c.plan('三(三)', '确保资金按时足额发放'), c.localDefault('每月保障金发放截止日（当月第几日）')],
    placeholder: true,
    note: 'local default: the day of the month (1–28); no public Anyang figure',
  },
];
