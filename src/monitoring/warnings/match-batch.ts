import { Prisma, type PrismaClient } from '../../prisma/prisma-client';
import { appendAudit } from '../../audit/audit-log';
import { SYSTEM_ACTOR } from '../../audit/audit-events';
import type { BatchMatched, DataSource } from '../../core/contracts/data-source';

export type { BatchMatched };
import type { WarningPopulation, WarningRule } from '../../core/contracts/warning';
import { importPopulation } from './population-import';
import { recordPopulationChanges } from './population-changes';
import { raiseOwedNotListed } from './owed-not-listed';
import type { EntitlementRule } from '../../core/contracts/referral';

/**
 * Who a rule looks at, on the joined row (m: the registry's member; ec: the household's
 * enrolled case not exited; pop: the person's population records, `assisted` when one is an
 * assistance category imported as it is, `known` when there is any, a self-declaration too).
 */
const POPULATION: Record<Exclude<WarningPopulation, 'OWED_NOT_LISTED'>, Prisma.Sql> = {
  ENROLLED: Prisma.sql`(ec.id IS NOT NULL OR pop.assisted IS TRUE)`,
  KNOWN_NOT_ENROLLED: Prisma.sql`(m.id IS NOT NULL OR pop.known) AND ec.id IS NULL AND pop.assisted IS NOT TRUE`,
  NOT_ENROLLED: Prisma.sql`ec.id IS NULL AND pop.assisted IS NOT TRUE`,
};

/** How long matching may hold its one transaction (a million-row batch: seconds to a minute); below BATCH_MATCHING's 15 min. */
const MATCH_TIMEOUT_MS = 10 * 60_000;

/**
 * Matches a staged batch to the registry by the ID-number HMAC and raises (or updates) its
 * warnings, in one transaction with the batch's counts and its audit row. A batch already
 * matched returns its counts: the activity may be retried after it committed.
 */
