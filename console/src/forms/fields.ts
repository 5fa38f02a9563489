import type { z } from 'zod';

/** Where an input goes in the body when not at its own key, and when it is sent at all. */
interface Placement {
  /** Dotted place in the body (`consent.economicCheck`); its messages come back to this input. */
  path?: string;
  /** Sent only when this other input has a value (a consent that goes with a chosen category). */
  when?: string;
}

/** One input of a task form; `list` is one item per line (reasons, investigators, missing documents). */
export type Field = Placement &
  (
    | { key: string; label: string; kind: 'text' | 'textarea' | 'list' | 'date'; optional?: boolean; hint?: string }
    | { key: string; label: string; kind: 'number' | 'money'; optional?: boolean; hint?: string }
    | { key: string; label: string; kind: 'confirm'; hint?: string }
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
  /** Constant parts of the body (e.g. `outcome`), sent and checked with the typed ones. */
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

export type Values = Record<string, string | number | boolean | null | undefined>;

/** The request body from what was typed: blank optional inputs left out, lists split by line. */
export function bodyOf(form: ActionForm, values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = { ...(form.action ? { action: form.action } : {}), ...form.fixed };
  const blank = (v: unknown) => v === '' || v === null || v === undefined;
  const put = (f: Field, value: unknown) => {
    const path = (f.path ?? f.key).split('.');
    let at = body;
    for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[path[path.length - 1]!] = value;
  };
  for (const f of form.fields) {
    const v = values[f.key];
    if (f.when !== undefined && blank(values[f.when])) continue;
    if (f.kind === 'list') {
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
 * Field messages by input key: the input placed at the issue's whole path, else the first
 * segment of a zod or API path (`investigators.1` → investigators).
 */
export function fieldMessages(
  issues: readonly { path: readonly PropertyKey[] | string; message: string }[],
  fields: readonly Field[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = typeof issue.path === 'string' ? issue.path.split('.') : issue.path.map(String);
    const placed = fields.find((f) => f.path !== undefined && f.path === path.join('.'))?.key;
    const key = placed ?? (path[0] && path[0] !== '(body)' ? path[0] : '_');
    out[key] ??= issue.message;
  }
  return out;
}
