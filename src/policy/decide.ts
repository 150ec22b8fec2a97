import { redactText } from '../core/redact.js';
import { findSecrets } from '../scanners/secrets/detect.js';
import type { ShellAnalyzer } from '../scanners/shell/index.js';
import type { Capability, ShellAnalysis, ShellEffect } from '../scanners/shell/types.js';
import { checkCommands } from './commands.js';
import { findDomain, parseDestination } from './domains.js';
import { isInside, matchablePath, matchesAny, normalizeAbsolute } from './glob.js';
import { mcpRuleName } from './mcp-names.js';
import { type Policy, stricterCell } from './policy.js';
import type { GuardRuleId, RoleRuleId, ShellRuleId } from './rules/ids.js';
import type { SessionState } from './session.js';
import type { Action, Decision, Verdict } from './types.js';
import type { Cell } from './vocabulary.js';
import { excerpt, REFS } from './wording.js';

export type { ShellAnalyzer };

export interface DecisionEnv {
  policy: Policy;
  /** Needed for actions with a command; without one, a command is asked about. */
  shell: ShellAnalyzer | undefined;
  session: SessionState;
  home: string;
  project: string;
  /** The agent runs in a container or sandbox (the adapter detects it). */
  sandboxed: boolean;
  /**
   * Where a path really leads on this machine (symlinks followed), when that differs from the path; the
   * adapter reads it from the file system. A link in the project can point into ~/.ssh or ~/.claude.
   */
  realPath?: (p: string) => string | undefined;
}

export interface FiredRule {
  ruleId: GuardRuleId;
  verdict: Verdict;
  reason: string;
  seedRefs: string[];
}

export interface DecisionExplanation {
  decision: Decision;
  analysis?: ShellAnalysis;
  rulesFired: FiredRule[];
}

const VERDICT_RANK: Record<Verdict, number> = { allow: 0, ask: 1, deny: 2 };

const MCP_READ_VERBS = new Set([
  'get',
  'list',
  'search',
  'read',
  'query',
  'fetch',
  'view',
  'describe',
  'find',
  'show',
]);
// Capabilities whose every use reaches outside the project or into secrets: a tainted session asks first.
const TAINT_CAPABILITIES = new Set<Capability>([
  'credentials',
  'git-push',
  'package-install',
  'infra',
  'network',
  'mcp',
]);
const SCRATCH_DIRS = ['/tmp', '/var/tmp', '/private/tmp', '/dev/shm'];
/** Paths in reasons (`/home/dev/.cache/x1Y2…`, `~/.ssh/id_ed25519`): shown as they are, never masked as secrets. */
const PATH_IN_TEXT = /(?<![\w:/])(?:~|\/)[\w.\-/@+%~]*/g;
/** PATH_MAX is 4096 on Linux and 1024 on macOS. */
const MAX_PATH_CHARS = 4096;

export function cellVerdict(cell: Cell, sandboxed: boolean): Verdict {
  if (cell === 'allow') return 'allow';
  if (cell === 'deny') return 'deny';
  if (cell === 'sandbox') return sandboxed ? 'allow' : 'ask';
  return 'ask';
}

function stricterVerdict(a: Verdict, b: Verdict): Verdict {
  return VERDICT_RANK[a] >= VERDICT_RANK[b] ? a : b;
}

/** Evaluation of one action: every rule that fired, in order, plus what the taint rule needs. */
export class Evaluation {
  readonly fired: FiredRule[] = [];
  /** What this action would do outside the machine or to secrets, for the taint rule. */
  readonly sideEffects: string[] = [];
  analysis: ShellAnalysis | undefined;

  constructor(
    readonly action: Action,
    readonly env: DecisionEnv,
  ) {}

  get policy(): Policy {
    return this.env.policy;
  }

  fire(ruleId: GuardRuleId, verdict: Verdict, reason: string, seedRefs: readonly string[]): void {
    this.fired.push({ ruleId, verdict, reason, seedRefs: [...seedRefs] });
  }

  show(p: string): string {
    return matchablePath(p, this.env.home);
  }

  roleRule(capability: Capability): RoleRuleId {
    return `role/${this.policy.cellRoles[capability]}/${capability}`;
  }

