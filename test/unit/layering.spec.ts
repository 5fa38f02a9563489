import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// The feature layering of docs/architecture.md, checked on the source: services and
// controllers hold use cases and open transactions, repositories query the tables; one
// Idempotency-Key parser (@IdempotencyKey()); refusals only through the registry (src/core/refusals.ts) and its helpers.

const ROOT = join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'generated') return [];
    return statSync(path).isDirectory()
      ? files(path)
      : path.endsWith('.ts') && !path.endsWith('.spec.ts')
        ? [path]
        : [];
  });
}
const SRC = files(join(ROOT, 'src')).map((path) => ({
  path: path.slice(ROOT.length + 1),
  text: readFileSync(path, 'utf8'),
}));

/** A table queried through the client or a transaction, or raw SQL. */
const QUERY =
  /\b(?:prisma|tx)\.(?:[a-z]\w*\.(?:find\w*|create\w*|update\w*|upsert|delete\w*|count|aggregate|groupBy)\(|\$(?:executeRaw|queryRaw)\w*)/g;
/** The health check's `SELECT 1` is a probe of the connection, not a query of a feature. */
const PROBES = new Set(['src/health/health.controller.ts']);

const queriesIn = (text: string) => [...text.matchAll(QUERY)].map((m) => m[0]);

describe('layering', () => {
  it('the query scan finds a query (the check itself works)', () => {
    expect(queriesIn('await this.prisma.user.findMany({})')).toEqual(['prisma.user.findMany(']);
    expect(queriesIn('await tx.$executeRaw`SELECT 1`')).toEqual(['tx.$executeRaw']);
    expect(queriesIn('await this.prisma.$transaction(async (tx) => this.users.create(tx, data))')).toEqual([]);
  });

  it("services and controllers query no table themselves: their feature's repository does", () => {
    const offending = SRC.filter((f) => /\.(service|controller)\.ts$/.test(f.path) && !PROBES.has(f.path)).flatMap(
      (f) => queriesIn(f.text).map((q) => `${f.path}: ${q}`),
    );
    expect(offending).toEqual([]);
  });

  it('reads the Idempotency-Key header in one place, the @IdempotencyKey() decorator', () => {
    const readers = SRC.filter((f) =>
      /headers\[['"]idempotency-key['"]\]|\.get\(['"]idempotency-key['"]\)|\.header\(['"]idempotency-key['"]\)/i.test(
        f.text,
      ),
    ).map((f) => f.path);
    expect(readers).toEqual(['src/common/idempotency-key.decorator.ts']);
    const decorators = SRC.filter((f) => /export const IdempotencyKey = createParamDecorator/.test(f.text)).map(
      (f) => f.path,
    );
    expect(decorators).toEqual(['src/common/idempotency-key.decorator.ts']);
  });

  it('refuses only through the registry: no conflict()/forbidden() helpers with their own status', () => {
    expect(SRC.filter((f) => /\b(?:conflict|forbidden)\(\s*'[A-Z_]+'/.test(f.text)).map((f) => f.path)).toEqual([]);
  });
});
