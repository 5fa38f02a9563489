import { Prisma } from '../../prisma/prisma-client';
import type { DataSource } from '../../core/contracts/data-source';

type Tx = Prisma.TransactionClient;

/** How an imported row names its category and subtype (the layout's Chinese choices) in the glossary's codes. */
const IMPORTS: Partial<Record<DataSource, { origin: string; category: Prisma.Sql; subtype: Prisma.Sql }>> = {
  CIVIL_AFFAIRS_RECIPIENTS: {
    origin: 'IMPORT',
    category: Prisma.sql`CASE r.fields->>'category' WHEN '低保' THEN 'MINIMUM_LIVING' WHEN '特困' THEN 'DESTITUTE'
                         WHEN '低保边缘' THEN 'NEAR_MINIMUM' WHEN '刚性支出困难家庭' THEN 'RIGID_EXPENSE' END`,
    subtype: Prisma.sql`NULL`,
  },
  RURAL_RELAPSE_MONITORED: {
    origin: 'RURAL_REVITALISATION',
    category: Prisma.sql`'RELAPSE_MONITORED'`,
    subtype: Prisma.sql`CASE r.fields->>'subtype' WHEN '脱贫不稳定户' THEN 'UNSTABLE_OUT_OF_POVERTY'
                        WHEN '边缘易致贫户' THEN 'MARGINAL_AT_RISK' WHEN '突发严重困难户' THEN 'SUDDEN_HARDSHIP' END`,
  },
};

/**
 * Existing recipients and 防止返贫监测对象 enter the low-income population database as they are
 * (seed 二(三)2: 不再重复排查认定，直接纳入): one row per person, category and origin, the
 * latest record of the batch; a later batch updates it. Null for a source that imports nobody.
 */
export async function importPopulation(tx: Tx, batchId: string, source: DataSource): Promise<number | null> {
  const spec = IMPORTS[source];
  if (!spec) return null;
  return tx.$executeRaw`
    INSERT INTO population_record AS p (id, id_number_hmac, id_number_masked, name, category, subtype, origin,
                                        county_code, head_id_number_hmac, since, batch_id, row, recorded_at, updated_at)
    SELECT gen_random_uuid(), x.id_number_hmac, x.masked, x.name, x.category, x.subtype, ${spec.origin},
           x.county_code, x.head, x.event_date, ${batchId}::uuid, x.row, now(), now()
    FROM (
      SELECT DISTINCT ON (y.id_number_hmac, y.category) y.*
      FROM (
        SELECT r.id_number_hmac, coalesce(r.fields->>'idNumberMasked', '') AS masked, r.fields->>'name' AS name,
               ${spec.category} AS category, ${spec.subtype} AS subtype, r.county_code,
               r.fields->>'headIdNumberHmac' AS head, r.event_date, r.row
        FROM data_batch_row r
        WHERE r.batch_id = ${batchId}::uuid
      ) y
      ORDER BY y.id_number_hmac, y.category, y.event_date DESC, y.row DESC
    ) x
    ON CONFLICT (id_number_hmac, category, origin) DO UPDATE
      SET id_number_masked = EXCLUDED.id_number_masked, name = EXCLUDED.name, subtype = EXCLUDED.subtype,
          county_code = EXCLUDED.county_code, head_id_number_hmac = EXCLUDED.head_id_number_hmac,
          since = EXCLUDED.since, batch_id = EXCLUDED.batch_id, row = EXCLUDED.row, updated_at = EXCLUDED.updated_at`;
}