  roleNote(capability: Capability): string {
    const cell = this.policy.cells[capability];
    const note = `role ${this.policy.cellRoles[capability]}: ${capability} ${cell}`;
    if (cell !== 'sandbox') return note;
    // The verdict turns on the adapter's container detection: say so, either way.
    return this.env.sandboxed
      ? `${note}, allowed because the guard detected a container or sandbox`
      : `${note}, and this session is not in a sandbox (the guard detected no container)`;
  }

  /** Scratch space that is not the user's: HOME or the project under /tmp are judged as home and project. */
  isScratch(p: string): boolean {
    return (
      SCRATCH_DIRS.some((d) => isInside(p, d)) &&
      !isInside(p, this.env.home) &&
      !isInside(p, this.env.project)
    );
  }

  verdictOf(capability: Capability): Verdict {
    return cellVerdict(this.policy.cells[capability], this.env.sandboxed);
  }

  /** Protected paths (CC-M4, PR-3) and self-protection (CC-H3), for the path and where it really leads. */
  /** `newKey`: the write generates a new key (shell/write-new-key), which is no credential store inside the project. */
  checkPath(p: string, access: 'read' | 'write' | 'delete', newKey = false): void {
    if (p.length > MAX_PATH_CHARS) {
      // No file system takes it, and matching patterns against it is quadratic: a hung hook lets calls through.
      this.fire(
        'protected-path/path-too-long',
        'deny',
        `names a path of ${p.length} characters, longer than any file system allows`,
        REFS.boundary,
      );
      return;
    }
    this.checkPathAs(p, access, newKey);
    const real = this.env.realPath?.(p);
    if (real !== undefined && normalizeAbsolute(real) !== normalizeAbsolute(p))
      this.checkPathAs(real, access, newKey);
  }

  private checkPathAs(p: string, access: 'read' | 'write' | 'delete', newKey = false): void {
    // Where a link in the project leads elsewhere (~/.ssh/id_rsa), the write overwrites a real credential.
    const ownNewKey = newKey && access === 'write' && isInside(p, this.env.project);
    const shown = this.show(p);
    const verb = access === 'read' ? 'reads' : access === 'write' ? 'writes' : 'deletes';
    const seen = new Set<string>();
    const inProject = isInside(p, this.env.project);
    for (const { entry, pattern, except, root } of this.policy.compiled.protect) {
      if (seen.has(entry.kind) || !pattern.re.test(shown) || matchesAny(except, shown)) continue;
      // A bare-name secret pattern (.env*, *.pem) guards what a project file holds against being read out.
      // Writing or deleting one inside the project (cp .env.example .env, rm -f certs/dev.key) shows and sends
      // nothing, and is judged like any project file;
      // a link that leads elsewhere is judged where it leads (checkPath), anchored stores (~/.ssh) as ever.
      // So is one in scratch space (`shred -u /tmp/fixture.key`): the test fixture of a moment, not a store.
      if (
        entry.kind === 'secret' &&
        root === undefined &&
        (inProject || this.isScratch(p)) &&
        access !== 'read'
      )
        continue;
      seen.add(entry.kind);
      if (entry.kind === 'self' && access !== 'read') {
        this.fire(
          'protected-path/write-self',
          'deny',
          `${verb} ${shown}, which belongs to the guard itself (${entry.pattern}): an agent may not change or remove it`,
          REFS.self,
        );
      } else if (entry.kind === 'no-write' && access !== 'read') {
        this.fire(
          'protected-path/write-startup-file',
          'deny',
          `${verb} ${shown}, a file that makes programs run later (shell start-up, git hooks and config, MCP servers; protected: ${entry.pattern})`,
          REFS.startup,
        );
      } else if (entry.kind === 'secret' && !ownNewKey) {
        const cell =
          access === 'read'
            ? this.policy.cells.credentials
            : stricterCell(this.policy.cells.credentials, this.policy.cells[access]);
        let verdict = cellVerdict(cell, this.env.sandboxed);
        if (access !== 'read') verdict = stricterVerdict(verdict, 'ask');

        const kind = access === 'read' ? 'read-secret' : 'write-secret';
        const role = this.policy.cellRoles.credentials;
        this.fire(
          `protected-path/${kind}`,
          verdict,
          `${verb} ${shown}, a credential store (protected: ${entry.pattern}; role ${role}: credentials ${this.policy.cells.credentials})`,
          REFS.secret,
        );
        this.sideEffects.push(`${verb} credentials in ${shown}`);
      }
    }
    if (access === 'delete' && !seen.has('self')) this.checkHoldsSelf(p);
  }

