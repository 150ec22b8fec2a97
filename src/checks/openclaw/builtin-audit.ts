/**
 * `audit --with-openclaw`: runs OpenClaw's own `openclaw security audit --json` and merges what it finds,
 * each finding marked `openclaw/builtin:<its id>`, minus those whose problem an agentwarden check already
 * reported (builtin-parity.ts). It runs with npm offline (see below). Its exit code is always 0 (REFERENCE.md §4), so the JSON decides; an
 * invalid config makes it exit 1 with `{ok:false, issues}` and audit nothing, which is reported as such.
 */
import type { AuditContext } from '../../core/context.js';
import { isRecord } from '../../core/document/index.js';
import type { AuditFinding } from '../../core/finding.js';
import { type AuditRun, sortFindings } from '../../core/run-audit.js';
import type { Severity } from '../../core/severity.js';
import { loadOpenclawConfig } from '../../discover/openclaw.js';
import { ourCheckId, parityFor } from './builtin-parity.js';

/** The built-in audit takes ~10 s on a 2-core machine (mostly start-up); allow for a slow one. */
export const BUILTIN_TIMEOUT_MS = 60_000;

const SEVERITY: Record<string, Severity> = { critical: 'critical', warn: 'medium', info: 'info' };
/**
 * Where-to-look variables passed on `env`'s command line so the built-in audit audits the install we did.
 * Never a token: arguments are visible to every user in `ps` (the child inherits our environment anyway).
 */
const PASS_ENV = [
  'OPENCLAW_HOME',
  'OPENCLAW_STATE_DIR',
  'OPENCLAW_CONFIG_PATH',
  'OPENCLAW_PROFILE',
  'OPENCLAW_INCLUDE_ROOTS',
];

export type BuiltinAuditResult =
  | { status: 'missing' }
  | { status: 'failed'; reason: string }
  | { status: 'ok'; findings: AuditFinding[]; covered: number };

interface BuiltinFinding {
  checkId: string;
  severity: string;
  title: string;
  detail?: string;
  remediation?: string;
}

/** The JSON object in the command's output (plugins may log lines before it); the parity benches read it so too. */
export function jsonObjectIn(stdout: string): unknown {
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  try {
    return JSON.parse(stdout.slice(start, end + 1));
  } catch {
    return undefined;
  }
}

function toFinding(f: BuiltinFinding, configFile: string | undefined): AuditFinding {
  return {
    checkId: `openclaw/builtin:${f.checkId}`,
    severity: SEVERITY[f.severity] ?? 'medium',
    title: `${f.title} (openclaw security audit)`,
    message: (f.detail ?? f.title).replace(/\s*\n\s*/g, ' '),
    ...(configFile && { file: configFile }),
    fix: f.remediation ?? 'See `openclaw security audit` and docs.openclaw.ai/gateway/security.',
    fixable: false,
    seedRefs: ['OC-L2'],
    frameworks: [],
    fixPlans: [],
  };
}

/** Merges the built-in audit's findings into ours: what ours already reports is left out, and counted. */
export function mergeBuiltinFindings(
  output: unknown,
  ours: readonly AuditFinding[],
  configFile?: string,
): { findings: AuditFinding[]; covered: number } | { error: string } {
  if (!isRecord(output)) return { error: 'its output is not JSON' };
  if (output.ok === false) {
    const issues = Array.isArray(output.issues) ? output.issues.length : 0;
    return {
      findings: [
        toFinding(
          {
            checkId: 'config.invalid',
            severity: 'info',
            title: 'OpenClaw refused its config and audited nothing',
            detail: `openclaw security audit exited on an invalid config (${issues} issue(s)); see openclaw/config-invalid.`,
          },
          configFile,
        ),
      ],
      covered: 0,
    };
  }
  if (!Array.isArray(output.findings)) return { error: 'its output has no findings list' };
  const reported = new Set(ours.map((f) => f.checkId));
  const findings: AuditFinding[] = [];
  let covered = 0;
  for (const raw of output.findings) {
    if (!isRecord(raw) || typeof raw.checkId !== 'string' || typeof raw.title !== 'string') continue;
    const f: BuiltinFinding = {
      checkId: raw.checkId,
      severity: String(raw.severity),
      title: raw.title,
      ...(typeof raw.detail === 'string' && { detail: raw.detail }),
      ...(typeof raw.remediation === 'string' && { remediation: raw.remediation }),
    };
    const parity = parityFor(f.checkId);
    if (parity?.ours.some((id) => reported.has(ourCheckId(id)))) {
      covered++;
      continue;
    }
    findings.push(toFinding(f, configFile));
  }
  return { findings, covered };
}

/** Runs the built-in audit for the home and install the audit looked at, never throwing. */
export async function runBuiltinAudit(
  ctx: AuditContext,
  ours: readonly AuditFinding[],
  configFile?: string,
): Promise<BuiltinAuditResult> {
  const env = [
    `HOME=${ctx.home}`,
    // Offline: given a configured channel whose plugin is not bundled (discord), OpenClaw 2026.9.6 tries to
    // npm-install it into the user's state during the audit (seen running it); an audit must change nothing.
    'npm_config_offline=true',
    ...PASS_ENV.filter((k) => ctx.env[k] !== undefined).map((k) => `${k}=${ctx.env[k]}`),
  ];
  const result = await ctx.run('env', [...env, 'openclaw', 'security', 'audit', '--json'], {
    timeoutMs: BUILTIN_TIMEOUT_MS,
  });
  if (result.code === 127) return { status: 'missing' };
  const merged = mergeBuiltinFindings(jsonObjectIn(result.stdout), ours, configFile);
  if ('error' in merged)
    return { status: 'failed', reason: `openclaw security audit (exit ${result.code}): ${merged.error}` };
  return { status: 'ok', ...merged };
}

/** `audit --with-openclaw`: the run with the built-in audit's findings merged, and what to tell the user. */
export async function withBuiltinAudit(
  ctx: AuditContext,
  run: AuditRun,
): Promise<{ run: AuditRun; note: string }> {
  const configFile = loadOpenclawConfig(ctx).configFile;
  const result = await runBuiltinAudit(ctx, run.findings, configFile);
  if (result.status === 'missing')
    return {
      run,
      note: "--with-openclaw: no `openclaw` on PATH; only agentwarden's own OpenClaw checks ran",
    };
  if (result.status === 'failed') return { run, note: `--with-openclaw: ${result.reason}` };
  return {
    run: { ...run, findings: sortFindings([...run.findings, ...result.findings]) },
    note: `--with-openclaw: openclaw security audit added ${result.findings.length} finding(s); ${result.covered} more were already reported by agentwarden's checks`,
  };
}
