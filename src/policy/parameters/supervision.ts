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
];
