#!/usr/bin/env node
// Writes the sample file of each department data source (docs/data-exchange.md) into
// test/fixtures/data-exchange/ (every row in 文峰区 410502, the seeded demo staff's county;
// ID numbers keep other Anyang address codes: a birthplace is not a residence). Every
// person is invented: ID numbers are built here with a valid check character from an
// Anyang address code, a birth date and a sequence number.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'data-exchange');
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const id = (first17) => first17 + '10X98765432'[[...first17].reduce((s, d, i) => s + Number(d) * W[i], 0) % 11];

/** Characters → GB18030 bytes, from the decoder itself (two-byte GBK range; enough for these names). */
const gbMap = (() => {
  const map = new Map();
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(a, b));
      if (!map.has(ch)) map.set(ch, [a, b]);
    }
  return map;
})();
const gb18030 = (text) =>
  Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : gbMap.get(ch))));

const csv = (rows) =>
  rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
const P = ['身份证号码', '姓名', '县（市、区）代码'];

const SAMPLES = {
  'education-students.csv': [
    [...P, '学校名称', '学段', '资助项目', '认定日期'],
    [id('41050220100312001'), '测试学生甲', '410502', '安阳市文峰区第一小学', '小学', '营养改善计划', '2025-09-10'],
    [id('41052220070815002'), '测试学生乙', '410502', '安阳县第二高级中学', '高中', '国家助学金', '2025-09-12'],
    [id('41058120050101003'), '测试学生丙', '410502', '林州市中等职业学校', '中职', '', '2025/9/15'],
  ],
  'hrss-unemployed.csv': [
    [...P, '失业登记日期', '就业失业登记证号'],
    [id('41050319800202011'), '测试失业甲', '410502', '2025-06-01', '4105030012345'],
    [id('41052619751111012'), '测试失业乙', '410502', '2025-07-15', ''],
  ],
  'health-serious-illness.csv': [
    [...P, '疾病名称', '确诊日期', '诊断医疗机构'],
    [id('41050519600505021'), '测试患者甲', '410502', '恶性肿瘤', '2025-03-20', '安阳市肿瘤医院'],
    [id('41052719581230022'), '测试患者乙', '410502', '尿毒症', '2024-11-02', ''],
  ],
  'medical-large-expense.csv': [
    [...P, '结算日期', '医疗总费用（元）', '个人自付费用（元）', '参保类别'],
    [id('41050619550707031'), '测试参保甲', '410502', '2025-10-08', '186000.50', '52000', '居民医保'],
    [id('41052319700909032'), '测试参保乙', '410502', '2025-08-30', '98000', '31000.25', ''],
  ],
  'dpf-severe-disability.csv': [
    [...P, '残疾人证号', '残疾类别', '残疾等级', '发证日期'],
    [id('41050219900101041'), '测试残疾甲', '410502', '41050219900101xxxx', '肢体', '一级', '2020-05-06'],
    [id('41058119851212042'), '测试残疾乙', '410502', '', '智力', '二级', '2019-08-19'],
  ],
  'emergency-disaster.csv': [
    [...P, '灾害类型', '受灾日期', '直接经济损失（元）', '受灾情况'],
    [id('41052619680303051'), '测试受灾甲', '410502', '洪涝', '2025-07-22', '45000', '房屋进水，农作物绝收'],
    [id('41052719720404052'), '测试受灾乙', '410502', '风雹', '2025-06-11', '', ''],
  ],
  'rural-relapse-monitored.csv': [
    [...P, '监测对象类型', '识别纳入日期', '主要风险'],
    [id('41052219660606061'), '测试监测甲', '410502', '脱贫不稳定户', '2024-03-01', '因病'],
    [id('41052319770707062'), '测试监测乙', '410502', '边缘易致贫户', '2024-05-10', '因残'],
    [id('41058119880808063'), '测试监测丙', '410502', '突发严重困难户', '2025-02-14', '因意外事故'],
  ],
  'civil-affairs-death.csv': [
    [...P, '死亡日期', '信息来源'],
    [id('41050219400101071'), '测试逝者甲', '410502', '2025-11-03', '殡葬管理系统'],
  ],
  'civil-affairs-marriage.csv': [
    [...P, '登记类型', '登记日期', '配偶身份证号码'],
    [id('41050319920202081'), '测试婚姻甲', '410502', '结婚', '2025-05-20', id('41050519930303082')],
    [id('41052219850505083'), '测试婚姻乙', '410502', '离婚', '2025-04-01', ''],
  ],
  'civil-affairs-recipients.csv': [
    [...P, '救助类别', '纳入日期', '户主身份证号码'],
    [id('41050219450909101'), '测试在册甲', '410502', '低保', '2022-04-01', ''],
    [id('41050219470303102'), '测试在册乙', '410502', '特困', '2019-01-15', ''],
    [id('41050220150505103'), '测试在册丙', '410502', '低保边缘', '2024-08-20', id('41050219800505104')],
  ],
  'market-company.csv': [
    [...P, '企业名称', '统一社会信用代码', '出资人身份', '登记日期', '注册资本（万元）'],
    [
      id('41050619820606091'),
      '测试经营甲',
      '410502',
      '安阳市测试商贸有限公司',
      '91410506MA00000001',
      '法定代表人',
      '2025-03-18',
      '50',
    ],
    [
      id('41052619790909092'),
      '测试经营乙',
      '410502',
      '文峰区测试农机维修部',
      '92410526MA00000002',
      '个体工商户经营者',
      '2025-01-07',
      '',
    ],
  ],
};

mkdirSync(out, { recursive: true });
// UTF-8 with a BOM (what Excel's "CSV UTF-8" writes), UTF-8 without, and GB18030 (WPS, older Excel).
const encodings = {
  'education-students.csv': 'utf8-bom',
  'health-serious-illness.csv': 'gb18030',
  'rural-relapse-monitored.csv': 'gb18030',
};
for (const [name, rows] of Object.entries(SAMPLES)) {
  const text = csv(rows);
  const enc = encodings[name] ?? 'utf8';
  const bytes = enc === 'gb18030' ? gb18030(text) : Buffer.from((enc === 'utf8-bom' ? '\uFEFF' : '') + text, 'utf8');
  writeFileSync(join(out, name), bytes);
}

// The vehicle register as a spreadsheet: text cells for ID numbers, a real date cell, and
// enough Chinese text that the compressed XML spans several chunks.
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('机动车登记');
ws.addRow([...P, '号牌号码', '车辆类型', '登记日期']);
const plates = ['豫E', '豫E', '豫E'];
for (let i = 0; i < 300; i++) {
  const seq = String(100 + i).padStart(3, '0');
  const row = ws.addRow([
    id(`4105021970010${String(1 + (i % 9))}${seq}`.slice(0, 17)),
    `测试车主${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}号`,
    '410502',
    `${plates[i % 3]}${String(10000 + i)}`,
    i % 2 === 0 ? '小型普通客车' : '轻型普通货车',
    new Date(Date.UTC(2025, i % 12, 1 + (i % 28))),
  ]);
  row.getCell(6).numFmt = 'yyyy-mm-dd';
}
await wb.xlsx.writeFile(join(out, 'vehicle-register.xlsx'));
console.log(`已写入 ${Object.keys(SAMPLES).length + 1} 个样例文件：${out}`);
