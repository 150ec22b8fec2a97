import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BatchVerdict, lineToRequest } from '../adapters/claude-code/batch.js';
import { toolCallRequest } from '../adapters/claude-code/handle.js';
import { bundleCliOf, installHookBundle } from '../adapters/claude-code/hook-bundle.js';
import {
  type EditOutcome,
  guardStatus,
  hookBundleRoot,
  installInto,
  type RunAs,
  recoveryCommand,
  runSelfTest,
  type SelfTestCase,
  settingsFileFor,
  uninstallFrom,
  type Where,
} from '../adapters/claude-code/install.js';
import { hookServerRunning, serverSocketPath, stopHookServer } from '../adapters/claude-code/server.js';
import { agentwardenHookCommands, hookCommandText } from '../adapters/claude-code/settings-edit.js';
import { withRequiredFields } from '../adapters/claude-code/tool-input-schema.js';
import { installOpenClawGuard, openclawSelfTest } from '../adapters/openclaw/install.js';
import { openclawGuardStatus } from '../adapters/openclaw/status.js';
import { agentwardenPaths } from '../core/paths.js';
import { redactText } from '../core/redact.js';
import { VERSION } from '../core/version.js';
import { unifiedDiff } from '../fix/diff.js';
import { defaultGuardContext } from '../guard/context.js';
import { failClosedDecision } from '../guard/fail-closed.js';
import { explainPreToolUse, type GuardContext, runPreToolUse } from '../guard/pipeline.js';
import { guardPolicyOptions, realGuardEngine } from '../guard/real-engine.js';
import {
  explainDecision,
  explainPolicy,
  loadPolicy,
  type Policy,
  type SessionState,
  type ShellAnalyzer,
} from '../policy/index.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';

interface WhereOptions {
  home?: string;
  project?: string;
  systemRoot?: string;
}

interface EditOptions extends WhereOptions {
  scope: 'user' | 'project';
  managed?: boolean;
  settingsFile?: string;
  dryRun?: boolean;
  /** The account Claude Code runs as, for the self-test of an install run as root. */
  user?: string;
}

function whereFrom(opts: WhereOptions): Where {
  return {
    home: path.resolve(opts.home ?? os.homedir()),
    project: path.resolve(opts.project ?? process.cwd()),
    env: process.env,
    systemRoot: opts.systemRoot ? path.resolve(opts.systemRoot) : '/',
  };
}

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function fail(message: string): number {
  process.stderr.write(`agentwarden: error: ${redactText(message)}\n`);
  return EXIT_USAGE;
}

