import { z } from 'zod';
import { Text, TEXT_MESSAGES, textProblem } from '../../src/core/contracts/text';

// The shared text type: what PostgreSQL or a reader cannot take is refused at the door.

const line = Text({ max: 10 });
const paragraph = Text({ max: 50, multiline: true });

const messages = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('Text', () => {
  it.each([
    ['NUL', 'abc\u0000def'],
    ['SOH', 'a\u0001b'],
    ['ESC', 'a\u001bb'],
    ['DEL', 'a\u007fb'],
    ['NEL (C1)', 'a\u0085b'],
    ['CSI (C1)', 'a\u009bb'],
  ])('refuses %s in single-line and multiline fields', (_name, value) => {
    expect(messages(line, value)).toContain(TEXT_MESSAGES.control);
    expect(messages(paragraph, value)).toContain(TEXT_MESSAGES.control);
  });

  it.each([
    ['lone high surrogate', 'a\ud800b'],
    ['lone high surrogate at the end', 'ab\ud800'],
    ['lone low surrogate', 'a\udc00b'],
    ['reversed pair', 'a\udc00\ud800b'],
  ])('refuses a %s', (_name, value) => {
    expect(messages(line, value)).toContain(TEXT_MESSAGES.surrogate);
    expect(messages(paragraph, value)).toContain(TEXT_MESSAGES.surrogate);
  });

  it('accepts a surrogate pair (an emoji, a rare CJK character outside the BMP)', () => {
    expect(line.parse('😀𠮷')).toBe('😀𠮷');
  });

  it('refuses tab and newline inside a single-line field, accepts them in a paragraph', () => {
    expect(messages(line, '张\t三')).toContain(TEXT_MESSAGES.lineBreak);
    expect(messages(line, '张\n三')).toContain(TEXT_MESSAGES.lineBreak);
    expect(messages(line, '张\r\n三')).toContain(TEXT_MESSAGES.lineBreak);
    expect(paragraph.parse('第一段\n第二段\t缩进\r\n第三段')).toBe('第一段\n第二段\t缩进\r\n第三段');
    expect(messages(paragraph, '旧式\r换行')).toContain(TEXT_MESSAGES.loneCr);
  });

  it('trims surrounding whitespace (a trailing newline of a single-line field included) before checking', () => {
    expect(line.parse('  张三\n')).toBe('张三');
    expect(paragraph.parse('\n  入户调查情况  \n')).toBe('入户调查情况');
    expect(Text({ max: 10, trim: false }).parse(' m1 ')).toBe(' m1 ');
  });

  it('bounds the length after trimming, with a Chinese message', () => {
    expect(line.parse('一二三四五六七八九十')).toBe('一二三四五六七八九十');
    expect(messages(line, '一二三四五六七八九十一')).toEqual([TEXT_MESSAGES.tooLong(10)]);
    expect(line.parse(`  ${'字'.repeat(10)}  `)).toHaveLength(10);
    expect(messages(line, '   ')).toEqual([TEXT_MESSAGES.tooShort(1)]);
    expect(Text({ max: 10, min: 0 }).parse('  ')).toBe('');
    expect(messages(Text({ max: 200, min: 4, tooShort: '请填写通知文号或来源' }), '国办')).toEqual([
      '请填写通知文号或来源',
    ]);
  });

  it('accepts ordinary Chinese text with full-width punctuation', () => {
    const text = '申请人反映：家中老人（82 岁）长期卧床，医疗支出约 3,600 元／月；邻居可作证。';
    expect(paragraph.safeParse(text).success).toBe(true);
    expect(Text({ max: 200 }).parse(text)).toBe(text);
  });

  it('refuses what is not a string', () => {
    expect(messages(line, 42)).toEqual([TEXT_MESSAGES.notText]);
    expect(messages(line, null)).toEqual([TEXT_MESSAGES.notText]);
  });

  it('keeps the field path and works as a record key and inside arrays', () => {
    const schema = z.strictObject({ names: z.array(line), counts: z.record(line, z.number()) });
    const r = schema.safeParse({ names: ['甲', 'b\u0000'], counts: { 'm\u0000': 1 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['names.1']));
    expect(r.error!.issues.some((i) => i.path[0] === 'counts')).toBe(true);
  });

  it('textProblem names the first problem or null', () => {
    expect(textProblem('正常文本', false)).toBeNull();
    expect(textProblem('a\u0000', true)).toBe(TEXT_MESSAGES.control);
  });
});
