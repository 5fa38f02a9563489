import { type Prisma } from '../../prisma/prisma-client';
import { SOURCE_LAYOUTS, type DataSource } from '../../core/contracts/data-source';

type Tx = Prisma.TransactionClient;

/**
 * A department's record of a person recorded in no category (a self-declaration or a visit's
 * find) is a dated change on that person's history: the caseworker sees what the department
 * knows beside what the person declared. One line per record and batch row (the key), so a
 * retried match writes nothing twice. Returns how many lines were new.
 */
export async function recordPopulationChanges(tx: Tx, batchId: string, source: DataSource): Promise<number> {
  const description = `部门数据比对：${SOURCE_LAYOUTS[source]?.nameZh ?? source}`;
  return tx.$executeRaw`
    INSERT INTO population_record_change (id, record_id, change_key, source, description, occurred_on, batch_id, recorded_at)
    SELECT gen_random_uuid(), p.id, 'batch:' || r.batch_id || ':' || r.row, ${source}, ${description},
           r.event_date, r.batch_id, now()
    FROM data_batch_row r
    JOIN population_record p ON p.id_number_hmac = r.id_number_hmac AND p.category = 'UNCATEGORISED'
    WHERE r.batch_id = ${batchId}::uuid
    ON CONFLICT (record_id, change_key) DO NOTHING`;
}
