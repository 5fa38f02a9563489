import { Client } from 'pg';

/**
 * Samples PostgreSQL every `everyMs`: how many sessions wait for a lock (every audited
 * transaction takes its audit chain's advisory lock until it commits) and how many are
 * active; and counts the audit rows written meanwhile.
 */
export async function startLockSampler(url: string, everyMs = 50) {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const auditRows = async () =>
    Number((await pg.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]!.n);
  const rows0 = await auditRows();
  const t0 = performance.now();
  const samples: Array<{ waiting: number; active: number }> = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await pg.query<{ waiting: string; active: string }>(
        `SELECT (SELECT count(*) FROM pg_locks WHERE NOT granted) AS waiting,
                (SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()) AS active`,
      );
      samples.push({ waiting: Number(rows[0]!.waiting), active: Number(rows[0]!.active) });
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return async () => {
    running = false;
    await loop;
    const rows = (await auditRows()) - rows0;
    const seconds = (performance.now() - t0) / 1000;
    await pg.end();
    const n = samples.length || 1;
    return {
      auditRows: rows,
      auditRowsPerSecond: rows / seconds,
      samples: samples.length,
      meanWaiting: samples.reduce((a, s) => a + s.waiting, 0) / n,
      shareWithWaiters: samples.filter((s) => s.waiting > 0).length / n,
      meanActive: samples.reduce((a, s) => a + s.active, 0) / n,
    };
  };
}
