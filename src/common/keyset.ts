import { z } from 'zod';
import { Prisma } from '../prisma/prisma-client';
import { refuse } from './refusals';

// Keyset pagination for the lists that grow deep (a township's inbox over the years, a city's
// cases): the next page starts after the last row seen, found through the sort's index, instead
// of an OFFSET that reads and throws away every row before it. The cursor is that row's id; its
// sort values are read back from the row, so a cursor cannot carry forged values.

/** Rows a numbered page may reach; further on, `after` (the previous page's `nextCursor`). */
export const MAX_OFFSET_ROWS = 10_000;

/** Numbered pages: `page` from 1, `pageSize` from 1 to its maximum; 400 naming the field otherwise. */
export function numberedPaging(maxPageSize: number, defaultPageSize: number) {
  return {
    page: z.coerce
      .number({ error: '页码须为整数' })
      .int({ error: '页码须为整数' })
      .min(1, { error: '页码至少为 1' })
      .default(1),
    pageSize: z.coerce
      .number({ error: '每页条数须为整数' })
      .int({ error: '每页条数须为整数' })
      .min(1, { error: '每页条数至少为 1' })
      .max(maxPageSize, { error: `每页条数最多 ${maxPageSize}` })
      .default(defaultPageSize),
  };
}

/** One numbered page of a list the service has in memory (ordered there): the page and the total. */
export function pageInMemory<T>(all: readonly T[], q: { page: number; pageSize: number }) {
  const start = (q.page - 1) * q.pageSize;
  return { items: all.slice(start, start + q.pageSize), page: q.page, pageSize: q.pageSize, total: all.length };
}

/** The paging fields of a deep list: `page` (bounded) or `after`, and the page size. */
export function keysetPaging(maxPageSize: number, defaultPageSize: number) {
  return {
    ...numberedPaging(maxPageSize, defaultPageSize),
    /** The previous page's `nextCursor`: the id of its last row. */
    after: z.guid({ error: '须为上一页返回的 nextCursor' }).optional(),
  };
}

/** The cross-field rule of keysetPaging: numbered pages end at MAX_OFFSET_ROWS; a cursor pages alone. */
export function checkPaging(q: { page: number; pageSize: number; after?: string | undefined }, ctx: z.RefinementCtx) {
  if (q.after !== undefined && q.page !== 1)
    ctx.addIssue({ code: 'custom', path: ['page'], message: '按游标（after）翻页时不能同时指定页码' });
  if (q.page * q.pageSize > MAX_OFFSET_ROWS)
    ctx.addIssue({
      code: 'custom',
      path: ['page'],
      message: `按页码最多翻到第 ${MAX_OFFSET_ROWS} 条，之后请用 after（上一页的 nextCursor）`,
    });
}

/** One column of a list's order: its direction, and whether NULLs (sorted last) may occur. */
export interface KeyPart {
  field: string;
  dir: 'asc' | 'desc';
  nullable?: boolean;
}

type Where = Record<string, unknown>;

/**
 * Rows after `last` in the order `parts` (the last part unique, e.g. the id), NULLs last in
 * each nullable column: for each part, the rows equal on the parts before it and beyond it on this one.
 */
export function afterRow(parts: readonly KeyPart[], last: Record<string, unknown>): Where {
  const or: Where[] = [];
  parts.forEach((part, i) => {
    const value = last[part.field];
    // Nothing sorts beyond a NULL in its column (NULLs come last): only later parts can move on.
    if (value === null || value === undefined) return;
    const beyond: Where = { [part.field]: part.dir === 'asc' ? { gt: value } : { lt: value } };
    const moved = part.nullable ? { OR: [beyond, { [part.field]: null }] } : beyond;
    const equal = parts.slice(0, i).map((p) => ({ [p.field]: last[p.field] ?? null }));
    or.push({ AND: [...equal, moved] });
  });
  return { OR: or };
}

/** The condition of `afterRow` as SQL, for a list read in one hand-written statement; `column` names each field's column. */
export function afterRowSql(
  parts: readonly KeyPart[],
  last: Record<string, unknown>,
  column: (field: string) => Prisma.Sql,
): Prisma.Sql {
  const or: Prisma.Sql[] = [];
  parts.forEach((part, i) => {
    const value = last[part.field];
    if (value === null || value === undefined) return;
    const col = column(part.field);
    const beyond = part.dir === 'asc' ? Prisma.sql`${col} > ${value}` : Prisma.sql`${col} < ${value}`;
    const moved = part.nullable ? Prisma.sql`(${beyond} OR ${col} IS NULL)` : beyond;
    const equal = parts.slice(0, i).map((p) => {
      const v = last[p.field];
      return v === null || v === undefined
        ? Prisma.sql`${column(p.field)} IS NULL`
        : Prisma.sql`${column(p.field)} = ${v}`;
    });
    or.push(Prisma.sql`(${Prisma.join([...equal, moved], ' AND ')})`);
  });
  return or.length > 0 ? Prisma.sql`(${Prisma.join(or, ' OR ')})` : Prisma.sql`false`;
}

/** The ORDER BY of `parts` (NULLs last in each nullable column), as `afterRowSql` pages through it. */
export function orderBySql(parts: readonly KeyPart[], column: (field: string) => Prisma.Sql): Prisma.Sql {
  return Prisma.join(
    parts.map(
      (p) =>
        Prisma.sql`${column(p.field)} ${Prisma.raw(p.dir === 'asc' ? 'ASC' : 'DESC')}${Prisma.raw(p.nullable ? ' NULLS LAST' : '')}`,
    ),
    ', ',
  );
}

/** The cursor's row, or 400 on `after` when it names no row of this list. */
export function cursorRow<T>(row: T | null): T {
  if (row === null)
    refuse('VALIDATION_FAILED', '请求内容校验未通过', [
      { path: 'after', code: 'invalid_cursor', message: '游标无效：须为本列表上一页返回的 nextCursor' },
    ]);
  return row;
}

/** The cursor of the page after this one: its last row's id when the page is full. */
export const nextCursor = (rows: ReadonlyArray<{ id: string }>, pageSize: number): string | null =>
  rows.length === pageSize ? rows[rows.length - 1]!.id : null;
