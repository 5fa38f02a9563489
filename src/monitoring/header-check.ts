import type { SourceLayout } from '../core/contracts/data-source';
import { DataFileRefusal } from './file-refusal';

/** The header must be the source's layout exactly, in order: a missing, extra or misplaced column refuses the file. */
export function checkHeader(layout: SourceLayout, cells: string[]): void {
  const got = cells.map((c) => c.trim());
  const expected = layout.columns.map((c) => c.header);
  if (got.length === expected.length && got.every((h, i) => h === expected[i])) return;
  const missing = expected.filter((h) => !got.includes(h));
  const extra = got.filter((h) => !expected.includes(h));
  const parts = [
    missing.length > 0 ? `缺少列：${missing.join('、')}` : null,
    extra.length > 0 ? `多出列：${extra.map((h) => (h === '' ? '（空白列名）' : h)).join('、')}` : null,
    missing.length === 0 && extra.length === 0 ? `列的顺序须为：${expected.join('、')}` : null,
  ].filter((p): p is string => p !== null);
  throw new DataFileRefusal('DATA_FILE_HEADER', `表头与“${layout.nameZh}”的格式不一致：${parts.join('；')}`, [
    ...missing.map((h) => ({ row: 1, column: h, code: 'DATA_FILE_HEADER' as const, message: `缺少列“${h}”` })),
    ...extra.map((h) => ({ row: 1, column: h, code: 'DATA_FILE_HEADER' as const, message: `多出列“${h}”` })),
  ]);
}