  /** Deleting or moving away a directory removes the guard files below it: `mv ~/.claude x` unhooks it. */
  checkHoldsSelf(p: string): void {
    const fold = (s: string) => (this.policy.compiled.caseInsensitive ? s.toLowerCase() : s);
    const dir = fold(normalizeAbsolute(p));
    for (const { entry, root } of this.policy.compiled.protect) {
      if (entry.kind !== 'self') continue;
      // Anchored entries name one place; bare ones (.claude/settings.json) are read from the project root.
      const literal =
        root ?? (/[*?[{]/.test(entry.pattern) ? undefined : `${this.env.project}/${entry.pattern}`);
      if (!literal) continue;
      const absolute = fold(
        normalizeAbsolute(literal.startsWith('~/') ? `${this.env.home}${literal.slice(1)}` : literal),
      );
      if (absolute === dir || !isInside(absolute, dir)) continue;
      this.fire(
        'protected-path/write-self',
        'deny',
        `deletes ${this.show(p)}, which holds ${this.show(absolute)}, part of the guard itself (${entry.pattern}): an agent may not change or remove it`,
        REFS.self,
      );
      return;
    }
  }

  /**
   * A recursive search or upload rooted above credential stores reads them too: Grep over ~ covers ~/.ssh.
   * Only anchored patterns (`~/.ssh`, `/etc/x`) have a place to be below; bare names (`*.pem`) do not.
   */
  checkCovers(root: string, what: string, verdict: Verdict): void {
    if (verdict === 'allow') return;
    const covered: string[] = [];
    for (const { entry, root: literal } of this.policy.compiled.protect) {
      if (entry.kind !== 'secret' || !literal) continue;
      const absolute = literal.startsWith('~/') ? `${this.env.home}${literal.slice(1)}` : literal;
      if (absolute !== root && isInside(absolute, root)) covered.push(entry.pattern);
    }
    if (covered.length === 0) return;
    const list =
      covered.slice(0, 3).join(', ') + (covered.length > 3 ? ` and ${covered.length - 3} more` : '');
    this.fire(
      'protected-path/covers-secrets',
      verdict,
      `${what} ${this.show(root)}, which includes credential stores (${list})`,
      REFS.secret,
    );
  }

  /** Writes outside the project (PR-4) are asked about on a bare host. */
  checkBoundary(p: string, access: 'write' | 'delete'): void {
    const { env } = this;
    // In a sandbox, writes outside the project land in the sandbox's own file system.
    const outside = !env.sandboxed && !isInside(p, env.project) && !this.isScratch(p);
    if (!outside) return;
    this.fire(
      'boundary/write-outside-project',
      'ask',
      `${access === 'write' ? 'writes' : 'deletes'} ${this.show(p)}, outside the project ${this.show(env.project)} (allowed in a container or sandbox; the guard detected none)`,
      REFS.boundary,
    );
  }

  /** Network rules (PR-2); `what` describes the action for messages. Returns the host's standing. */
  checkUrl(url: string, what: string): 'local' | 'allowed' | 'unknown' | 'blocked' | 'unparsed' {
    if (findSecrets(url).length > 0) {
      this.fire('network/secret-in-url', 'deny', `${what}: the URL carries a credential`, REFS.exfil);
      return 'blocked';
    }
    const dest = parseDestination(url);
    if (!dest) return 'unparsed';
    // A backslash before the path: WHATWG parsers (fetch) read it as `/`, curl and most other clients as
    // part of the user name, so `https://github.com\@evil.io` goes to github.com for one and evil.io for the other.
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*\\/i.test(url.trim())) {
      this.fire(
        'network/ambiguous-url',
        'ask',
        `${what}: clients disagree on which host this URL names (a backslash in its host part)`,
        REFS.network,
      );
      return 'unknown';
    }
    if (dest.place === 'metadata') {
      this.fire(
        'network/metadata-endpoint',
        'deny',
        `${what}: ${dest.host} is a cloud metadata endpoint that hands out the machine's credentials`,
        REFS.exfil,
      );
      return 'blocked';
    }
    const denied = findDomain(dest.host, this.policy.network.deny);
    if (denied) {
      this.fire(
        'network/denied-domain',
        'deny',
        `${what}: ${dest.host} is on the network deny list (${denied})`,
        REFS.network,
      );
      return 'blocked';
    }
    if (dest.place !== 'internet') return 'local';
    if (this.policy.cells.network === 'deny') {
      this.fire(this.roleRule('network'), 'deny', `${what}: ${this.roleNote('network')}`, REFS.role);
      return 'blocked';
    }
    if (findDomain(dest.host, this.policy.network.allow)) return 'allowed';
    this.fire(
      'network/unknown-domain',
      this.verdictOf('network'),
      `${what}: ${dest.host} is not on the network allowlist`,
      REFS.network,
    );
    return 'unknown';
  }
}

function accessOf(capability: Capability): 'read' | 'write' | 'delete' {
  return capability === 'write' ? 'write' : capability === 'delete' ? 'delete' : 'read';
}

function evaluateFiles(ev: Evaluation, access: 'read' | 'write' | 'delete'): void {
  const { action } = ev;
  const capability: Capability = access;
  for (const p of action.paths) {
    ev.checkPath(p, access);
    // Searching a tree that holds secrets may be innocent: ask rather than deny, unless secrets are allowed.
    if (action.kind === 'search')
      ev.checkCovers(
        p,
        'searches the contents of',
        ev.verdictOf('credentials') === 'allow' ? 'allow' : 'ask',
      );
    if (access !== 'read') ev.checkBoundary(p, access);
  }
  const verdict = ev.verdictOf(capability);
  const shown = action.paths.map((p) => ev.show(p)).join(', ') || '(no path)';
  const verb = access === 'read' ? 'reads' : access === 'write' ? 'writes' : 'deletes';
  ev.fire(ev.roleRule(capability), verdict, `${verb} ${shown} (${ev.roleNote(capability)})`, REFS.role);
}

function evaluateWeb(ev: Evaluation): void {
  const { action } = ev;
  if (action.urls.length === 0) {
    const verdict = ev.policy.cells.network === 'deny' ? 'deny' : 'allow';
    ev.fire(
      verdict === 'deny' ? ev.roleRule('network') : 'tool/web-search',
      verdict,
      `${action.tool} searches the web (${ev.roleNote('network')})`,
      verdict === 'deny' ? REFS.role : REFS.tool,
    );
    return;
  }
  for (const url of action.urls) {
    const what = `${action.tool} fetches ${excerpt(url, 120)}`;
    const standing = ev.checkUrl(url, what);
    if (standing === 'unparsed') {
      ev.fire('network/unparsed-url', 'ask', `${what}: not a URL the guard understands`, REFS.network);
    } else if (standing === 'allowed') {
      ev.fire('network/allowlisted', 'allow', `${what}: on the network allowlist`, REFS.network);
    } else if (standing === 'local') {
      ev.fire('network/local', 'allow', `${what}: this machine or the local network`, REFS.network);
    }
    const query = url.includes('?');
    if (standing === 'unknown' || (standing === 'allowed' && query)) ev.sideEffects.push(what);
  }
}

function mcpVerbIsRead(tool: string): boolean {
  const first = tool
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\-.\s]+/)[0];
  return first !== undefined && MCP_READ_VERBS.has(first);
}

