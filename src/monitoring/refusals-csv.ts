/** The refusals as a CSV a department opens in Excel: UTF-8 with BOM (else Excel reads it as GBK), Chinese headers. */
export function refusalsCsv(
  items: { row: number | null; column: string | null; code: string; message: string }[],
): string {
  const cell = (v: string | number | null): string => {
    const s = v === null ? '' : String(v);
    // A leading = + - @ would be run as a formula by a spreadsheet: prefix it.
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [['行号', '列', '代码', '说明'], ...items.map((r) => [r.row, r.column, r.code, r.message])];
  return `\uFEFF${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}
