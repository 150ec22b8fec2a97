import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { redactText } from '../../core/redact.js';
import { severityRank } from '../../core/severity.js';
import {
  type ClaudeSettings,
  loadClaudeSettings,
  type PermissionList,
  scopeLabel,
  type Traced,
  traceIn,
} from '../../discover/claude-settings.js';
import type { Reach } from '../../scanners/permissions/admitted-commands.js';
import {
  admitsEveryCommand,
  bashRuleReach,
  type RuleReach,
  unboundedReason,
} from '../../scanners/permissions/bash-rule-reach.js';
import { parsePermissionRule, pathPatternMatches } from '../../scanners/permissions/claude-rules.js';
import { powerShellRuleReach } from '../../scanners/permissions/powershell-rule-reach.js';
import { loadShellAnalyzer, type ShellAnalyzer } from '../../scanners/shell/index.js';

/** Bash allow rules whose reach is traced per settings file; a file of accumulated rules can hold 100,000. */
export const MAX_ANALYSED_PER_FILE = 2000;

const REACH_WORDS: Record<Reach, string> = {
  'any-command': 'runs any command',
  code: 'runs arbitrary code',
  credentials: 'prints or reads credentials',
  network: 'sends local files off the machine',
};

/**
 * What a Bash or PowerShell rule pre-approves, from its reach: the one judgement shared by settings allow rules
 * and skill/command `allowed-tools`. `analysed` is false when the rule was skipped (past the per-file cap).
 */
export function shellRuleProblem(
  tool: 'Bash' | 'PowerShell',
  content: string | undefined,
  reach: RuleReach | undefined,
  analysed = true,
): { problem: string; severity: RawFinding['severity'] } | undefined {
  if (reach)
    return {
      severity: reach.severity,
      problem:
        reach.example === undefined
          ? `pre-approves every ${tool === 'Bash' ? 'shell' : 'PowerShell'} command`
          : `admits \`${redactText(reach.example)}\`, which ${REACH_WORDS[reach.reach]}`,
    };
  // Not shown broad, not shown narrow either: said, at low, rather than passed in silence.
  const unbounded = tool === 'Bash' && analysed ? unboundedReason(content) : undefined;
  return unbounded ? { severity: 'low', problem: `cannot be bounded: it ${unbounded}` } : undefined;
}

/** Judges one Bash or PowerShell rule body with the shell analyser (no caching). */
export function judgeShellRule(
  tool: 'Bash' | 'PowerShell',
  content: string | undefined,
  analyzer: ShellAnalyzer,
  where: { cwd: string; home: string; project: string },
): { problem: string; severity: RawFinding['severity'] } | undefined {
  const reach =
    tool === 'Bash' ? bashRuleReach(content, analyzer, where) : powerShellRuleReach(content, analyzer, where);
  return shellRuleProblem(tool, content, reach);
}

/**
 * Rules in settings files Claude Code ignores (a comment or trailing comma): not in force, but live the moment
 * someone fixes the syntax. Each comes with why the file is ignored.
 */
function latentRules(
  settings: ClaudeSettings,
  list: PermissionList,
): { rule: Traced<string>; why: string }[] {
  const managedOnly = settings.files.some(
    (f) => f.scope === 'managed' && !f.ignoredByClaude && f.data.allowManagedPermissionRulesOnly === true,
  );
  const out: { rule: Traced<string>; why: string }[] = [];
  for (const f of settings.files) {
    if (!f.ignoredByClaude) continue;
    if (managedOnly && f.scope !== 'managed' && list !== 'additionalDirectories') continue;
    const perms = f.data.permissions;
    const items = perms && typeof perms === 'object' ? (perms as Record<string, unknown>)[list] : undefined;
    if (!Array.isArray(items)) continue;
    const problem = settings.problems.find((p) => p.file === f.file);
    const why = problem?.line !== undefined ? `a syntax error at line ${problem.line}` : 'a syntax error';
    items.forEach((item, i) => {
      if (typeof item !== 'string') return;
      const t = traceIn(f, ['permissions', list, i]);
      if (t) out.push({ rule: { ...t, value: item }, why });
    });
  }
  return out;
}

/** A latent rule's severity: one it would have in force, lowered (critical and high to medium, others low). */
const latentSeverity = (severity: RawFinding['severity']): RawFinding['severity'] =>
  severity && severityRank(severity) >= severityRank('high') ? 'medium' : 'low';

/** `mcp__*` pre-approves every tool of every MCP server; `mcp__server` / `mcp__server__*` all of one server's. */
function mcpRuleProblem(rule: string): { problem: string; severity: RawFinding['severity'] } | undefined {
  const rest = /^\s*mcp__(\S*)\s*$/.exec(rule)?.[1];
  if (rest === undefined) return undefined;
  const [server = '', tool] = rest.split('__');
  if (server === '' || server.includes('*'))
    return {
      problem: 'pre-approves every tool of every MCP server, including ones added later',
      severity: 'high',
    };
  if (tool !== undefined && tool !== '*') return undefined;
  return {
    problem: `pre-approves every tool of the "${server}" MCP server, including write tools and ones it adds later`,
    severity: 'low',
  };
}

