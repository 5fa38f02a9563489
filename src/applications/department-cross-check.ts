import { SOURCE_LAYOUTS, type DataSource } from '../core/contracts/data-source';
import { cstDate } from '../core/clock';
import type { PrismaClient } from '../prisma/prisma-client';
import { type CrossCheckGateway, type CrossCheckResult, LocalCrossCheck } from './cross-check';

/** The columns every layout starts with (the person): not repeated in a finding. */
const PERSON_KEYS = new Set(['idNumber', 'name', 'county']);

/**
 * The cross-check the worker runs (信息核对): the registry's own checks (members, other
 * enrolments, parallel applications) and, for every registered member of the household, the
 * latest record of each department source imported by data comparison (unemployment,
 * vehicles, companies, deaths, marriages, illness, disability, disasters, medical expenses),
 * with the batch and the date it came from. Matched by the ID-number HMAC only.
 */
export class DepartmentDataCrossCheck implements CrossCheckGateway {
  private readonly registry: LocalCrossCheck;

  constructor(private readonly prisma: PrismaClient) {
    this.registry = new LocalCrossCheck(prisma);
  }

  async check(request: Parameters<CrossCheckGateway['check']>[0]): Promise<CrossCheckResult> {
    const [registry, records] = await Promise.all([this.registry.check(request), this.records(request.householdId)]);
    return {
      source: '县级信息核对：本地登记信息与部门比对数据',
      findings: [...registry.findings, ...records],
    };
  }

  private async records(householdId: string): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<
      { name: string; source: string; batch_id: string; uploaded_at: Date; event_date: Date; fields: unknown }[]
    >`
      SELECT DISTINCT ON (m.id, b.source) m.name, b.source, b.id AS batch_id, b.uploaded_at, r.event_date, r.fields
      FROM member m
      JOIN data_batch_row r ON r.id_number_hmac = m.id_number_hmac
      JOIN data_batch b ON b.id = r.batch_id
      WHERE m.household_id = ${householdId}::uuid
      ORDER BY m.id, b.source, r.event_date DESC, b.uploaded_at DESC`;
    return rows.map((r) => {
      const layout = SOURCE_LAYOUTS[r.source as DataSource];
      const fields = (r.fields ?? {}) as Record<string, unknown>;
      const facts = (layout?.columns ?? [])
        .filter((c) => !PERSON_KEYS.has(c.key) && c.kind.type !== 'residentId' && fields[c.key] != null)
        .map((c) => `${c.header}：${String(fields[c.key])}`);
      return (
        `${r.name}：${layout?.nameZh ?? r.source}记录（${facts.join('，')}）` +
        `，来自 ${cstDate(r.uploaded_at.toISOString())} 上传的比对批次 ${r.batch_id.slice(0, 8)}`
      );
    });
  }
}
