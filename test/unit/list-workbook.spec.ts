import ExcelJS from 'exceljs';
import { LIST_EXPORT_MAX_ROWS, listWorkbook } from '../../src/export/list-workbook';

// A list's workbook: pages read one after another, the rows capped at the documented maximum
// with a last line saying how many were left out, times as China Standard Time text.

interface Row {
  n: number;
  at: Date;
}

async function workbook(total: number): Promise<{ rows: unknown[][]; pagesRead: number[] }> {
  const pagesRead: number[] = [];
  const file = await listWorkbook<Row>(
    {
      sheet: '测试',
      filename: 'test.xlsx',
      columns: [
        { header: '序号', cell: (r) => r.n },
        { header: '时间', cell: (r) => r.at },
      ],
    },
    async (page, pageSize) => {
      pagesRead.push(page);
      const from = (page - 1) * pageSize;
      const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - from)) }, (_, i) => ({
        n: from + i + 1,
        at: new Date('2026-12-06T16:30:00Z'),
      }));
      return { items, total };
    },
  );
  const chunks: Buffer[] = [];
  for await (const chunk of file.getStream()) chunks.push(chunk as Buffer);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { rows, pagesRead };
}

describe('listWorkbook', () => {
  it('writes every row of a short list under its Chinese headers, times in China Standard Time', async () => {
    const { rows, pagesRead } = await workbook(3);
    expect(rows).toEqual([
      ['序号', '时间'],
      [1, '2026-12-07 00:30'],
      [2, '2026-12-07 00:30'],
      [3, '2026-12-07 00:30'],
    ]);
    expect(pagesRead).toEqual([1]);
  });

  it('stops at the maximum and says how many rows were left out', async () => {
    const { rows, pagesRead } = await workbook(LIST_EXPORT_MAX_ROWS + 7);
    expect(rows).toHaveLength(1 + LIST_EXPORT_MAX_ROWS + 1);
    expect(rows[LIST_EXPORT_MAX_ROWS]![0]).toBe(LIST_EXPORT_MAX_ROWS);
    expect(rows.at(-1)![0]).toBe(
      `共 ${LIST_EXPORT_MAX_ROWS + 7} 条，仅导出前 ${LIST_EXPORT_MAX_ROWS} 条（单次导出上限 ${LIST_EXPORT_MAX_ROWS} 条），请缩小筛选范围后分批导出`,
    );
    expect(pagesRead).toEqual(Array.from({ length: LIST_EXPORT_MAX_ROWS / 500 }, (_, i) => i + 1));
  });
});
