import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU of this bench's own processes, read from /proc: this process and every process it
 * started (PostgreSQL's postmaster and backends, the Temporal dev server, the API), whatever
 * else runs on the machine. Each live process counts its own user + system time and that of
 * its children already reaped (a PostgreSQL backend that ended is in its postmaster's
 * cutime), so a phase's difference is the work done in it. Clock ticks of 1/100 s.
 */
interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  seconds: number;
}

function readProc(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const f = stat.slice(close + 2).split(' ');
    // Fields after the name: state ppid … utime(11) stime(12) cutime(13) cstime(14).
    const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    return { pid, ppid: Number(f[1]), comm: stat.slice(open + 1, close), seconds: ticks / 100 };
  } catch {
    return null; // ended meanwhile: its time is in its parent's cutime once reaped
  }
}

/** Where a process of the tree belongs, by what it is. */
export type ProcessGroup = 'bench' | 'api' | 'postgres' | 'temporal' | 'other';

/** CPU seconds of the tree rooted at this process, by group. */
export function treeCpu(apiPid: number | null): Record<ProcessGroup, number> {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readProc(Number(d)))
    .filter((p): p is Proc => p !== null);
  const children = new Map<number, Proc[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const out: Record<ProcessGroup, number> = { bench: 0, api: 0, postgres: 0, temporal: 0, other: 0 };
  const has = (p: Proc, comm: string): boolean =>
    p.comm === comm || (children.get(p.pid) ?? []).some((c) => has(c, comm));
  // A child of the bench is what it runs: the API, the Temporal CLI, or PostgreSQL (under its launcher script).
  const groupOf = (p: Proc): ProcessGroup =>
    p.pid === apiPid ? 'api' : p.comm.startsWith('temporal') ? 'temporal' : has(p, 'postgres') ? 'postgres' : 'other';
  const visit = (p: Proc, group: ProcessGroup) => {
    out[group] += p.seconds;
    for (const c of children.get(p.pid) ?? []) visit(c, group === 'bench' ? groupOf(c) : group);
  };
  const self = all.find((p) => p.pid === process.pid);
  if (self) visit(self, 'bench');
  return out;
}

export const GROUPS: readonly ProcessGroup[] = ['bench', 'api', 'postgres', 'temporal', 'other'];

/** Starts a meter; the returned call gives each group's CPU seconds since. */
export function treeCpuMeter(apiPid: number | null): () => Record<ProcessGroup, number> {
  const t0 = treeCpu(apiPid);
  return () => {
    const t1 = treeCpu(apiPid);
    return Object.fromEntries(GROUPS.map((g) => [g, t1[g] - t0[g]])) as Record<ProcessGroup, number>;
  };
}
