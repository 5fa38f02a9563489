import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchRows, type BatchItem } from '../../src/monitoring/batch-rows';
import { SOURCE_LAYOUTS, type DataSource, type FileEncoding } from '../../src/core/contracts/data-source';
import { fileRecordChunks, READ_CHUNK_BYTES } from '../../src/monitoring/file-records';
import { DataFileRefusal } from '../../src/monitoring/file-refusal';
import { sniffFile } from '../../src/monitoring/file-sniff';
import { CsvRecordSplitter } from '../../src/monitoring/csv-records';
import {
  fakeId,
  fixture,
  hrssCsv,
  HRSS_HEADER,
  SAMPLE_FILES,
  tempFile,
  vehicleXlsx,
  wrongCheckId,
} from '../support/data-exchange';

const ctx = { today: '2026-12-06', jurisdiction: '410500' };

async function parse(bytes: Buffer, name: string, source: DataSource, encoding: FileEncoding = 'AUTO') {
  const path = tempFile(bytes, name);
  const sniff = await sniffFile(path);
  const items: BatchItem[] = [];
  const records = fileRecordChunks(path, name, encoding, sniff);
  for await (const chunk of batchRows(records, SOURCE_LAYOUTS[source], ctx, { padShortRows: sniff.kind === 'ZIP' }))
    items.push(...chunk);
  return items;
}

async function refusal(p: Promise<unknown>): Promise<DataFileRefusal> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DataFileRefusal) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

const problems = (items: BatchItem[]) => items.flatMap((i) => (i.ok ? [] : i.problems));
const good = (items: BatchItem[]) => items.flatMap((i) => (i.ok ? [i.row] : []));