export async function matchBatch(
  prisma: PrismaClient,
  batchId: string,
  rules: readonly (WarningRule & { thresholdValue: number | null; owing?: EntitlementRule[] })[],
  ruleVersions: readonly string[],
): Promise<BatchMatched> {
  return prisma.$transaction(
    async (tx) => {
      const batch = await tx.dataBatch.findUniqueOrThrow({ where: { id: batchId } });
      if (batch.rowsMatched !== null)
        return {
          rowsMatched: batch.rowsMatched,
          warningsRaised: batch.warningsRaised ?? 0,
          warningsUpdated: batch.warningsUpdated ?? 0,
          populationRecorded: batch.populationRecorded,
        };
      const [{ matched }] = await tx.$queryRaw<{ matched: number }[]>`
      SELECT count(*)::int AS matched FROM data_batch_row r
      WHERE r.batch_id = ${batchId}::uuid
        AND (EXISTS (SELECT 1 FROM member m WHERE m.id_number_hmac = r.id_number_hmac)
             OR EXISTS (SELECT 1 FROM population_record p WHERE p.id_number_hmac = r.id_number_hmac))`;
      // Matched against the database as it was; then imports, so that a person this batch enters
      // as a recipient is not warned as uncovered by it.
      const populationRecorded = await importPopulation(tx, batchId, batch.source as DataSource);
      const populationChanges = await recordPopulationChanges(tx, batchId, batch.source as DataSource);
      let raised = 0;
      let updated = 0;
      for (const rule of rules) {
        if (rule.population === 'OWED_NOT_LISTED') {
          // Class (a): who is owed the entitlement and absent from the list (no row to join to).
          const events =
            rule.entitlement === undefined
              ? []
              : await raiseOwedNotListed(tx, batch, rule.entitlement, rule.owing ?? []);
          raised += events.filter((r) => r.type === 'RAISED').length;
          updated += events.filter((r) => r.type !== 'RAISED').length;
          continue;
        }
        const threshold =
          rule.thresholdValue === null
            ? Prisma.empty
            : Prisma.sql`AND (r.fields->>'outOfPocket')::numeric >= ${rule.thresholdValue}`;
        // One candidate per person (the latest record of the batch), then one open warning per
        // person, class and source: a newer batch moves the open one on instead of adding one.
        const rows = await tx.$queryRaw<{ type: string }[]>`
        WITH candidate AS (
          SELECT DISTINCT ON (r.id_number_hmac)
                 r.row, r.id_number_hmac, r.event_date, r.fields - 'idNumber' AS details,
                 m.id AS member_id, m.household_id, ec.id AS enrolled_case_id,
                 coalesce(left(h.division_code, 6), left(pop.village, 6), r.county_code) AS county_code,
                 left(coalesce(h.division_code, pop.village), 9) AS township_code
          FROM data_batch_row r
          LEFT JOIN member m ON m.id_number_hmac = r.id_number_hmac
          LEFT JOIN household h ON h.id = m.household_id
          LEFT JOIN LATERAL (
            SELECT e.id FROM enrolled_case e
            WHERE e.household_id = m.household_id AND e.status <> 'EXITED'
            ORDER BY e.created_at DESC LIMIT 1
          ) ec ON true
          LEFT JOIN LATERAL (
            SELECT bool_or(p.category NOT IN ('RELAPSE_MONITORED', 'UNCATEGORISED')) AS assisted, count(*) > 0 AS known,
                   -- A self-declaration names the village: its township verifies.
                   max(p.division_code) AS village
            FROM population_record p WHERE p.id_number_hmac = r.id_number_hmac
          ) pop ON true
          WHERE r.batch_id = ${batchId}::uuid AND ${POPULATION[rule.population]} ${threshold}
          ORDER BY r.id_number_hmac, r.event_date DESC, r.row DESC
        ), upserted AS (
          INSERT INTO warning AS w (id, open_key, warning_class, source, id_number_hmac, member_id, household_id,
                                   enrolled_case_id, county_code, township_code, stage, first_batch_id, last_batch_id,
                                   last_row, event_date, details, raised_at, updated_at)
          SELECT gen_random_uuid(), c.id_number_hmac || '|' || ${rule.warningClass} || '|' || ${rule.source},
                 ${rule.warningClass}, ${rule.source}, c.id_number_hmac, c.member_id, c.household_id,
                 c.enrolled_case_id, c.county_code, c.township_code, 'RAISED', ${batchId}::uuid, ${batchId}::uuid,
                 c.row, c.event_date, c.details, now(), now()
          FROM candidate c
          ON CONFLICT (open_key) DO UPDATE
            SET last_batch_id = EXCLUDED.last_batch_id, last_row = EXCLUDED.last_row,
                event_date = EXCLUDED.event_date, details = EXCLUDED.details, updated_at = EXCLUDED.updated_at
          RETURNING w.id, w.stage, (xmax = 0) AS inserted
        )
        INSERT INTO warning_event (warning_id, event_key, type, stage, batch_id, at)
        SELECT u.id, CASE WHEN u.inserted THEN 'RAISED' ELSE 'UPDATED#' || ${batchId} END,
               CASE WHEN u.inserted THEN 'RAISED' ELSE 'UPDATED' END, u.stage, ${batchId}::uuid, now()
        FROM upserted u
        RETURNING type`;
        for (const r of rows) if (r.type === 'RAISED') raised++;
        updated += rows.length - rows.filter((r) => r.type === 'RAISED').length;
      }
      const counts = { rowsMatched: matched, warningsRaised: raised, warningsUpdated: updated, populationRecorded };
      await tx.dataBatch.update({ where: { id: batchId }, data: { ...counts } });
      await appendAudit(tx, {
        ...SYSTEM_ACTOR,
        action: 'DATA_BATCH_MATCHED',
        targetType: 'DataBatch',
        targetId: batchId,
        details: { ...counts, populationChanges, rules: [...ruleVersions] },
      });
      return counts;
    },
    // A million-row batch is matched in seconds to a minute (Prisma's default is 5 s); the
    // activity's own timeout (BATCH_MATCHING, 15 min) stays above this.
    { timeout: MATCH_TIMEOUT_MS, maxWait: 10_000 },
  );
}