function evaluateMcp(ev: Evaluation): void {
  const { tool } = ev.action;
  const server = ev.action.mcp?.server ?? '?';
  const readLike = mcpVerbIsRead(ev.action.mcp?.tool ?? '');
  const capability: Capability = readLike ? 'read' : 'mcp';
  // A project file may only tighten: its rules never go below the cell in force.
  const cellVerdict = ev.verdictOf(capability);
  const named = mcpRuleName(ev.action.mcp);
  const rules = ev.policy.compiled.mcp
    .filter((m) => named !== undefined && m.re.test(named))
    .map(({ rule }) => ({
      rule,
      verdict: rule.fromProject ? stricterVerdict(rule.verdict, cellVerdict) : rule.verdict,
    }));
  if (!readLike) ev.sideEffects.push(`calls MCP tool ${tool}, which may change things on server ${server}`);
  if (rules.length > 0) {
    const verdict = rules.map((r) => r.verdict).reduce(stricterVerdict);
    const rule = rules.find((r) => r.verdict === verdict)?.rule;
    ev.fire(
      'mcp/policy-rule',
      verdict,
      `calls MCP tool ${tool} (policy rule ${rule?.tool}: ${verdict})`,
      REFS.mcp,
    );
    return;
  }
  const what = readLike ? `reads through MCP tool ${tool}` : `calls MCP tool ${tool} on server ${server}`;
  ev.fire(ev.roleRule(capability), cellVerdict, `${what} (${ev.roleNote(capability)})`, REFS.mcp);
}