describe('department data files: parsing and row checks', () => {
  it.each(Object.entries(SAMPLE_FILES))('the %s sample file is read without a refusal', async (source, file) => {
    const items = await parse(fixture(file), file, source as DataSource);
    expect(problems(items)).toEqual([]);
    expect(good(items).length).toBeGreaterThan(0);
    for (const row of good(items)) expect(JSON.stringify(row)).not.toMatch(/\uFFFD/);
  });

  it('reads GB18030 (detected) and UTF-8 with a BOM into the same Chinese text', async () => {
    const gb = good(await parse(fixture('health-serious-illness.csv'), 'h.csv', 'HEALTH_SERIOUS_ILLNESS'));
    expect(gb[0]!.fields).toMatchObject({ name: '测试患者甲', disease: '恶性肿瘤', hospital: '安阳市肿瘤医院' });
    const declared = good(
      await parse(fixture('health-serious-illness.csv'), 'h.csv', 'HEALTH_SERIOUS_ILLNESS', 'GB18030'),
    );
    expect(declared).toEqual(gb);
    const bom = good(await parse(fixture('education-students.csv'), 'e.csv', 'EDUCATION_STUDENTS'));
    expect(bom[2]).toMatchObject({ row: 4, county: '410502', eventDate: '2025-09-15' });
  });

  it('refuses a GB18030 file declared as UTF-8, and a UTF-8 file declared as GB18030, instead of garbling names', async () => {
    const a = await refusal(parse(fixture('health-serious-illness.csv'), 'h.csv', 'HEALTH_SERIOUS_ILLNESS', 'UTF-8'));
    expect(a.code).toBe('DATA_FILE_ENCODING');
    expect(a.message).toMatch(/GB18030/);
    const b = await refusal(parse(fixture('hrss-unemployed.csv'), 'u.csv', 'HRSS_UNEMPLOYED', 'GB18030'));
    expect(b.code).toBe('DATA_FILE_ENCODING');
  });

  it('refuses missing and extra columns, naming them', async () => {
    const missing = await refusal(
      parse(Buffer.from('身份证号码,姓名,县（市、区）代码,就业失业登记证号\n'), 'u.csv', 'HRSS_UNEMPLOYED'),
    );
    expect(missing.code).toBe('DATA_FILE_HEADER');
    expect(missing.message).toMatch(/缺少列：失业登记日期/);
    const extra = await refusal(parse(Buffer.from(`${HRSS_HEADER},备注\n`), 'u.csv', 'HRSS_UNEMPLOYED'));
    expect(extra.message).toMatch(/多出列：备注/);
    expect(extra.problems).toEqual([{ row: 1, column: '备注', code: 'DATA_FILE_HEADER', message: '多出列“备注”' }]);
  });

  it('refuses an empty file and a file with only its header', async () => {
    expect((await refusal(parse(Buffer.alloc(0), 'u.csv', 'HRSS_UNEMPLOYED'))).code).toBe('DATA_FILE_EMPTY');
    const headerOnly = await refusal(parse(hrssCsv(), 'u.csv', 'HRSS_UNEMPLOYED'));
    expect([headerOnly.code, headerOnly.message]).toEqual(['DATA_FILE_EMPTY', '文件只有表头，没有数据行']);
  });

  it('reports each bad row with its row, column and code, and keeps the good rows', async () => {
    const ok = fakeId('41050219800101001');
    const items = await parse(
      hrssCsv(
        `${ok},测试甲,410502,2025-06-01,`,
        `${wrongCheckId('41050219800101002')},测试乙,410502,2025-06-01,`,
        `${fakeId('41010519800101003')},测试丙,410105,2025-06-01,`, // 郑州市金水区
        `${fakeId('41050219800101004')},测试丁,410502,2099-01-01,`,
        `${ok},测试甲,410502,2025-06-01,`,
        `${fakeId('41050219800101005')},测试戊,410502,2025-02-30,`,
        `${fakeId('41050219800101006')},,410502,2025-06-01`,
      ),
      'u.csv',
      'HRSS_UNEMPLOYED',
    );
    expect(good(items).map((r) => r.row)).toEqual([2]);
    expect(problems(items).map((p) => [p.row, p.column, p.code])).toEqual([
      [3, '身份证号码', 'ROW_ID_CHECK_DIGIT'],
      [4, '县（市、区）代码', 'ROW_COUNTY_OUTSIDE_ANYANG'],
      [5, '失业登记日期', 'ROW_DATE_IN_FUTURE'],
      [6, null, 'ROW_DUPLICATE'],
      [7, '失业登记日期', 'ROW_DATE_INVALID'],
      [8, null, 'ROW_COLUMN_COUNT'],
    ]);
    expect(problems(items).find((p) => p.code === 'ROW_DUPLICATE')!.message).toBe('与第 2 行完全相同');
    for (const p of problems(items)) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a county outside the uploader’s jurisdiction', async () => {
    const path = tempFile(hrssCsv(`${fakeId('41052219800101001')},测试甲,410522,2025-06-01,`), 'u.csv');
    const records = fileRecordChunks(path, 'u.csv', 'AUTO', await sniffFile(path));
    const items: BatchItem[] = [];
    const county = { today: ctx.today, jurisdiction: '410502' };
    for await (const chunk of batchRows(records, SOURCE_LAYOUTS.HRSS_UNEMPLOYED, county, { padShortRows: false }))
      items.push(...chunk);
    expect(problems(items).map((p) => p.code)).toEqual(['ROW_COUNTY_OUTSIDE_JURISDICTION']);
  });

  it('splits quoted CSV fields holding commas, quotes and line breaks, across chunks', () => {
    const text = 'a,"b,1","c ""q""\r\nd"\r\ne,f,g\r\n';
    const splitter = new CsvRecordSplitter();
    const records = [...text].flatMap((ch) => splitter.push(ch));
    records.push(...splitter.end());
    expect(records).toEqual([
      { row: 1, cells: ['a', 'b,1', 'c "q"\r\nd'] },
      { row: 2, cells: ['e', 'f', 'g'] },
    ]);
  });

  it('splits the same records whether a chunk ends inside a run, a quoted field, a doubled quote or a CR LF', () => {
    const text = 'a b,"x,""y""\n z",c"d\r\n\r\n"",,张三\r"q"r,\n';
    const split = (chunks: string[]) => {
      const splitter = new CsvRecordSplitter();
      const records = chunks.flatMap((c) => splitter.push(c));
      return [...records, ...splitter.end()];
    };
    const whole = split([text]);
    expect(whole).toEqual([
      { row: 1, cells: ['a b', 'x,"y"\n z', 'c"d'] },
      { row: 3, cells: ['', '', '张三'] },
      { row: 4, cells: ['qr', ''] },
    ]);
    for (let k = 1; k < text.length; k++) expect(split([text.slice(0, k), text.slice(k)])).toEqual(whole);
  });

  it('reads every Chinese cell of a CSV file longer than one read whole, a read ending inside a character', async () => {
    const names = ['测试甲', '测试乙乙', '测试丙丙丙'];
    const nameOf = (i: number, pad: number) => `${names[i % 3]}${i}${i === 0 ? 'A'.repeat(pad) : ''}`;
    const file = (pad: number) =>
      hrssCsv(
        ...Array.from(
          { length: 2_000 },
          (_, i) =>
            `${fakeId(`41050219800${1 + Math.floor(i / 1000)}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`)},${nameOf(i, pad)},410502,2025-06-01,`,
        ),
      );
    // The first row's name padded until the first read ends inside a three-byte character.
    let pad = 0;
    while (pad < 100 && (file(pad)[READ_CHUNK_BYTES]! & 0xc0) !== 0x80) pad += 1;
    const bytes = file(pad);
    expect(bytes[READ_CHUNK_BYTES]! & 0xc0).toBe(0x80);
    expect(bytes.length).toBeGreaterThan(3 * READ_CHUNK_BYTES);
    const items = await parse(bytes, 'u.csv', 'HRSS_UNEMPLOYED');
    expect(problems(items)).toEqual([]);
    expect(good(items).map((r) => r.fields.name)).toEqual(Array.from({ length: 2_000 }, (_, i) => nameOf(i, pad)));
  });

  it('reads Chinese cells of a large workbook whole, though the XML arrives in many chunks', async () => {
    const rows = good(await parse(await vehicleXlsx(3000), 'v.xlsx', 'VEHICLE_REGISTER'));
    expect(rows).toHaveLength(3000);
    rows.forEach((r, i) =>
      expect(r.fields.name).toBe(`测试车主${[...String(i)].map((d) => '〇一二三四五六七八九'[Number(d)]).join('')}号`),
    );
  });

  it('refuses a workbook with a formula', async () => {
    const bytes = await vehicleXlsx(5, (ws) => {
      ws.getCell('E3').value = { formula: 'CONCATENATE("小型","客车")', result: '小型客车' };
    });
    const e = await refusal(parse(bytes, 'v.xlsx', 'VEHICLE_REGISTER'));
    expect([e.code, e.problems[0]?.row]).toEqual(['DATA_FILE_FORMULA', 3]);
  });

  it('refuses a workbook with merged cells', async () => {
    const bytes = await vehicleXlsx(5, (ws) => ws.mergeCells('C2:C4'));
    expect((await refusal(parse(bytes, 'v.xlsx', 'VEHICLE_REGISTER'))).code).toBe('DATA_FILE_MERGED_CELLS');
  });

  it('refuses a file whose name and content disagree, and .xls', async () => {
    expect((await refusal(parse(hrssCsv(), 'u.xlsx', 'HRSS_UNEMPLOYED'))).code).toBe('DATA_FILE_UNREADABLE');
    expect((await refusal(parse(hrssCsv(), 'u.xls', 'HRSS_UNEMPLOYED'))).code).toBe('DATA_FILE_TYPE');
  });

  it('docs/data-exchange.md lists every column of every source as the parsers expect it', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'data-exchange.md'), 'utf8');
    for (const [source, layout] of Object.entries(SOURCE_LAYOUTS)) {
      const section = doc.split(/^### /m).find((s) => s.includes(`\`${source}\``));
      expect([source, section !== undefined]).toEqual([source, true]);
      const rows = [...section!.matchAll(/^\| (.+?) \| (是|否) \|/gm)].map((m) => [m[1], m[2] === '是']);
      expect([source, rows]).toEqual([source, layout.columns.map((c) => [c.header, c.required])]);
    }
  });
});
