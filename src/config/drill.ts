// Drill mode (SAFETYNET_DRILL): the embedded demo with shortened limits, so a person can
// walk a case through publicity, objection and recheck in one sitting. Never production:
// the process refuses to start when the switch meets a production sign.

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function hostOf(address: string): string | null {
  try {
    return new URL(address.includes('://') ? address : `tcp://${address}`).hostname;
  } catch {
    return null;
  }
}

export interface DrillEnv {
  NODE_ENV?: string;
  DATABASE_URL?: string;
  TEMPORAL_ADDRESS?: string;
  /** Set by the embedded launcher (npm start) when it started PostgreSQL and Temporal itself. */
  SAFETYNET_EMBEDDED?: boolean;
}

/**
 * Why drill mode may not run here (Chinese, for the operator), or null when it may: only in
 * the embedded demo, i.e. not NODE_ENV=production, both services started by the launcher,
 * and both on this machine.
 */
export function drillRefusal(env: DrillEnv): string | null {
  const why: string[] = [];
  if (env.NODE_ENV === 'production') why.push('NODE_ENV=production');
  if (!env.SAFETYNET_EMBEDDED)
    why.push('PostgreSQL 与 Temporal 不是由 npm start 内置启动的（设置了 DATABASE_URL 或 TEMPORAL_ADDRESS）');
  for (const [name, value] of [
    ['DATABASE_URL', env.DATABASE_URL],
    ['TEMPORAL_ADDRESS', env.TEMPORAL_ADDRESS],
  ] as const) {
    const host = value ? hostOf(value) : null;
    if (value && (host === null || !LOOPBACK.has(host))) why.push(`${name} 指向外部服务（${host ?? '无法解析'}）`);
  }
  if (why.length === 0) return null;
  return `拒绝启动：演练模式（SAFETYNET_DRILL）会缩短公示、复核等法定期限，只能在内置演示环境（npm start，不设置 DATABASE_URL / TEMPORAL_ADDRESS）中使用。当前：${why.join('；')}。请去掉 SAFETYNET_DRILL 后再启动。`;
}

/** The launcher's own check, before it starts anything: it will start both services only without DATABASE_URL / TEMPORAL_ADDRESS. */
export function launcherDrillRefusal(env: NodeJS.ProcessEnv): string | null {
  if (!isOn(env.SAFETYNET_DRILL)) return null;
  return drillRefusal({ NODE_ENV: env.NODE_ENV, SAFETYNET_EMBEDDED: !env.DATABASE_URL && !env.TEMPORAL_ADDRESS });
}

function isOn(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on', 'y', 'enabled'].includes(value.trim().toLowerCase());
}
