import { HolidayScheduleBody } from '@contracts/holiday-schedule';
import type { ActionForm } from './fields';

// A year's public-holiday schedule as the administrator loads it from the State Council's
// notice (部分节假日安排): the days off, the weekend days worked, and the notice itself.

export const HOLIDAY_SCHEDULE_FORM: ActionForm = {
  action: '',
  title: '载入节假日安排',
  schema: HolidayScheduleBody,
  fields: [
    {
      key: 'holidays',
      label: '放假日期',
      kind: 'list',
      hint: '每行一个日期（YYYY-MM-DD），放假期间的周六、周日也要列出',
    },
    { key: 'makeUpWorkdays', label: '调休上班日期', kind: 'list', hint: '每行一个日期；没有则不填' },
    { key: 'source', label: '通知文号', kind: 'text', hint: '如 国办发明电〔2026〕7号' },
  ],
};
