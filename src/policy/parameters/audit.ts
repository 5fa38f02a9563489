// Supervision (plan 三(三)): the audit trail's chain heads are written into the history of
// the checkpoint workflow, outside PostgreSQL, every so many minutes. Rows appended and
// deleted within one period escape the comparison, so the period bounds that window.
import { ANYANG_CITY_CODE } from '../../core/contracts/household-facts';
import { P } from '../../core/parameter-ids';
import { cite as c } from '../sources';
import type { ParameterVersion } from './types';

export const auditParameters: ParameterVersion[] = [
  {
    id: P.AUDIT_CHECKPOINT_PERIOD_MINUTES,
    version: '2021',
    validFrom: '2021-07-01',
    division: ANYANG_CITY_CODE,
    value: 60,
    unit: 'MINUTES',
    citations: [c.plan('三(三)', '监督检查'), c.localDefault('审计日志链头检查点的记录周期')],
    placeholder: true,
    note: 'local default: set with the information-security officer (等级保护 三级 audit protection)',
  },
];
