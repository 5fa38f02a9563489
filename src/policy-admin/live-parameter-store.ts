// The parameters in force in a process, read from PostgreSQL (parameter_version, with the
// deciding documents of policy_document as extra legal sources). The API and the worker each
// hold one; it is a ParameterStore, so every caller keeps its synchronous lookups. It reads
// the table again when told (an approval in this process, the worker's refresh activity) and
// otherwise when a poll sees a newer row (at most RECHECK_MS late), as the live calendar does.
import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../audit/audit-events';
import { appendAudit } from '../audit/audit-log';
import { closeLines, DEFAULT_PARAMETERS, LEGAL_SOURCES, ParameterStore, type ParameterVersion } from '../policy';
import type { PrismaClient } from '../prisma/prisma-client';
import { shippedRow, sourceOfDocument, versionOfRow } from './parameter-rows';

const RECHECK_MS = 60_000;

export interface LiveParameterOptions {
  /** Process-local versions layered over the table (the drill set), never stored. */
  overlay?: readonly ParameterVersion[];
  /** The shipped set to seed (DEFAULT_PARAMETERS). */
  shipped?: readonly ParameterVersion[];
}

export class LiveParameterStore extends ParameterStore {
  private readonly overlay: readonly ParameterVersion[];
  private readonly shipped: readonly ParameterVersion[];
  /** Newest created_at read (ms); -1 before the first read. */
  private seenUpTo = -1;
  private reading: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    opts: LiveParameterOptions = {},
  ) {
    const shipped = opts.shipped ?? DEFAULT_PARAMETERS;
    const overlay = opts.overlay ?? [];
    // Until the first read: the shipped set, so a lookup never finds nothing.
    super([...shipped, ...overlay]);
    this.shipped = shipped;
    this.overlay = overlay;
  }

  /**
   * Seeds the shipped versions not yet stored, reads the table, and polls it from now on.
   * `tolerant`: a database not migrated yet (a worker started before the API) is not fatal;
   * the shipped set answers meanwhile and the poll tries again.
   */
  async start(opts: { tolerant?: boolean } = {}): Promise<void> {
    this.timer ??= setInterval(() => void this.refreshIfNewer().catch(() => undefined), RECHECK_MS);
    this.timer.unref();
    try {
      await this.seedAndRead();
    } catch (error) {
      if (!opts.tolerant) {
        this.stop();
        throw error;
      }
    }
  }

  private async seedAndRead(): Promise<void> {
    await seedShippedParameters(this.prisma, this.shipped);
    await this.reload();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reads the table again when a row newer than the last read exists. */
  async refreshIfNewer(): Promise<boolean> {
    if (this.seenUpTo < 0) {
      await this.seedAndRead();
      return true;
    }
    const [{ newest }] = await this.prisma.$queryRaw<
      { newest: Date | null }[]
    >`SELECT max(created_at) AS newest FROM parameter_version`;
    if (newest !== null && newest.getTime() <= this.seenUpTo) return false;
    await this.reload();
    return true;
  }

  /** Reads every version and document; concurrent callers share one read. */
  reload(): Promise<void> {
    this.reading ??= this.read().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async read(): Promise<void> {
    const [rows, documents] = await Promise.all([
      this.prisma.parameterVersion.findMany(),
      this.prisma.policyDocument.findMany(),
    ]);
    const records = closeLines(rows.map((r) => ({ record: versionOfRow(r), approved: r.origin === 'APPROVED' })));
    this.replace([...records, ...this.overlay], [...LEGAL_SOURCES, ...documents.map(sourceOfDocument)]);
    this.seenUpTo = Math.max(0, ...rows.map((r) => r.createdAt.getTime()));
  }
}

/**
 * Stores each shipped version whose (parameter, division, area, version) is not in the table
 * yet; an existing row, shipped or approved, is never touched. Idempotent and safe with the
 * API and the worker starting together (ON CONFLICT DO NOTHING); audited when it adds rows.
 */
export async function seedShippedParameters(
  prisma: PrismaClient,
  shipped: readonly ParameterVersion[] = DEFAULT_PARAMETERS,
): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.parameterVersion.createMany({
      data: shipped.map((v) => ({ id: randomUUID(), ...shippedRow(v) })),
      skipDuplicates: true,
    });
    if (count > 0) {
      await appendAudit(tx, {
        ...SYSTEM_ACTOR,
        action: 'PARAMETER_VERSIONS_SEEDED',
        targetType: 'ParameterVersion',
        targetId: 'shipped',
        details: { inserted: count, shipped: shipped.length },
      });
    }
    return count;
  });
}