export default defineCheck({
  id: 'claude/broad-allow-rule',
  severity: 'high',
  seedRefs: ['PR-1', 'ON-1'],
  frameworks: ['OWASP-LLM06'],
  title: 'Allow rules pre-approve shell, network or writes outside the project',
  docs: {
    why:
      'An allow rule runs every matching tool call with no prompt. A Bash rule admits every command its pattern ' +
      'matches (`prefix:*`, and `*` anywhere, leading and middle included): "Bash(timeout:*)", "Bash(env:*)" or ' +
      '"Bash(sudo *)" admit any wrapped command, "Bash(find:*)" admits `find . -exec sh -c …`, "Bash(gh:*)" admits ' +
      '`gh auth token`, "Bash(git push:*)" a push to any host, "Bash(uvx:*)" any package. Each rule is judged with ' +
      "the guard's shell analyser and a table of how tools run code, so the finding names the admitted command. " +
      '"mcp__*" pre-approves every MCP tool; "WebFetch" without a domain reaches any site; Write/Edit of /** or ' +
      '~/** and additionalDirectories of ~ or / give the agent your whole home or disk. A rule in a settings file ' +
      'Claude Code ignores (a comment or trailing comma) is not in force but becomes live the moment someone fixes ' +
      'the syntax: it is reported at medium (low for a medium or low rule), saying so. A rule the analysis cannot ' +
      'bound either way — a shell loop (`Bash(for:*)`: its body is shell code), a permission change ' +
      '(`Bash(chmod:*)`) — is reported low, saying why. `docker-compose` is judged as `docker compose`, Git ' +
      "Bash's `cmd //c` as `cmd /c`. Rules for Claude Code's PowerShell tool (Windows) are judged the same way: " +
      '"PowerShell(python -c*)" as "Bash(python -c*)", and the cmdlets and aliases that run code, fetch or read ' +
      '(`iex`, `Start-Process`, `iwr`/`irm` with `-InFile`, `Get-Content`, `gci Env:`) by what they admit.',
    fix:
      'Allow exact commands or a fixed subcommand ("Bash(npm run test:*)", "Bash(git status)", "Bash(git log:*)"), ' +
      'WebFetch by domain ("WebFetch(domain:docs.example.com)"), named MCP tools ("mcp__github__get_issue"), and ' +
      'paths inside the project; move the rest to "ask".',
  },
  examples: {
    bad: [
      {
        name: 'allow everything risky',
        files: {
          '~/.claude/settings.json': JSON.stringify(
            {
              permissions: {
                allow: [
                  'Bash(curl:*)',
                  'WebFetch',
                  'Edit(~/**)',
                  'Bash(python3 *)',
                  'Bash(find:*)',
                  'mcp__*',
                ],
                additionalDirectories: ['~'],
              },
            },
            null,
            2,
          ),
        },
      },
      {
        name: 'bare Bash in local settings',
        files: { '.claude/settings.local.json': '{"permissions": {"allow": ["Bash"]}}' },
      },
      {
        name: 'a latent rule in a settings file Claude Code ignores (trailing comma)',
        files: { '.claude/settings.local.json': '{"permissions": {"allow": ["Bash(xargs:*)",]}}' },
      },
    ],
    good: [
      {
        name: 'narrow allow rules',
        files: {
          '~/.claude/settings.json': JSON.stringify({
            permissions: {
              allow: [
                'Bash(npm run test)',
                'Bash(git status)',
                'Bash(git diff *)',
                'WebFetch(domain:docs.python.org)',
                'Edit(./src/**)',
                'Read',
              ],
              additionalDirectories: ['../shared-lib'],
            },
          }),
        },
      },
    ],
  },
  async run(ctx) {
    const settings = loadClaudeSettings(ctx);
    const findings: RawFinding[] = [];
    const outside = [
      { abs: path.join(ctx.home, '.bashrc'), shown: '~/.bashrc' },
      { abs: '/etc/hosts', shown: '/etc/hosts' },
    ];
    const where = { cwd: ctx.project, home: ctx.home, project: ctx.project };
    let shell: ShellAnalyzer | undefined;
    // The shell analysis of a rule body is the costly part: each distinct body is analysed once, and at most
    // MAX_ANALYSED_PER_FILE bodies per file; the rest are counted and reported, never passed in silence.
    const reaches = new Map<string, RuleReach | undefined>();
    const analysed = new Map<string, number>();
    const notAnalysed = new Map<string, { count: number; first: Traced<string> }>();
    const reachOf = (
      tool: 'Bash' | 'PowerShell',
      content: string | undefined,
      rule: Traced<string>,
      analyzer: ShellAnalyzer,
    ) => {
      const key = `${tool}\0${content ?? ''}`;
      if (reaches.has(key)) return reaches.get(key);
      const done = analysed.get(rule.file) ?? 0;
      if (done >= MAX_ANALYSED_PER_FILE && !admitsEveryCommand(content)) {
        const entry = notAnalysed.get(rule.file);
        if (entry) entry.count++;
        else notAnalysed.set(rule.file, { count: 1, first: rule });
        return undefined;
      }
      analysed.set(rule.file, done + 1);
      const reach =
        tool === 'Bash'
          ? bashRuleReach(content, analyzer, where)
          : powerShellRuleReach(content, analyzer, where);
      reaches.set(key, reach);
      return reach;
    };
    const allow = [
      ...settings.rules('allow').map((rule) => ({ rule, why: undefined as string | undefined })),
      ...latentRules(settings, 'allow'),
    ];
    for (const { rule, why: ignoredBecause } of allow) {
      const mcp = mcpRuleProblem(rule.value);
      const parsed = mcp ? undefined : parsePermissionRule(rule.value);
      if (!mcp && !parsed) continue;
      const roots = {
        home: ctx.home,
        project: ctx.project,
        settingsRoot: rule.scope === 'user' ? settings.configDir : ctx.project,
      };
      let problem = mcp?.problem;
      let severity = mcp?.severity;
      if (parsed?.tool === 'Bash' || parsed?.tool === 'PowerShell') {
        shell ??= await loadShellAnalyzer();
        const reach = reachOf(parsed.tool, parsed.content, rule, shell);
        const judged = shellRuleProblem(
          parsed.tool,
          parsed.content,
          reach,
          reaches.has(`${parsed.tool}\0${parsed.content ?? ''}`),
        );
        if (judged) ({ problem, severity } = judged);
      } else if (parsed?.tool === 'WebFetch') {
        const domain = parsed.content?.startsWith('domain:') ? parsed.content.slice(7) : undefined;
        if (domain === undefined || domain === '*' || domain === '') {
          problem = 'pre-approves fetching any URL (exfiltration and prompt injection in one call)';
          severity = 'medium';
        }
      } else if (parsed && ['Write', 'Edit', 'MultiEdit', 'NotebookEdit'].includes(parsed.tool)) {
        const reached = outside.find((p) => pathPatternMatches(parsed.content, p.abs, roots));
        if (reached) problem = `pre-approves writing outside the project (e.g. ${reached.shown})`;
      }
      if (!problem) continue;
      // Accumulated allow rules often carry whole command lines, tokens included.
      const shown = redactText(rule.value);
      const fix = `Remove "${shown}" from permissions.allow (use exact commands, a domain, or a path inside the project, or move it to "ask")`;
      findings.push({
        message: ignoredBecause
          ? `Allow rule "${shown}" in ${scopeLabel(rule.scope)} is not in force (Claude Code ignores the file for ${ignoredBecause}), but once the syntax is fixed it ${problem}.`
          : `Allow rule "${shown}" in ${scopeLabel(rule.scope)} ${problem}.`,
        file: rule.file,
        line: rule.line,
        column: rule.column,
        evidence: shown,
        ...(ignoredBecause ? { severity: latentSeverity(severity ?? 'high') } : severity && { severity }),
        fix: ignoredBecause ? `${fix} before fixing the file's syntax.` : `${fix}.`,
      });
    }
    for (const { count, first } of notAnalysed.values())
      findings.push({
        message: `${count === 1 ? '1 Bash allow rule' : `${count} Bash allow rules`} in ${scopeLabel(first.scope)} ${count === 1 ? 'was' : 'were'} not analysed: past ${MAX_ANALYSED_PER_FILE} distinct rules in one file the audit stops tracing what each admits, so one of them may pre-approve any command.`,
        file: first.file,
        line: first.line,
        column: first.column,
        severity: 'critical',
        fix: 'Replace the accumulated Bash allow rules with a few exact commands (or move them to "ask").',
      });
    const homeForms = new Set([
      '~',
      '~/',
      '/',
      '//',
      '$HOME',
      ctx.home,
      `${ctx.home}/`,
      `/${ctx.home}`,
      path.dirname(ctx.home),
    ]);
    const dirs = [
      ...settings
        .rules('additionalDirectories')
        .map((rule) => ({ rule, why: undefined as string | undefined })),
      ...latentRules(settings, 'additionalDirectories'),
    ];
    for (const { rule: dir, why: ignoredBecause } of dirs) {
      const v = dir.value.trim();
      if (!homeForms.has(v) && !homeForms.has(v.replace(/\/+$/, ''))) continue;
      const gives = `the whole ${v === '/' || v === '//' ? 'disk' : 'home directory'}, including ~/.ssh and ~/.aws`;
      findings.push({
        message: ignoredBecause
          ? `additionalDirectories in ${scopeLabel(dir.scope)} adds "${dir.value}"; not in force (Claude Code ignores the file for ${ignoredBecause}), but once the syntax is fixed it gives the agent ${gives}.`
          : `additionalDirectories in ${scopeLabel(dir.scope)} adds "${dir.value}", giving the agent ${gives}.`,
        file: dir.file,
        line: dir.line,
        column: dir.column,
        evidence: dir.value,
        ...(ignoredBecause && { severity: latentSeverity('high') }),
        fix: `Replace "${dir.value}" with the specific directories the work needs.`,
      });
    }
    return findings;
  },
});
