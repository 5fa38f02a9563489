import { z } from 'zod';

// Every free-text and name field a person sends goes through Text: PostgreSQL refuses NUL
// in text (22021) and in jsonb (22P05), and control characters or broken UTF-16 have no
// place in what staff read, so they are refused at the door with a field-level 400 instead
// of failing a database write deep inside a workflow activity.

export interface TextOptions {
  /** Longest accepted value, in UTF-16 code units after trimming. */
  max: number;
  /** Shortest accepted value after trimming; 1 (required) unless given. */
  min?: number;
  /** A paragraph: tab, line feed and CRLF allowed. Single-line fields refuse them. */
  multiline?: boolean;
  /** Trim surrounding whitespace first (the default); ids inside household facts keep theirs. */
  trim?: boolean;
  /** The message when shorter than min, e.g. '须填写改派理由'. */
  tooShort?: string;
}

/** C0 controls except tab, LF and CR; DEL; C1 controls (U+0080–U+009F). Matching them is the point. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Tab, LF or CR: allowed in paragraphs only. */
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
/** A CR not followed by LF (old Mac line ends are refused; CRLF passes). */
const LONE_CR = /\r(?!\n)/;
/** A high surrogate without its low half, or a low surrogate without its high half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const TEXT_MESSAGES = {
  notText: '须为文本',
  control: '不能包含控制字符（如 NUL、DEL）',
  lineBreak: '不能包含换行符或制表符',
  loneCr: '换行符须为 LF 或 CRLF',
  surrogate: '含有无效的 Unicode 字符（不成对的代理项）',
  tooShort: (min: number) => (min <= 1 ? '不能为空' : `至少 ${min} 个字符`),
  tooLong: (max: number) => `最多 ${max} 个字符`,
} as const;

/** What is wrong with a value's characters, or null; shared with the places that check text outside zod. */
export function textProblem(value: string, multiline: boolean): string | null {
  if (CONTROL.test(value)) return TEXT_MESSAGES.control;
  if (!multiline && LINE_BREAK_OR_TAB.test(value)) return TEXT_MESSAGES.lineBreak;
  if (multiline && LONE_CR.test(value)) return TEXT_MESSAGES.loneCr;
  if (LONE_SURROGATE.test(value)) return TEXT_MESSAGES.surrogate;
  return null;
}

/** A free-text or name field: characters checked, trimmed (unless told), length bounded. */
export function Text(options: TextOptions) {
  const { max, min = 1, multiline = false, trim = true } = options;
  const base = z.string({ error: TEXT_MESSAGES.notText });
  return (trim ? base.trim() : base)
    .min(min, { error: options.tooShort ?? TEXT_MESSAGES.tooShort(min) })
    .max(max, { error: TEXT_MESSAGES.tooLong(max) })
    .superRefine((value, ctx) => {
      const problem = textProblem(value, multiline);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { reason: 'TEXT_CHARACTERS' } });
    });
}
