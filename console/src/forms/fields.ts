import type { z } from 'zod';

/** One input of a task form; `list` is one item per line (reasons, investigators, missing documents). */
export type Field =
  | { key: string; label: string; kind: 'text' | 'textarea' | 'list' | 'date'; optional?: boolean; hint?: string }
  | { key: string; label: string; kind: 'number' | 'money'; optional?: boolean; hint?: string }
  | { key: string; label: string; kind: 'confirm'; hint?: string }
  | { key: string; label: string; kind: 'select'; options: Record<string, string>; optional?: boolean; hint?: string };

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
}

/** The form's identity on the page. */
export const formId = (f: ActionForm): string => f.id ?? f.action;

export type Values = Record<string, string | number | boolean | null | undefined>;

/** The request body from what was typed: blank optional inputs left out, lists split by line. */
export function bodyOf(form: ActionForm, values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = { ...(form.action ? { action: form.action } : {}), ...form.fixed };
  for (const f of form.fields) {
    const v = values[f.key];
    if (f.kind === 'list') {
      const items = String(v ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
      if (items.length > 0 || !f.optional) body[f.key] = items;
    } else if (f.kind === 'confirm') body[f.key] = v === true;
    else if (v === '' || v === null || v === undefined) {
      // A required text, date or choice left blank is sent as '' so the schema's own Chinese
      // message names it (an absent key would be refused by zod's generic type message).
      if (!f.optional && f.kind !== 'number' && f.kind !== 'money') body[f.key] = '';
    } else body[f.key] = v;
  }
  return body;
}

/** Field messages by input key (the first segment of a zod or API path: `investigators.1` → investigators). */
export function fieldMessages(
  issues: readonly { path: readonly PropertyKey[] | string; message: string }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = typeof issue.path === 'string' ? issue.path.split('.') : issue.path.map(String);
    const key = path[0] && path[0] !== '(body)' ? path[0] : '_';
    out[key] ??= issue.message;
  }
  return out;
}