function evaluateEffect(ev: Evaluation, effect: ShellEffect): void {
  const { capability, risk } = effect;
  const reason = effect.reason || effect.command;
  // The analyser's make() takes only listed effect ids (scanners/shell/effect-ids.ts).
  const ruleId = `shell/${effect.id}` as ShellRuleId;
  if (risk === 'critical') {
    ev.fire(ruleId, 'deny', reason, REFS.critical);
  } else if (risk === 'high') {
    const role = ev.verdictOf(capability);
    if (role === 'deny')
      ev.fire(ev.roleRule(capability), 'deny', `${reason} (${ev.roleNote(capability)})`, REFS.role);
    else ev.fire(ruleId, 'ask', reason, REFS.boundary);
  } else if (risk === 'low') {
    const role = ev.verdictOf(capability);
    // The network cell judges hosts: those an effect names are checked below one by one. One that names none
    // (git fetch from the configured remote, a cloud storage copy) is judged by its risk, as low.
    const judgedByHost = capability === 'network' && role !== 'deny';
    if (role !== 'allow' && !judgedByHost)
      ev.fire(ev.roleRule(capability), role, `${reason} (${ev.roleNote(capability)})`, REFS.role);
  }
  for (const p of effect.paths) {
    ev.checkPath(p, accessOf(capability), effect.id === 'write-new-key');
    // Under home, a write outside the project can plant what runs later (~/.local/bin/ls on PATH). Elsewhere a
    // shell write is a copy to a place of the user's choosing (rsync /src/ /dest/); system paths are high anyway.
    if (capability === 'write' && isInside(p, ev.env.home)) ev.checkBoundary(p, 'write');
    if (capability === 'network') ev.checkCovers(p, `${reason}: sends`, ev.verdictOf('credentials'));
  }
  let reachesOut = false;
  for (const url of effect.urls) {
    const standing = ev.checkUrl(url, reason);
    if (standing === 'unknown' || (standing === 'allowed' && risk !== 'harmless')) reachesOut = true;
  }
  if (leavesProject(ev, effect, reachesOut)) ev.sideEffects.push(reason);
}

/**
 * What taint escalates: effects that reach past the project (network, secrets, pushes, installs, other places
 * on disk, anything high). Edits inside the project stay the agent's everyday work after reading a web page.
 */
function leavesProject(ev: Evaluation, effect: ShellEffect, reachesOut: boolean): boolean {
  if (reachesOut || TAINT_CAPABILITIES.has(effect.capability)) return true;
  if (effect.risk === 'high' || effect.risk === 'critical') return true;
  if (effect.capability === 'exec') return effect.risk !== 'harmless';
  return effect.paths.some((p) => !isInside(p, ev.env.project) && !ev.isScratch(p));
}

function evaluateShell(ev: Evaluation): void {
  const { action, env } = ev;
  const command = action.command ?? '';
  const shown = excerpt(command);
  if (ev.policy.cells.exec === 'deny') {
    ev.fire(ev.roleRule('exec'), 'deny', `runs \`${shown}\` (${ev.roleNote('exec')})`, REFS.role);
  }
  if (!env.shell) {
    ev.fire(
      'shell/analyzer-unavailable',
      'ask',
      `runs \`${shown}\`, which the guard could not analyse`,
      REFS.shell,
    );
    ev.sideEffects.push(`runs \`${shown}\``);
    return;
  }
  let analysis: ShellAnalysis;
  try {
    analysis = env.shell.analyze(command, { cwd: action.cwd, home: env.home, project: env.project });
  } catch (err) {
    const why = excerpt(err instanceof Error ? err.message : String(err), 80);
    ev.fire(
      'shell/analyzer-error',
      'ask',
      `runs \`${shown}\`, which the guard failed to analyse (${why})`,
      REFS.shell,
    );
    ev.sideEffects.push(`runs \`${shown}\``);
    return;
  }
  ev.analysis = analysis;
  if (analysis.parseError) {
    ev.fire(
      'shell/parse-error',
      'ask',
      `runs \`${shown}\`, which the guard could not parse (${excerpt(analysis.parseError, 80)})`,
      REFS.shell,
    );
    ev.sideEffects.push(`runs \`${shown}\``);
  }
  if (analysis.dynamic) {
    ev.fire(
      'shell/dynamic-command',
      'ask',
      `runs \`${shown}\`, whose command name is only known at run time`,
      REFS.shell,
    );
    ev.sideEffects.push(`runs \`${shown}\``);
  }
  checkCommands(ev, analysis.commands);
  for (const effect of analysis.effects) evaluateEffect(ev, effect);
  ev.fire(
    ev.roleRule('exec'),
    ev.policy.cells.exec === 'deny' ? 'deny' : 'allow',
    `runs \`${shown}\``,
    REFS.role,
  );
}

