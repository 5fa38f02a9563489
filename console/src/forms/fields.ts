import type { z } from 'zod';

/** Where an input goes in the body when not at its own key, and when it is sent at all. */
interface Placement {
  /** Dotted place in the body (`consent.economicCheck`); its messages come back to this input. */
  path?: string;
  /** Sent only when this other input has a value (a consent that goes with a chosen category). */
  when?: string;
}

/** One cell of a `rows` input (a member and their department, a measure, a payment stage). */
export interface Column {
  key: string;
  label: string;
  kind: 'text' | 'number' | 'money' | 'date' | 'select';
  options?: Record<string, string>;
  optional?: boolean;
}

/**
 * One input of a task form; `list` is one item per line (reasons, investigators, missing
 * documents), `rows` a table of objects with the same columns (members, measures, stages).
 */
export type Field = Placement &
  (
    | { key: string; label: string; kind: 'text' | 'textarea' | 'list' | 'date'; optional?: boolean; hint?: string }
    | { key: string; label: string; kind: 'number' | 'money'; optional?: boolean; hint?: string }
    | { key: string; label: string; kind: 'confirm'; hint?: string }
    | { key: string; label: string; kind: 'rows'; columns: Column[]; optional?: boolean; hint?: string }
    | {
        key: string;
        label: string;
        kind: 'select';
        options: Record<string, string>;
        optional?: boolean;
        hint?: string;
      }
  );

/** One way of completing a task: its action, the fields it takes, and the API's schema for them. */
export interface ActionForm {
  /** Empty for a body without an `action` key (a fund discrepancy's resolution). */
  action: string;
  title: string;
  fields: Field[];
  schema: z.ZodType;
  /** Where several forms share one action (a warning's three outcomes), what tells them apart. */
  id?: string;
  /** Constant parts of the body (e.g. `outcome`, or `decision.outcome` placed deeper), sent and checked with the typed ones. */
  fixed?: Record<string, string>;
  /** Turns typed text into the body's own types before the check (a parameter's value, read by its unit). */
  read?: (body: Record<string, unknown>) => { body: Record<string, unknown> } | { issues: FieldIssue[] };
}

export interface FieldIssue {
  path: string;
  message: string;
}

/** The form's identity on the page. */
export const formId = (f: ActionForm): string => f.id ?? f.action;

export type Cell = string | number | null | undefined;
export type Row = Record<string, Cell>;
export type Values = Record<string, string | number | boolean | null | undefined | Row[]>;

/** The request body from what was typed: blank optional inputs left out, lists split by line. */
export function bodyOf(form: ActionForm, values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = form.action ? { action: form.action } : {};
  const blank = (v: unknown) => v === '' || v === null || v === undefined;
  const place = (dotted: string, value: unknown) => {
    const path = dotted.split('.');
    let at = body;
    for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[path[path.length - 1]!] = value;
  };
  const put = (f: Field, value: unknown) => place(f.path ?? f.key, value);
  for (const [key, value] of Object.entries(form.fixed ?? {})) place(key, value);
  for (const f of form.fields) {
    const v = values[f.key];
    if (f.when !== undefined && blank(values[f.when])) continue;
    if (f.kind === 'rows') {
      // A row left wholly blank is no row; in a typed row a blank required text is sent as ''
      // (the schema names it), a blank optional cell or number is left out.
      const rows = (Array.isArray(v) ? v : [])
        .filter((row) => f.columns.some((c) => !blank(row[c.key])))
        .map((row) =>
          Object.fromEntries(
            f.columns.flatMap((c) => {
              const cell = row[c.key];
              if (!blank(cell)) return [[c.key, cell]];
              return c.optional || c.kind === 'number' || c.kind === 'money' ? [] : [[c.key, '']];
            }),
          ),
        );
      if (rows.length > 0 || !f.optional) put(f, rows);
    } else if (f.kind === 'list') {
      const items = String(v ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
      if (items.length > 0 || !f.optional) put(f, items);
    } else if (f.kind === 'confirm') put(f, v === true);
    else if (blank(v)) {
      // A required text, date or choice left blank is sent as '' so the schema's own Chinese
      // message names it (an absent key would be refused by zod's generic type message).
      if (!f.optional && f.kind !== 'number' && f.kind !== 'money') put(f, '');
    } else put(f, v);
  }
  return body;
}

/**
 * Field messages by input key: the input placed at the issue's path or above it
 * (`decision.reasons.0` → the input placed at `decision.reasons`), else the first segment of a
 * zod or API path (`investigators.1` → investigators). A row's message names its row
 * (`members.1.userId` → 第 2 行：…).
 */
export function fieldMessages(
  issues: readonly { path: readonly PropertyKey[] | string; message: string }[],
  fields: readonly Field[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = typeof issue.path === 'string' ? issue.path.split('.') : issue.path.map(String);
    const joined = path.join('.');
    const field =
      fields.find((f) => f.path !== undefined && (joined === f.path || joined.startsWith(`${f.path}.`))) ??
      fields.find((f) => f.path === undefined && f.key === path[0]);
    const key = field?.key ?? (path[0] && path[0] !== '(body)' ? path[0] : '_');
    const rest = path.slice((field?.path ?? field?.key ?? '').split('.').length);
    const column = field?.kind === 'rows' ? field.columns.find((c) => c.key === rest[1]) : undefined;
    const row =
      field?.kind === 'rows' && /^\d+$/.test(rest[0] ?? '')
        ? `第 ${Number(rest[0]) + 1} 行${column ? `「${column.label}」` : ''}：`
        : '';
    out[key] ??= `${row}${issue.message}`;
  }
  return out;
}
