export { WorkingDayCalendar, defaultCalendar, type DueDate, type WorkingDayCount } from './working-day-calendar';
export { FIXED_DATE_HOLIDAYS, type YearSchedule } from './schedule';
export { chineseDaysSchedules, CHINESE_DAYS_SOURCE } from './chinese-days-data';
