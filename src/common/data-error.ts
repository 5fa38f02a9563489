// PostgreSQL's data errors, found wherever they sit in an error chain: SQLSTATE class 22
// (data exception: invalid text, numeric overflow, bad format) and class 23 (integrity
// constraint violation: unique, foreign key, not null, check). Retrying the same write
// cannot succeed, so activities fail them at once and the API answers 4xx, not 500.
//
// Prisma over @prisma/adapter-pg wraps node-postgres' DatabaseError: a DriverAdapterError
// whose `cause.originalCode` is the SQLSTATE, thrown as is or kept in a
// PrismaClientKnownRequestError's `meta.driverAdapterError`.

/** The Temporal ApplicationFailure type of a data error (non-retryable). */
export const DATA_ERROR_TYPE = 'DATA_ERROR';

export type DataErrorClass = 'DATA_EXCEPTION' | 'INTEGRITY_VIOLATION';

export interface DataError {
  /** The five-character SQLSTATE, e.g. 22021. */
  sqlState: string;
  /** Class 22 or class 23. */
  kind: DataErrorClass;
  /** What went wrong, for a person (Simplified Chinese, no data values). */
  messageZh: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** Prisma's own codes for the same faults, for an error that carries no SQLSTATE. */
const PRISMA_CODES: Readonly<Record<string, string>> = {
  P2000: '22001', // value too long for the column
  P2002: '23505', // unique constraint
  P2003: '23503', // foreign key constraint
  P2004: '23514', // constraint failed on the database
  P2011: '23502', // null constraint
  P2020: '22003', // value out of range
};

const MESSAGES_ZH: Readonly<Record<string, string>> = {
  '22021': '文本含有数据库无法保存的字符（如 NUL）',
  '22P05': '文本含有数据库无法保存的字符（如 \\u0000）',
  '22001': '文本超出数据库字段的长度',
  '22003': '数值超出数据库允许的范围',
  '22P02': '数据格式无效',
  '22007': '日期时间格式无效',
  '22008': '日期时间超出范围',
  '22012': '计算中出现除以零',
  '23505': '与已有记录重复（唯一约束）',
  '23503': '引用的记录不存在或仍被引用（外键约束）',
  '23502': '缺少必填数据（非空约束）',
  '23514': '数据不符合数据库的检查约束',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The SQLSTATE of the first PostgreSQL error in the chain (cause, Prisma meta, aggregated errors), or null. */
export function sqlStateOf(error: unknown): string | null {
  let prismaFallback: string | null = null;
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 50) {
    const e = queue.shift();
    if (!isRecord(e) || seen.has(e)) continue;
    seen.add(e);
    // The adapter's mapped error keeps the original SQLSTATE.
    if (typeof e.originalCode === 'string' && SQLSTATE.test(e.originalCode)) return e.originalCode;
    // node-postgres' DatabaseError (and the adapter's unmapped `kind: 'postgres'`): code with a severity.
    if (typeof e.code === 'string' && typeof e.severity === 'string' && SQLSTATE.test(e.code)) return e.code;
    if (prismaFallback === null && typeof e.code === 'string' && PRISMA_CODES[e.code])
      prismaFallback = PRISMA_CODES[e.code]!;
    queue.push(e.cause);
    if (isRecord(e.meta)) queue.push(...Object.values(e.meta));
    if (Array.isArray(e.errors)) queue.push(...(e.errors as unknown[]));
  }
  return prismaFallback;
}

/** Class 22 or 23 anywhere in the chain: a data error that no retry can fix; else null. */
export function dataErrorOf(error: unknown): DataError | null {
  const sqlState = sqlStateOf(error);
  if (sqlState === null) return null;
  const cls = sqlState.slice(0, 2);
  if (cls !== '22' && cls !== '23') return null;
  const kind: DataErrorClass = cls === '22' ? 'DATA_EXCEPTION' : 'INTEGRITY_VIOLATION';
  const messageZh =
    MESSAGES_ZH[sqlState] ?? (kind === 'DATA_EXCEPTION' ? '数据无效，数据库拒绝保存' : '数据违反数据库的完整性约束');
  return { sqlState, kind, messageZh };
}

export const isDataError = (error: unknown): boolean => dataErrorOf(error) !== null;
