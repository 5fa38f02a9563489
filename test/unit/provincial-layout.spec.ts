import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POPULATION_COLUMNS, WARNING_COLUMNS } from '../../src/monitoring/provincial/provincial-layout';
import { tableCsv } from '../../src/monitoring/provincial/provincial-files';

describe('the provincial export layout', () => {
  it('docs/data-exchange.md lists the columns of both datasets as the export writes them', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'data-exchange.md'), 'utf8');
    const columns = (dataset: string) => {
      const section = doc.split(/^### /m).find((s) => s.includes(`· \`${dataset}\``));
      expect([dataset, section !== undefined]).toEqual([dataset, true]);
      return [...section!.matchAll(/^\| (.+?) \| .+ \|$/gm)].map((m) => m[1]).filter((h) => h !== '列' && h !== '---');
    };
    expect(columns('population')).toEqual(POPULATION_COLUMNS.map((c) => c.header));
    expect(columns('warnings')).toEqual(WARNING_COLUMNS.map((c) => c.header));
  });

  it('writes CSV with a BOM, CRLF, quoted cells where needed and formula-looking cells defused', () => {
    const text = tableCsv({
      sheet: 's',
      headers: ['a', 'b'],
      rows: [
        ['x,y', '=1+1'],
        ['say "hi"', ''],
      ],
    });
    expect(text).toBe('\uFEFFa,b\r\n"x,y",\'=1+1\r\n"say ""hi""",\r\n');
  });
});
