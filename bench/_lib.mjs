// Shared by the benchmarks: wall-clock timing of whole processes, compared with a baseline
// measured in the same run (these machines are shared and noisy, so absolute numbers mean little).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export function timeProcess(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && !opts.allowFailure) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return { ms, result: r };
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Alternates runs of the subject and the baseline so drift in machine load hits both alike. */
export function compareProcesses({ runs, subject, baseline }) {
  const s = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    b.push(baseline().ms);
    s.push(subject().ms);
  }
  return {
    subject: percentile(s, 50),
    baseline: percentile(b, 50),
    ratio: percentile(s, 50) / percentile(b, 50),
  };
}

export const fmt = (ms) => `${ms.toFixed(1)} ms`;

/** The project's shared folder (corpora, reference payloads): beside the repo in CI, or AGENTWARDEN_SHARED. */
export function sharedDir() {
  const repo = path.resolve(import.meta.dirname, '..');
  const roots = [process.env.AGENTWARDEN_SHARED, path.join(repo, '..', 'shared')];
  const found = roots.find((r) => r && existsSync(path.join(r, 'data')));
  if (!found) throw new Error('shared folder not found (set AGENTWARDEN_SHARED)');
  return found;
}
