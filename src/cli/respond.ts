import * as os from 'node:os';
import * as path from 'node:path';
import { guardStatus } from '../adapters/claude-code/install.js';
import { nodeCommandRunner } from '../core/context.js';
import { agentwardenPaths } from '../core/paths.js';
import { redactText } from '../core/redact.js';
import { loadPolicy, type RespondLimits } from '../policy/index.js';
import { type BudgetStatus, evaluateBudget } from '../respond/budget.js';
import { runKill } from '../respond/kill/index.js';
import {
  agentEnvMarker,
  readBudgetOverride,
  readLockdown,
  releaseLockdown,
  writeBudgetOverride,
} from '../respond/kill/lockdown.js';
import { procfsReader } from '../respond/kill/processes.js';
import { recentSessionEntries } from '../respond/kill/report.js';
import { collectSpend, type SpendReport } from '../respond/spend/index.js';
import type { PeriodSpend } from '../respond/spend/summary.js';
import { EXIT_OK, EXIT_USAGE } from './errors.js';
import { existingDir } from './options.js';
import { sinceOption } from './since-option.js';

interface WhereOptions {
  home?: string;
  project?: string;
}

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function fail(message: string): number {
  process.stderr.write(`agentwarden: error: ${redactText(message)}\n`);
  return EXIT_USAGE;
}

function where(opts: WhereOptions) {
  const home = opts.home ? existingDir('--home', opts.home) : os.homedir();
  const project = opts.project ? existingDir('--project', opts.project) : process.cwd();
  return { home, project, env: process.env };
}

/** The policy's limits; a broken policy file is reported and the built-in limits used, spend is still shown. */
function limitsFor(w: ReturnType<typeof where>): RespondLimits | undefined {
  const loaded = loadPolicy(w);
  if (loaded.ok) return loaded.policy.limits;
  process.stderr.write(
    `agentwarden: warning: ${redactText(loaded.error)}; budgets and price overrides not applied\n`,
  );
  return undefined;
}

const usd = (n: number) => `$${n.toFixed(n > 0 && n < 0.01 ? 4 : 2)}`;

function printPeriod(title: string, p: PeriodSpend): void {
  out(`${title}: ${usd(p.costUSD)} (${p.responses} responses)`);
  for (const [label, lines] of [
    ['project', p.byProject],
    ['model', p.byModel],
  ] as const) {
    for (const l of lines.slice(0, 10)) out(`  ${label.padEnd(7)} ${usd(l.costUSD).padStart(10)}  ${l.name}`);
    if (lines.length > 10) out(`  … ${lines.length - 10} more ${label}s (--format json lists all)`);
  }
}

function printBudget(status: BudgetStatus): void {
  for (const p of status.periods)
    out(
      `Budget ${p.period}: ${usd(p.spentUSD)} of ${usd(p.limitUSD)} (${Math.floor(p.fraction * 100)} %)${p.level === 'none' ? '' : ` — ${p.level}`}`,
    );
}

function budgetOf(
  report: SpendReport,
  limits: RespondLimits | undefined,
  stateDir: string,
  now: Date,
): BudgetStatus {
  const override = readBudgetOverride(stateDir);
  return evaluateBudget(
    { todayUSD: report.periods.today.costUSD, monthUSD: report.periods.month.costUSD },
    limits?.budgets ?? {},
    override && { untilMs: override.untilMs, nowMs: now.getTime() },
  );
}

export async function runSpendCommand(
  opts: WhereOptions & { since?: string; format: string },
): Promise<number> {
  const now = new Date();
  let w: ReturnType<typeof where>;
  let since: Date | undefined;
  try {
    w = where(opts);
    since = opts.since ? sinceOption(opts.since, now) : undefined;
  } catch (err) {
    return fail((err as Error).message);
  }
  const limits = limitsFor(w);
  const report = await collectSpend({
    home: w.home,
    env: w.env,
    now,
    ...(since && { since }),
    ...(limits && { priceOverrides: limits.prices }),
  });
  const budget = budgetOf(report, limits, agentwardenPaths(w.home, w.env).stateDir, now);
  if (opts.format === 'json') {
    out(JSON.stringify({ ...report, budget }, null, 2));
    return EXIT_OK;
  }
  printPeriod('Today', report.periods.today);
  printPeriod('This week', report.periods.week);
  printPeriod('This month', report.periods.month);
  if (report.periods.since) printPeriod(`Since ${since?.toLocaleString()}`, report.periods.since);
  printBudget(budget);
  if (budget.reason) out(budget.reason);
  if (report.unpricedModels.length)
    out(
      `No price for: ${report.unpricedModels.join(', ')} (tokens counted, cost $0; add them under prices: in the user policy)`,
    );
  const malformed = report.read.claudeCode.malformed + report.read.openclaw.malformed;
  if (malformed) out(`${malformed} malformed line(s) skipped`);
  for (const u of [...report.read.claudeCode.unreadable, ...report.read.openclaw.unreadable])
    out(`not read: ${u}`);
  out(`Prices as of ${report.pricesAsOf}; list prices, before any discount or plan.`);
  return EXIT_OK;
}

