import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REFUSALS } from '../../src/core/refusals';

// Every refusal code the service can answer with has one entry in src/core/refusals.ts:
// its HTTP status and a Chinese message. Codes are found where they are raised: DomainError
// and its helpers in src/, the workflows' refuse(...) and every ApplicationFailure type.

const ROOT = join(__dirname, '..', '..');
const CJK = /[\u4e00-\u9fff]/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'generated' || name === 'node_modules') return [];
    return statSync(path).isDirectory()
      ? files(path)
      : path.endsWith('.ts') && !path.endsWith('.spec.ts')
        ? [path]
        : [];
  });
}

const PATTERNS = [
  /new DomainError\(\s*(\d{3}),\s*'([A-Z_]+)'/g,
  /\b(?:conflict|forbidden|refuse|refusal)\(\s*'([A-Z_]+)'/g,
  /ApplicationFailure\.(?:create|nonRetryable|retryable)\(\{\s*type:\s*'([A-Z_]+)'/g,
  /PolicyInputError\(\s*'([A-Z_]+)'/g,
  /\bcode:\s*'([A-Z_]+)'/g,
];

/** code → where it is raised (file: status when the site names one). */
function codesUsed(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of [...files(join(ROOT, 'src')), ...files(join(ROOT, 'workflows'))]) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of PATTERNS) {
      for (const m of text.matchAll(pattern)) {
        const [status, code] = m.length === 3 ? [m[1], m[2]!] : [undefined, m[1]!];
        used.set(code, [...(used.get(code) ?? []), `${file.slice(ROOT.length + 1)}${status ? `: ${status}` : ''}`]);
      }
    }
  }
  return used;
}

describe('refusal registry', () => {
  const used = codesUsed();

  it('finds the codes it should (the scan itself works)', () => {
    for (const code of [
      'WRONG_STAGE',
      'TASK_NOT_OPEN',
      'QUORUM_NOT_REACHED',
      'RESERVE_FUND_INSUFFICIENT',
      'TASK_PAYLOAD_INVALID',
      'ALREADY_RECONCILED',
    ]) {
      expect([code, used.has(code)]).toEqual([code, true]);
    }
  });

  it('lists every code used in src/ and workflows/', () => {
    const missing = [...used.keys()]
      .filter((code) => !Object.hasOwn(REFUSALS, code))
      .map((code) => `${code} (${used.get(code)!.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('gives each an HTTP error status and a Chinese message', () => {
    for (const [code, r] of Object.entries(REFUSALS)) {
      expect([code, r.status >= 400 && r.status <= 599, CJK.test(r.message)]).toEqual([code, true, true]);
    }
  });

  it('agrees with the status a DomainError names at its site (one status per code)', () => {
    const USER_DISABLED_DEV_TOKEN = 'src/auth/dev-token.controller.ts: 403'; // a named disabled user asking for a token: forbidden, not unauthenticated
    const disagreeing = [...used.entries()].flatMap(([code, sites]) =>
      sites
        .filter(
          (s) =>
            /: \d{3}$/.test(s) &&
            s !== USER_DISABLED_DEV_TOKEN &&
            Number(s.slice(-3)) !== REFUSALS[code as keyof typeof REFUSALS]?.status,
        )
        .map((s) => `${code} at ${s}`),
    );
    expect(disagreeing).toEqual([]);
  });
});
