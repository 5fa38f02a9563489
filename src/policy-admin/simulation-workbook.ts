// A what-if's cases as an XLSX workbook (one row per case, column headings in Chinese),
// written as a stream while the rows are read in pages: memory stays flat on a city-wide run.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { CATEGORY_NAMES_ZH, type Category } from '../core/contracts/household-facts';
import type { PrismaClient } from '../prisma/prisma-client';

const PAGE = 5000;

const CHANGE_ZH: Record<string, string> = {
  NEWLY_ELIGIBLE: '新增符合',
  NO_LONGER_ELIGIBLE: '不再符合',
  AMOUNT_UP: '金额增加',
  AMOUNT_DOWN: '金额减少',
  UNCHANGED: '不变',
  NOT_EVALUATED: '无法测算',
};
const STATUS_ZH: Record<string, string> = {
  eligible: '符合条件',
  ineligible: '不符合条件',
  needs_review: '需人工审核',
  not_evaluated: '无法测算',
};

export function simulationWorkbook(prisma: PrismaClient, simulationId: string): PassThrough {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet('测算结果');
  sheet.columns = [
    { header: '对象类型', key: 'kind', width: 10 },
    { header: '案件编号', key: 'caseId', width: 38 },
    { header: '县（市、区）', key: 'county', width: 12 },
    { header: '类别', key: 'category', width: 10 },
    { header: '原状态', key: 'oldStatus', width: 12 },
    { header: '新状态', key: 'newStatus', width: 12 },
    { header: '原月保障金（元）', key: 'oldBenefit', width: 16 },
    { header: '新月保障金（元）', key: 'newBenefit', width: 16 },
    { header: '变化', key: 'change', width: 10 },
    { header: '原因', key: 'reason', width: 80 },
  ];
  void (async () => {
    let after: { caseKind: string; caseId: string } | null = null;
    for (;;) {
      const rows: Awaited<ReturnType<typeof prisma.policySimulationCase.findMany>> =
        await prisma.policySimulationCase.findMany({
          where: {
            simulationId,
            ...(after
              ? {
                  OR: [
                    { caseKind: { gt: after.caseKind } },
                    { caseKind: after.caseKind, caseId: { gt: after.caseId } },
                  ],
                }
              : {}),
          },
          orderBy: [{ caseKind: 'asc' }, { caseId: 'asc' }],
          take: PAGE,
        });
      for (const r of rows) {
        sheet
          .addRow({
            kind: r.caseKind === 'ENROLLED' ? '在保对象' : '在办申请',
            caseId: r.caseId,
            county: r.countyCode,
            category: CATEGORY_NAMES_ZH[r.category as Category] ?? r.category,
            oldStatus: STATUS_ZH[r.oldStatus] ?? r.oldStatus,
            newStatus: STATUS_ZH[r.newStatus] ?? r.newStatus,
            oldBenefit: Number(r.oldBenefit),
            newBenefit: Number(r.newBenefit),
            change: CHANGE_ZH[r.change] ?? r.change,
            reason: r.reason,
          })
          .commit();
      }
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1]!;
      after = { caseKind: last.caseKind, caseId: last.caseId };
    }
    sheet.commit();
    await book.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
