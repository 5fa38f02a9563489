// Supervision (plan 三(三) 畅通各级社会救助服务热线，主动接受社会监督): the time the county
// has to investigate and answer a complaint or report, counted in working days.
import { ANYANG_CITY_CODE } from '../../core/contracts/household-facts';
import { P } from '../../core/parameter-ids';
import { cite as c } from '../sources';
import type { ParameterVersion } from './types';

export const supervisionParameters: ParameterVersion[] = [
  {
    id: P.TL_COMPLAINT_HANDLING,
    version: '2021',
    validFrom: '2021-07-01',
    division: ANYANG_CITY_CODE,
    value: 15,
    unit: 'WORKING_DAYS',
    citations: [c.plan('三(三)', '畅通社会救助服务热线，接受社会监督'), c.localDefault('投诉举报办理答复时限')],
    placeholder: true,
    note: 'local default: no public Anyang figure',
  },
  {
    // Statistical disclosure control, not a benefit figure: a count of households (or of
    // cases, complaints) under it could point at a person, so the public page hides it.
    id: P.DISCLOSURE_MINIMUM_CELL_COUNT,
    version: '2021',
    validFrom: '2021-07-01',
    division: ANYANG_CITY_CODE,
    value: 5,
    unit: 'COUNT',
    citations: [
      c.plan('三(三)', '加大信息公开力度，主动接受社会监督'),
      c.localDefault('公开统计数据的最小单元格计数，低于此数不公开'),
    ],
    placeholder: true,
    note: 'local default: no public Anyang figure',
  },
  {
    id: P.CREDIT_RECORD_VALIDITY_MONTHS,
    version: '2021',
    validFrom: '2021-07-01',
    division: ANYANG_CITY_CODE,
    value: 36,
    unit: 'MONTHS',
    citations: [
      c.plan('三(三)', '加强社会救助领域信用管理，如实申报收入状况、财产状况'),
      c.localDefault('诚信申报记录的有效期'),
    ],
    placeholder: true,
    note: 'local default: no public Anyang figure',
  },
  {
    id: P.CORRECTION_TIMELY_MONTHS,
    version: '2021',
    validFrom: '2021-07-01',
    division: ANYANG_CITY_CODE,
    value: 3,
    unit: 'MONTHS',
    citations: [
      c.plan(
        '三(三)',
        '建立容错纠错机制，对秉持公心、履职尽责但因客观原因出现失误偏差且能够及时纠正的经办人员，依法依规免于问责',
      ),
      c.localDefault('工作失误自首次多发月份起在此月数内纠正的，视为及时纠正'),
    ],
    placeholder: true,
    note: 'local default: no public Anyang figure',
  },
  {
    id: P.APPEAL_RECONSIDERATION_DAYS,
    version: '2021',
    validFrom: '2021-07-01',
    division: ANYANG_CITY_CODE,
    value: 60,
    unit: 'NATURAL_DAYS',
    citations: [c.reconsiderationLaw('第二十条', '自知道该行政行为之日起六十日内提出行政复议申请')],
    placeholder: false,
  },
  {
    id: P.APPEAL_LITIGATION_MONTHS,
    version: '2021',
    validFrom: '2021-07-01',
    division: ANYANG_CITY_CODE,
    value: 6,
    unit: 'MONTHS',
    citations: [c.litigationLaw('第四十六条', '自知道作出行政行为之日起六个月内提出')],
    placeholder: false,
  },
];