function evaluate(action: Action, env: DecisionEnv): Evaluation {
  const ev = new Evaluation(action, env);
  const { kind, tool } = action;
  if (kind === 'exec' && action.command !== undefined) evaluateShell(ev);
  else if (kind === 'read' || kind === 'search') evaluateFiles(ev, 'read');
  else if (kind === 'write' || kind === 'delete') evaluateFiles(ev, kind);
  else if (kind === 'network') evaluateWeb(ev);
  else if (kind === 'mcp') evaluateMcp(ev);
  else if (kind === 'agent')
    ev.fire('tool/subagent', 'allow', `starts a subagent, whose own tool calls are guarded`, REFS.tool);
  else if (kind === 'internal')
    ev.fire('tool/internal', 'allow', `${tool} only changes the conversation`, REFS.tool);
  else ev.fire('tool/unknown', 'ask', `uses ${tool}, a tool the guard has no rule for`, REFS.tool);

  if (env.session.tainted && ev.sideEffects.length > 0) {
    const sources = env.session.taintSources.join(', ') || 'an earlier tool result';
    ev.fire(
      'taint/side-effect',
      'ask',
      `this session read untrusted content (${sources}) and now ${ev.sideEffects[0]}`,
      REFS.taint,
    );
  }
  return ev;
}

const MAX_REASON = 600;

function conclude(fired: FiredRule[]): Decision {
  let winner: FiredRule | undefined;
  for (const rule of fired)
    if (!winner || VERDICT_RANK[rule.verdict] > VERDICT_RANK[winner.verdict]) winner = rule;
  if (!winner)
    return { verdict: 'ask', ruleId: 'policy/no-rule', reason: 'no rule decided this action', seedRefs: [] };
  const verdict = winner.verdict;
  // Everything at stake belongs in one ask: list the other reasons that led to the same verdict.
  const reasons = [winner.reason];
  if (verdict !== 'allow') {
    for (const rule of fired) {
      // One thing said once: "sends secrets … (a)" and "sends secrets … (b)" are the same news.
      const head = headOf(rule.reason);
      if (rule.verdict === verdict && !reasons.some((r) => headOf(r) === head) && reasons.length < 4)
        reasons.push(rule.reason);
    }
  }
  let reason = reasons.join('; also ');
  if (reason.length > MAX_REASON) reason = `${reason.slice(0, MAX_REASON - 3)}...`;
  return { verdict, ruleId: winner.ruleId, reason: redactReason(reason), seedRefs: winner.seedRefs };
}

/** The words a reason leads with, up to its first detail: "sends secrets over the network". */
function headOf(reason: string): string {
  return (reason.split(/[(:;]/)[0] ?? reason).trim();
}

/** Masks secrets in a reason, but not inside the paths it names: a path is where, never what. */
function redactReason(reason: string): string {
  let out = '';
  let last = 0;
  for (const m of reason.matchAll(PATH_IN_TEXT)) {
    out += redactText(reason.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + redactText(reason.slice(last));
}

/** Allow, ask or deny one action. Pure and synchronous: every input is in `action` and `env`. */
export function decide(action: Action, env: DecisionEnv): Decision {
  return conclude(evaluate(action, env).fired);
}

/** The decision with every rule that fired and the shell analysis behind it, for `guard explain`. */
export function explainDecision(action: Action, env: DecisionEnv): DecisionExplanation {
  const ev = evaluate(action, env);
  const rulesFired = ev.fired.map((r) => ({ ...r, reason: redactReason(r.reason) }));
  return {
    decision: conclude(ev.fired),
    ...(ev.analysis ? { analysis: ev.analysis } : {}),
    rulesFired,
  };
}
