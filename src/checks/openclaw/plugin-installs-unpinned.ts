import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import { isRecord } from '../../core/document/index.js';
import type { RawFinding } from '../../core/finding.js';
import {
  at,
  HARDENED_CONFIG,
  type OpenclawConfig,
  openclaw,
  openclawHome,
  openclawStateTable,
  stateJson,
} from './_openclaw.js';

/** An npm spec naming an exact version: `name@1.2.3` or `@scope/name@1.2.3`. */
const PINNED = /^(?:@[^/@]+\/)?[^@]+@\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/;

/** One install record and where it is kept. */
interface InstallRecord {
  kind: 'plugin' | 'hook pack';
  id: string;
  rec: Record<string, unknown>;
  /** Where a pinned install of this kind lives when the record names no installPath. */
  dir: string;
}

/**
 * The install records OpenClaw 2026.9 keeps in its SQLite machine state (state/openclaw.sqlite, table
 * config_machine_state): `plugins.installedIndex` (index.installRecords) and `hooks.internal.installs`.
 */
function machineStateRecords(
  ctx: AuditContext,
  cfg: OpenclawConfig,
): { db: string; records: InstallRecord[] } {
  const { db, rows } = openclawStateTable(ctx, cfg, 'config_machine_state');
  const value = (key: string) => stateJson(rows.find((r) => r[0] === key)?.[1]);
  const index = value('plugins.installedIndex');
  const plugins = isRecord(index) && isRecord(index.index) ? index.index.installRecords : undefined;
  const hooks = value('hooks.internal.installs');
  const records: InstallRecord[] = [];
  for (const [kind, map, dir] of [
    ['plugin', plugins, 'extensions'],
    ['hook pack', hooks, 'hooks'],
  ] as const)
    if (isRecord(map))
      for (const [id, rec] of Object.entries(map))
        if (isRecord(rec)) records.push({ kind, id, rec, dir: path.join(cfg.stateDir, dir, id) });
  return { db, records };
}

/** What is wrong with an npm install record: an unpinned spec, no integrity, or a version drifted on disk. */
function recordProblems(ctx: AuditContext, r: InstallRecord): string[] {
  const problems: string[] = [];
  const spec = typeof r.rec.spec === 'string' ? r.rec.spec : undefined;
  if (spec && !PINNED.test(spec)) problems.push(`spec "${spec}" is not an exact version`);
  if (typeof r.rec.integrity !== 'string' || r.rec.integrity.trim() === '')
    problems.push('no integrity hash is recorded');
  const recorded = r.rec.resolvedVersion ?? r.rec.version;
  const dir = typeof r.rec.installPath === 'string' ? r.rec.installPath : r.dir;
  const pkg = ctx.fs.readText(path.join(dir, 'package.json'));
  let installed: unknown;
  try {
    installed = pkg.ok ? (JSON.parse(pkg.text) as Record<string, unknown>).version : undefined;
  } catch {
    installed = undefined;
  }
  if (typeof recorded === 'string' && typeof installed === 'string' && installed !== recorded)
    problems.push(`version ${recorded} was installed but ${installed} is on disk`);
  return problems;
}

export default defineCheck({
  id: 'openclaw/plugin-installs-unpinned',
  severity: 'medium',
  seedRefs: ['SK-4', 'CS-4'],
  frameworks: ['OWASP-LLM03'],
  title: 'An OpenClaw plugin or hook-pack install is not pinned, has no integrity hash, or drifted',
  docs: {
    why:
      'OpenClaw records how each managed plugin and hook pack was installed (plugins.installs in older ' +
      'configs; state/openclaw.sqlite since 2026.9). A spec without an exact version ("@openclaw/feishu", ' +
      '"^1.2.0") installs whatever is newest at the next update, a record without an integrity hash cannot show ' +
      'that the code on disk is what was reviewed, and a package whose version on disk differs from the record ' +
      'was changed after install. Plugins and hooks run inside the gateway.',
    fix: 'Reinstall with an exact version (`openclaw plugins install name@1.2.3`, `openclaw hooks install name@1.2.3`) so the record carries the version and its integrity hash; `openclaw plugins update --all` refreshes drifted records.',
  },
  examples: {
    bad: [
      {
        name: 'unpinned npm spec without integrity',
        ...openclawHome(
          "{ plugins: { installs: { feishu: { source: 'npm', spec: '@openclaw/feishu', version: '2026.3.13' } } } }\n",
        ),
      },
    ],
    good: [
      { name: 'no managed plugins (hardened)', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'pinned with integrity',
        ...openclawHome(
          "{ plugins: { installs: { adapter: { source: 'npm', spec: 'openclaw-mcp-adapter@0.1.1', integrity: 'sha512-AAAA' } } } }\n",
        ),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = [];
    const state = machineStateRecords(ctx, cfg);
    for (const r of state.records) {
      if (r.rec.source !== 'npm') continue;
      const problems = recordProblems(ctx, r);
      if (problems.length > 0)
        findings.push({ message: `${r.kind} "${r.id}": ${problems.join('; ')}.`, file: state.db });
    }
    const installs = cfg.get(['plugins', 'installs']);
    if (!isRecord(installs)) return findings;
    for (const [id, rec] of Object.entries(installs)) {
      if (!isRecord(rec)) continue;
      const spec = typeof rec.spec === 'string' ? rec.spec : undefined;
      const problems: string[] = [];
      if (rec.source === 'npm' && spec && !PINNED.test(spec))
        problems.push(`spec "${spec}" is not an exact version`);
      // A local directory (source "path", e.g. a bundled extension or plugins.load.paths) is not downloaded:
      // there is no archive whose hash could be recorded.
      if (rec.source !== 'path' && (typeof rec.integrity !== 'string' || rec.integrity === ''))
        problems.push('no integrity hash is recorded');
      if (problems.length === 0) continue;
      findings.push({
        message: `plugin "${id}": ${problems.join(' and ')}.`,
        ...at(cfg, [
          'plugins',
          'installs',
          id,
          spec && problems[0]?.startsWith('spec') ? 'spec' : 'integrity',
        ]),
      });
    }
    return findings;
  },
});