/** dist/cli.js of the running install: the bin symlink resolved, or the bundle next to this chunk. */
function cliPath(): string {
  const candidates: string[] = [];
  if (process.argv[1]) {
    try {
      candidates.push(fs.realpathSync(process.argv[1]));
    } catch {
      // not a file
    }
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  candidates.push(path.resolve(here, '..', 'cli.js'), path.resolve(here, 'cli.js'));
  const found = candidates.find((c) => path.basename(c) === 'cli.js' && fs.existsSync(c));
  if (!found) throw new UsageError('cannot locate agentwarden dist/cli.js; run the installed agentwarden');
  return found;
}

function targetFile(opts: EditOptions, where: Where): string {
  if (opts.settingsFile) return path.resolve(opts.settingsFile);
  return settingsFileFor(opts.managed ? 'managed' : opts.scope, where);
}

function printEdit(result: Extract<EditOutcome, { ok: true }>, verb: string, dryRun: boolean): void {
  if (!result.changed) {
    out(
      `agentwarden: ${result.file} already ${verb === 'installed' ? 'has the guard hook' : 'has no guard hook'}; nothing to change`,
    );
    return;
  }
  if (dryRun) {
    out(`agentwarden: would change ${result.file} (dry run, nothing written):`);
    out(unifiedDiff(result.before ?? '', result.after, result.file, result.file).trimEnd());
    return;
  }
  out(
    `agentwarden: ${verb} the guard hook in ${result.file}${result.backup ? ` (backup: ${result.backup})` : ''}`,
  );
}

function printSelfTest(cases: SelfTestCase[]): boolean {
  out('Self-test (the installed command, run as Claude Code runs it):');
  for (const c of cases) {
    const expected = c.expect === 'deny' ? 'deny' : 'no deny';
    out(
      `  ${c.result === 'pass' ? 'pass' : 'FAIL'}  ${c.name}: expected ${expected}, got ${c.got} (${c.ms.toFixed(0)} ms)`,
    );
  }
  const ok = cases.every((c) => c.result === 'pass');
  if (!ok) {
    process.stderr.write(
      'agentwarden: SELF-TEST FAILED: the installed hook does not answer as it should; Claude Code is NOT protected as configured\n',
    );
  }
  return ok;
}

/**
 * A project's settings travel with the repository to every teammate: this machine's absolute paths are
 * wrong on theirs and block every call there, and a PATH lookup can be answered by whatever the
 * repository puts first on PATH. A project can also switch its own hooks off, and Claude Code runs its
 * SessionStart hooks asynchronously, so project scope would promise less than it protects.
 */
const PROJECT_SCOPE_REFUSED =
  "--scope project is not supported: a shared .claude/settings.json would carry this machine's paths to every teammate (blocking them) and a repository can switch its own hooks off; install with --scope user (the default) for yourself, or --managed (as root) for everyone on this machine";

/** /etc/passwd's entry for a name or uid; the self-test runs the hook as that user. */
function lookupUser(nameOrUid: string): RunAs | undefined {
  let passwd: string;
  try {
    passwd = fs.readFileSync('/etc/passwd', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of passwd.split('\n')) {
    const [name, , uid, gid, , home] = line.split(':');
    if (name && home && (name === nameOrUid || uid === nameOrUid))
      return { name, uid: Number(uid), gid: Number(gid), home };
  }
  return undefined;
}

/** Root installs a managed hook for someone else: test it as --user, or as the sudo caller. */
function selfTestUser(opts: EditOptions): RunAs | undefined | { error: string } {
  const wanted = opts.user ?? (process.getuid?.() === 0 ? process.env.SUDO_USER : undefined);
  if (!wanted) return undefined;
  if (process.getuid?.() !== 0) return { error: '--user needs root (the self-test switches to that user)' };
  return lookupUser(wanted) ?? { error: `--user ${wanted}: no such user in /etc/passwd` };
}

export async function runGuardInstall(opts: EditOptions): Promise<number> {
  if (opts.scope === 'project' && !opts.managed && !opts.settingsFile) return fail(PROJECT_SCOPE_REFUSED);
  const where = whereFrom(opts);
  const runAs = selfTestUser(opts);
  if (runAs && 'error' in runAs) return fail(runAs.error);
  const file = targetFile(opts, where);
  const scope = opts.managed ? 'managed' : 'user';
  let source: string;
  try {
    source = cliPath();
  } catch (err) {
    return fail((err as Error).message);
  }
  const bundle = installHookBundle(source, hookBundleRoot(scope, where), VERSION, {
    dryRun: Boolean(opts.dryRun),
  });
  if (!bundle.ok) return fail(bundle.error);
  const hooks = agentwardenHookCommands([process.execPath, bundle.cli], {
    warmHelper: !opts.managed,
    hookEntry: bundle.hook,
  });
  const hook = hooks.guard;
  const result = installInto(file, hooks, {
    dryRun: Boolean(opts.dryRun),
    now: new Date(),
    ...(opts.managed && { mode: 0o644 }),
  });
  if (!result.ok) return fail(result.error);
  printEdit(result, 'installed', Boolean(opts.dryRun));
  if (opts.dryRun) {
    out(`  hook bundle: would copy to ${bundle.dir}`);
    return EXIT_OK;
  }
  out(`  hook bundle: ${bundle.dir}${bundle.copied ? ' (copied)' : ' (already there)'}`);
  out(`  command: ${hookCommandText(hook)} (exec form, no shell)`);
  out(`  at session start also: ${hookCommandText(hooks['skills-verify'])} (reports skills lockfile drift)`);
  out(
    `  if that directory is ever missing, every tool call is blocked: run \`${recoveryCommand(scope)}\` again from any copy of agentwarden`,
  );
  const problems = guardStatus(where).problems.filter(
    (p) => p.startsWith(file) || p.includes(bundle.cli) || p.includes(bundle.hook),
  );
  for (const p of problems) out(`  warning: ${p}`);
  if (runAs) out(`Self-test runs as ${runAs.name} (uid ${runAs.uid}), the user Claude Code runs as.`);
  const passed = printSelfTest(runSelfTest(hook, where, runAs));
  return passed && problems.length === 0 ? EXIT_OK : EXIT_FINDINGS;
}

/** `guard install openclaw`: the plugin into OpenClaw's extensions/, enabled in openclaw.json, self-tested. */
export async function runGuardInstallOpenClaw(opts: WhereOptions & { dryRun?: boolean }): Promise<number> {
  const where = whereFrom(opts);
  let source: string;
  try {
    source = cliPath();
  } catch (err) {
    return fail((err as Error).message);
  }
  // The plugin imports agentwarden into OpenClaw's process: from the same versioned copy the Claude Code
  // hook runs, so rebuilding or upgrading the checkout it was installed from never pulls it away mid-run.
  const bundle = installHookBundle(source, hookBundleRoot('user', where), VERSION, {
    dryRun: Boolean(opts.dryRun),
  });
  if (!bundle.ok) return fail(bundle.error);
  const target = {
    hookModule: path.join(path.dirname(bundle.cli), 'hook.js'),
    node: process.execPath,
    cli: bundle.cli,
    version: VERSION,
  };
  const result = installOpenClawGuard(where, target, { dryRun: Boolean(opts.dryRun), now: new Date() });
  if (!result.ok) return fail(result.error);
  if (opts.dryRun) {
    out(
      `agentwarden: would write the plugin to ${result.pluginDir} and change ${result.configFile} (dry run):`,
    );
    out(`  hook bundle: would copy to ${bundle.dir}`);
    out(unifiedDiff(result.before ?? '', result.after, result.configFile, result.configFile).trimEnd());
    return EXIT_OK;
  }
  out(`agentwarden: wrote the OpenClaw plugin to ${result.pluginDir}`);
  out(`  hook bundle: ${bundle.dir}${bundle.copied ? ' (copied)' : ' (already there)'}`);
  out(
    result.applied.length > 0
      ? `agentwarden: ${result.applied.join(', ')} in ${result.configFile}${result.backup ? ` (backup: ${result.backup})` : ''}`
      : `agentwarden: ${result.configFile} already enables it`,
  );
  for (const p of result.problems) out(`  warning: ${p}`);
  out('  restart the OpenClaw Gateway for the plugin to load');
  const cases = openclawSelfTest(target, where);
  out('Self-test (the command the plugin runs when it cannot load agentwarden in-process):');
  for (const c of cases) out(`  ${c.pass ? 'pass' : 'FAIL'}  ${c.name}: expected ${c.expect}, got ${c.got}`);
  return cases.every((c) => c.pass) && result.problems.length === 0 ? EXIT_OK : EXIT_FINDINGS;
}

export async function runGuardUninstall(opts: EditOptions): Promise<number> {
  const where = whereFrom(opts);
  const result = uninstallFrom(targetFile(opts, where), { dryRun: Boolean(opts.dryRun), now: new Date() });
  if (!result.ok) return fail(result.error);
  printEdit(result, 'removed', Boolean(opts.dryRun));
  const socket = serverSocketPath(agentwardenPaths(where.home, where.env).stateDir);
  if (!opts.dryRun && socket && stopHookServer(socket)) out('agentwarden: stopped the warm hook helper');
  return EXIT_OK;
}

export async function runGuardStatus(opts: WhereOptions & { json?: boolean }): Promise<number> {
  const where = whereFrom(opts);
  const status = guardStatus(where);
  const selfTest = status.hook ? runSelfTest(status.hook, where) : [];
  const openclaw = openclawGuardStatus(where);
  const healthy =
    status.problems.length === 0 &&
    openclaw.problems.length === 0 &&
    selfTest.length > 0 &&
    selfTest.every((c) => c.result === 'pass');
  if (opts.json) {
    out(JSON.stringify({ ...status, selfTest, openclaw, healthy }, null, 2));
    return healthy ? EXIT_OK : EXIT_FINDINGS;
  }
  const installed = status.files.filter((f) => f.entries.length > 0);
  out(installed.length > 0 ? 'agentwarden guard is installed in:' : 'agentwarden guard is not installed.');
  for (const f of installed) {
    const guards = f.entries.filter((e) => e.role === 'guard');
    const events = [...new Set(guards.map((e) => e.event))].join(', ');
    const block = guards.every((e) => e.onFailure === 'block') ? 'onFailure block' : 'NOT fail-closed';
    const timeouts = [
      ...new Set(guards.map((e) => (typeof e.timeout === 'number' ? `${e.timeout}s` : 'none'))),
    ];
    const verify = f.entries.some((e) => e.role === 'skills-verify') ? '; skills verify on SessionStart' : '';
    // Which file of the installed copy the guard starts from: hook.cjs, or cli.js for an earlier version's install.
    const starts = [...new Set(guards.map((e) => path.basename(bundleCliOf(e) ?? '')).filter(Boolean))];
    const entry = starts.length > 0 ? `; starts ${starts.join(', ')}` : '';
    const earlier = starts.includes('cli.js')
      ? ` (an earlier version's install; \`${recoveryCommand(f.kind === 'managed' ? 'managed' : 'user')}\` again starts it faster from hook.cjs)`
      : '';
    out(
      `  ${f.kind.padEnd(8)} ${f.file}: ${events}; ${block}; timeout ${timeouts.join('/')}${verify}${entry}${earlier}`,
    );
  }
  for (const p of status.problems) out(`  warning: ${p}`);
  const socket = serverSocketPath(agentwardenPaths(where.home, where.env).stateDir);
  out(
    socket && hookServerRunning(socket)
      ? `Warm hook helper: running (${socket})`
      : 'Warm hook helper: not running (the next hook call starts it)',
  );
  const ok = selfTest.length === 0 || printSelfTest(selfTest);
  printOpenClawStatus(openclaw);
  if (healthy) out('Status: the guard is in force and answers correctly.');
  return healthy && ok ? EXIT_OK : EXIT_FINDINGS;
}

function printOpenClawStatus(status: ReturnType<typeof openclawGuardStatus>): void {
  if (status.absent) return;
  out(
    status.installed
      ? `OpenClaw: the agentwarden plugin is installed (${status.pluginDir}) and enabled in ${status.configFile}`
      : `OpenClaw: the agentwarden plugin is NOT in force (${status.configFile}); run \`agentwarden guard install openclaw\``,
  );
  for (const p of status.problems) out(`  warning: ${p}`);
  for (const g of status.gaps) out(`  known gap: ${g}`);
}

function readInput(file: string): string {
  if (file === '-') return fs.readFileSync(0, 'utf8');
  return fs.readFileSync(file, 'utf8');
}

/**
 * The guard pipeline of the hook, for evaluating only: nothing logged, each action in a fresh session, the
 * policy read once for the whole run. A policy that cannot be read is a usage error here, not a deny a line.
 */
async function evaluationContext(
  where: Where,
): Promise<{ ctx: GuardContext<Policy, ShellAnalyzer, SessionState> } | { error: string }> {
  const engine = realGuardEngine();
  const loaded = await engine.loadPolicy({ home: where.home, project: where.project, env: where.env });
  if (!loaded.ok) return { error: loaded.error };
  const ctx = defaultGuardContext({
    engine: { ...engine, loadPolicy: async () => loaded },
    home: where.home,
    env: where.env,
    record: false,
  });
  return { ctx };
}

export async function runGuardTest(opts: WhereOptions & { jsonl: string }): Promise<number> {
  let text: string;
  try {
    text = readInput(opts.jsonl);
  } catch (err) {
    return fail(`${opts.jsonl}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const where = whereFrom(opts);
  const made = await evaluationContext(where);
  if ('error' in made) return fail(made.error);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const outLines: string[] = [];
  for (const line of lines) {
    const read = lineToRequest(line, where);
    const decision = read.ok
      ? (await runPreToolUse(made.ctx, read.request)).decision
      : failClosedDecision(`malformed line: ${read.error}`);
    const verdict: BatchVerdict = {
      verdict: decision.verdict,
      ruleId: decision.ruleId,
      reason: decision.reason,
    };
    outLines.push(JSON.stringify(verdict));
  }
  process.stdout.write(outLines.length > 0 ? `${outLines.join('\n')}\n` : '');
  return EXIT_OK;
}

interface ExplainOptions extends WhereOptions {
  tool?: string;
  path?: string;
  url?: string;
  json?: boolean;
}

/** The call to explain, as Claude Code would send it: a Bash command from the words, or --tool with its input. */
function explainPayload(words: string[], opts: ExplainOptions) {
  if (words.length > 0)
    return { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: words.join(' ') } };
  if (!opts.tool) return undefined;
  const input: Record<string, unknown> = {};
  if (opts.path)
    input[
      opts.tool === 'NotebookEdit'
        ? 'notebook_path'
        : ['Glob', 'Grep'].includes(opts.tool)
          ? 'path'
          : 'file_path'
    ] = opts.path;
  if (opts.url) input.url = opts.url;
  return {
    hook_event_name: 'PreToolUse',
    tool_name: opts.tool,
    tool_input: withRequiredFields(opts.tool, input),
  };
}

export async function runGuardExplain(words: string[], opts: ExplainOptions): Promise<number> {
  const where = whereFrom(opts);
  if (words.length === 0 && !opts.tool) {
    const loaded = loadPolicy(guardPolicyOptions(where));
    if (!loaded.ok) return fail(loaded.error);
    if (opts.json) out(JSON.stringify({ policy: loaded.policy, provenance: loaded.provenance }, null, 2));
    else out(explainPolicy(loaded.policy, loaded.provenance));
    return EXIT_OK;
  }
  const made = await evaluationContext(where);
  if ('error' in made) return fail(made.error);
  const payload = explainPayload(words, opts);
  if (!payload) return fail('nothing to explain');
  const request = toolCallRequest({ ...payload, cwd: where.project }, where);
  if (!request.action.ok) return fail(request.action.error.replace(/^malformed hook payload: /, ''));
  const { action } = request.action;
  const { explanation: explained } = await explainPreToolUse(made.ctx, request, explainDecision);
  if (opts.json) {
    out(redactText(JSON.stringify({ action: { ...action, raw: undefined }, ...explained }, null, 2)));
    return EXIT_OK;
  }
  const shown = action.command ?? [...action.paths, ...action.urls].join(' ');
  out(redactText(`Action: ${action.tool} (${action.kind}) ${shown}`));
  // Only the decision when the pipeline stopped before the policy (the kill switch).
  const analysis = 'analysis' in explained ? explained.analysis : undefined;
  const rulesFired = 'rulesFired' in explained ? explained.rulesFired : [];
  if (analysis) {
    out('Shell parse:');
    if (analysis.parseError) out(`  parse error: ${analysis.parseError}`);
    if (analysis.dynamic) out('  a command name is computed at run time (dynamic)');
    for (const c of analysis.commands) {
      const via = c.via.length > 0 ? `  [via ${c.via.join(' → ')}]` : '';
      const redirects = c.redirects.map((r) => ` ${r.op} ${r.target}`).join('');
      out(redactText(`  ${c.name ?? '<dynamic>'} ${c.args.join(' ')}${redirects}${via}`.trimEnd()));
    }
    out('Effects:');
    if (analysis.effects.length === 0) out('  (none recognised)');
    for (const e of analysis.effects)
      out(redactText(`  ${e.risk.padEnd(8)} ${e.capability.padEnd(15)} ${e.id}: ${e.reason}`));
  }
  out('Rules fired:');
  if (rulesFired.length === 0) out('  (none)');
  for (const r of rulesFired) out(`  ${r.verdict.padEnd(5)} ${r.ruleId}: ${r.reason}`);
  const d = explained.decision;
  out(`Verdict: ${d.verdict.toUpperCase()} (${d.ruleId}) ${d.reason}`);
  return EXIT_OK;
}