export async function runKillCommand(
  opts: WhereOptions & { reason: string; dryRun?: boolean; grace: string; procRoot?: string },
): Promise<number> {
  const grace = Number(opts.grace);
  if (!Number.isFinite(grace) || grace < 0 || grace > 600)
    return fail(`--grace ${opts.grace}: expected seconds from 0 to 600`);
  let w: ReturnType<typeof where>;
  try {
    w = where(opts);
  } catch (err) {
    return fail((err as Error).message);
  }
  const result = await runKill({
    ...w,
    reason: opts.reason,
    dryRun: Boolean(opts.dryRun),
    graceMs: grace * 1000,
    by: `${os.userInfo().username} (pid ${process.pid})`,
    exclude: new Set([process.pid, process.ppid]),
    reader: procfsReader(opts.procRoot ? path.resolve(opts.procRoot) : '/proc'),
    signal: (pid, sig) => process.kill(pid, sig),
    run: nodeCommandRunner,
    now: () => new Date(),
    clock: () => performance.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  });
  const verb = opts.dryRun ? 'would' : 'did';
  out(
    opts.dryRun
      ? 'agentwarden kill --dry-run: nothing is changed'
      : `Kill switch engaged: ${result.lockfile}`,
  );
  for (const p of result.processes)
    out(
      `  ${'outcome' in p ? p.outcome : 'would stop'}: pid ${p.pid} (${p.kind}) ${redactText(p.argv.join(' ')).slice(0, 120)}`,
    );
  for (const c of result.containers)
    out(`  container ${c.id.slice(0, 12)} ${c.name} (${c.image}): ${verb} stop`);
  if (result.processes.length === 0 && result.containers.length === 0)
    out('  no agent process or container running');
  if (result.containerError) out(`  containers: ${result.containerError}`);
  if (result.channels.disabled.length)
    out(
      `  OpenClaw channels ${opts.dryRun ? 'to disable' : 'disabled'}: ${result.channels.disabled.join(', ')}${result.channels.backup ? ` (backup: ${result.channels.backup})` : ''}`,
    );
  if (result.channels.error) out(`  OpenClaw channels not changed: ${result.channels.error}`);
  out(
    `  ${result.credentials.length} credential(s) within the agent's reach: revoke and rotate them (steps in the report)`,
  );
  for (const c of result.credentials.slice(0, 20)) out(`    ${c.provider}: ${c.name}`);
  if (result.credentials.length > 20) out(`    … ${result.credentials.length - 20} more in the report`);
  for (const warning of result.warnings)
    process.stderr.write(`agentwarden: warning: ${redactText(warning)}\n`);
  if (result.reportFile) out(`Incident report: ${result.reportFile}`);
  out(
    `Containment time: ${(result.containmentMs / 1000).toFixed(2)} s${opts.dryRun ? ' (dry run: finding only)' : ''}`,
  );
  const survivors = result.processes.filter(
    (p) => 'outcome' in p && (p.outcome === 'survived' || p.outcome === 'not permitted'),
  );
  if (survivors.length) {
    process.stderr.write(
      `agentwarden: error: ${survivors.length} agent process(es) could not be stopped (pid ${survivors.map((p) => p.pid).join(', ')})\n`,
    );
    return 1;
  }
  return EXIT_OK;
}

export async function runUnlockCommand(opts: { home?: string }): Promise<number> {
  const marker = agentEnvMarker(process.env);
  if (marker)
    return fail(
      `unlock refused: ${marker} is set, so this runs inside an agent session; a person must run it from their own terminal`,
    );
  let w: ReturnType<typeof where>;
  try {
    w = where(opts);
  } catch (err) {
    return fail((err as Error).message);
  }
  const now = new Date();
  const paths = agentwardenPaths(w.home, w.env);
  const kept = releaseLockdown(paths.lockfile, now);
  const override = writeBudgetOverride(paths.stateDir, now);
  out(kept ? `Kill switch lifted; the flag is kept as ${kept}` : 'The kill switch was not engaged.');
  out(`Budget stops lifted until midnight (${override}).`);
  return EXIT_OK;
}

export async function runStatusCommand(opts: WhereOptions & { json?: boolean }): Promise<number> {
  let w: ReturnType<typeof where>;
  try {
    w = where(opts);
  } catch (err) {
    return fail((err as Error).message);
  }
  const now = new Date();
  const paths = agentwardenPaths(w.home, w.env);
  const lockdown = readLockdown(paths.lockfile);
  const guard = guardStatus({ ...w, systemRoot: '/' });
  const limits = limitsFor(w);
  const spend = await collectSpend({
    home: w.home,
    env: w.env,
    now,
    ...(limits && { priceOverrides: limits.prices }),
  });
  const budget = budgetOf(spend, limits, paths.stateDir, now);
  const log = await recentSessionEntries(paths.activityLog, now, Number.POSITIVE_INFINITY);
  const last = log.entries.slice(-10);
  const status = {
    schemaVersion: 1,
    lockdown: lockdown.on ? { on: true, ...lockdown.lockdown } : { on: false },
    guard: { installed: guard.files.some((f) => f.entries.length > 0), problems: guard.problems },
    spend: { todayUSD: spend.periods.today.costUSD, monthUSD: spend.periods.month.costUSD },
    budget,
    lastLogEntries: last,
  };
  if (opts.json) {
    out(JSON.stringify(status, null, 2));
    return EXIT_OK;
  }
  out(
    lockdown.on
      ? `Lockdown: ON since ${lockdown.lockdown.at || '?'} — ${lockdown.lockdown.reason}`
      : 'Lockdown: off',
  );
  out(
    `Guard: ${status.guard.installed ? 'installed' : 'not installed'}${guard.problems.length ? ` (${guard.problems.length} problem(s): agentwarden guard status)` : ''}`,
  );
  out(`Spend today ${usd(status.spend.todayUSD)}, this month ${usd(status.spend.monthUSD)}`);
  printBudget(budget);
  if (budget.periods.length === 0) out('Budget: none set (budgets: in the user policy)');
  out(last.length ? 'Last log entries:' : `Log: no entries in ${paths.activityLog}`);
  for (const e of last) out(`  ${e.ts} ${e.event} ${e.tool} ${e.verdict} ${e.ruleId} ${e.summary}`.trimEnd());
  return EXIT_OK;
}
