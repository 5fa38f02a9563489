import type { CaseListRow } from '../cases/case.repository';
import { STAGE_NAMES_ZH, type DeterminationStage } from '../core/contracts/determination';
import { CATEGORY_NAMES_ZH, type Category } from '../core/contracts/household-facts';
import { ROLE_NAMES_ZH, type Role } from '../core/contracts/roles';
import type { ExportColumn } from './list-workbook';

const CHANNEL_ZH: Record<string, string> = {
  SELF: '本人申请',
  ON_BEHALF: '村（居）委会代为申请',
  WARNING: '监测预警转办',
};

/** The applications list as a workbook: what the list shows (no names, no ID numbers). */
export const CASE_EXPORT_COLUMNS: readonly ExportColumn<CaseListRow>[] = [
  { header: '申请编号', cell: (c) => c.id, width: 38 },
  { header: '救助类别', cell: (c) => CATEGORY_NAMES_ZH[c.category as Category] ?? c.category, width: 20 },
  { header: '申请渠道', cell: (c) => CHANNEL_ZH[c.channel] ?? c.channel },
  { header: '办理阶段', cell: (c) => STAGE_NAMES_ZH[c.stage as DeterminationStage] ?? c.stage, width: 20 },
  { header: '县（市、区）', cell: (c) => c.countyCode },
  { header: '乡镇（街道）', cell: (c) => c.townshipCode },
  { header: '当前办理角色', cell: (c) => (c.turnRole ? (ROLE_NAMES_ZH[c.turnRole as Role] ?? c.turnRole) : null) },
  { header: '本环节期限', cell: (c) => c.stageDueAt, width: 20 },
  { header: '全程期限', cell: (c) => c.processDueAt, width: 20 },
  {
    header: '是否超期',
    cell: (c) => (c.overdue || (c.stageDueAt !== null && c.stageDueAt < new Date()) ? '已超期' : ''),
  },
  { header: '申请时间', cell: (c) => c.createdAt, width: 20 },
];
