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

/**
 * Bundles TypeScript from the repo for a bench and imports it: `exports` are [names, repo-relative path] pairs
 * (`['*', 'src/policy/index.ts']`, `['{ materialize }', 'src/core/fixture.ts']`). The bundle goes into
 * node_modules/.cache/agentwarden-bench-<name>/, so packages left external resolve from the repo.
 */
export async function bundleTs(name, exports, { external = [] } = {}) {
  const { build } = await import('esbuild');
  const { pathToFileURL } = await import('node:url');
  const repo = path.resolve(import.meta.dirname, '..');
  const outfile = path.join(repo, 'node_modules', '.cache', `agentwarden-bench-${name}`, 'bundle.mjs');
  await build({
    stdin: {
      contents: exports
        .map(([names, rel]) => `export ${names} from ${JSON.stringify(path.join(repo, rel))};`)
        .join('\n'),
      resolveDir: repo,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    mainFields: ['module', 'main'],
    target: 'node20.12',
    external,
    define: { __AGENTWARDEN_VERSION__: '"bench"' },
    banner: {
      js: "import { createRequire as __cr } from 'node:module';\nconst require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}
