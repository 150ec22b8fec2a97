import { isGuardHookCommand } from '../../adapters/claude-code/settings-edit.js';
import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { redactText } from '../../core/redact.js';
import {
  type HookDefinition,
  hookMatcherMatches,
  hookMatcherProblem,
  loadClaudeSettings,
} from '../../discover/claude-settings.js';
import { strictJsonFix } from './_strict-fix.js';

/** The tools an enforcement hook must see: shell, writes and reads. */
const GUARDED_TOOLS: readonly string[] = ['Bash', 'Write', 'Edit', 'Read'];

/** Hook types whose failure Claude Code can treat as a block (onFailure applies to them). */
const BLOCKING_TYPES = new Set(['command', 'http', 'mcp_tool']);

export function isAgentwardenGuard(hook: HookDefinition): boolean {
  const text = [
    hook.command ?? '',
    ...(Array.isArray(hook.hook.args) ? hook.hook.args.map(String) : []),
  ].join(' ');
  return isGuardHookCommand(text) || (/agentwarden/.test(text) && /guard\s+hook\s+claude/.test(text));
}

/** Why a PreToolUse hook would let a tool call through when it fails, or '' when it fails closed. */
export function failOpenReasons(hook: HookDefinition): string[] {
  const reasons: string[] = [];
  if (!BLOCKING_TYPES.has(hook.type)) reasons.push(`a "${hook.type}" hook cannot fail closed`);
  if (hook.hook.async === true || hook.hook.asyncRewake === true)
    reasons.push('"async": true, so nothing waits for its answer');
  if (hook.hook.onFailure !== 'block')
    reasons.push('no "onFailure": "block", so a crash, timeout or missing script lets the call through');
  if (typeof hook.hook.if === 'string') reasons.push(`"if": "${hook.hook.if}" limits it to some calls`);
  return reasons;
}

/** Words that say a hook decides whether a call may run. */
const CONTROL_WORDS =
  /guard|secur|polic|protect|safe|block|deny|permission|approv|validat|firewall|sandbox|danger|allowlist|blocklist/i;
/**
 * Hooks that accompany a call rather than judge it: sounds, desktop notifications, formatters, linters,
 * loggers and telemetry. Their failing open lets nothing through that they would have stopped.
 */
const COMPANION_WORDS =
  /\b(?:afplay|paplay|aplay|say|beep|sound|notify|notify-send|notification|terminal-notifier|osascript|tts|prettier|eslint|biome|black|ruff|gofmt|rustfmt|fmt|format|formatter|lint|log|logger|logging|telemetry|analytics|metrics|otel|statusline|tmux|echo|tee|date)\b/i;

function hookText(hook: HookDefinition): string {
  return [hook.command ?? '', ...(Array.isArray(hook.hook.args) ? hook.hook.args.map(String) : [])].join(' ');
}

/**
 * Whether a PreToolUse hook acts as a security control, so that its failing open matters: the agentwarden
 * guard, a hook whose command says it guards, or the one hook there is when nothing marks it as a companion.
 */
export function actsAsControl(hook: HookDefinition, all: readonly HookDefinition[]): boolean {
  if (isAgentwardenGuard(hook)) return true;
  const text = hookText(hook);
  if (CONTROL_WORDS.test(text)) return true;
  if (COMPANION_WORDS.test(text) || hook.hook.async === true) return false;
  return all.filter((h) => !COMPANION_WORDS.test(hookText(h))).length === 1;
}

function coveredTools(hook: HookDefinition): string[] {
  return GUARDED_TOOLS.filter((t) => hookMatcherMatches(hook.matcher, t));
}

function describe(hook: HookDefinition): string {
  const what = hook.command ?? (typeof hook.hook.url === 'string' ? hook.hook.url : hook.type);
  // Mask before cutting: a cut token is too short for the detector to recognise.
  return redactText(what).slice(0, 160);
}

export default defineCheck({
  id: 'claude/enforcement-hook',
  severity: 'high',
  seedRefs: ['CC-H3'],
  frameworks: ['OWASP-LLM06', 'SAIF'],
  title: 'No fail-closed PreToolUse hook enforces policy on Bash, Write, Edit and Read',
  // Only a guard in a file Claude Code ignores is fixed here: by rewriting that file as strict JSON.
  fixable: true,
  docs: {
    why:
      'CLAUDE.md and deny rules only suggest; a PreToolUse hook is the one place that can refuse a tool call. ' +
      'It must see Bash, Write, Edit and Read (empty or "*" matcher, or a list naming them), and it must fail ' +
      'closed: Claude Code lets the call through when a hook crashes, times out or is missing, unless the hook ' +
      'has "onFailure": "block", and it never waits for async hooks.',
    fix:
      'Run `agentwarden guard install`, or add a PreToolUse hook with "matcher": "*" (or "Bash|Write|Edit|Read") ' +
      'of type command with "onFailure": "block" and without "async".',
  },
  examples: {
    bad: [
      { name: 'no hooks at all', files: {} },
      {
        name: 'guard that fails open and misses Read',
        files: {
          '~/.claude/settings.json': JSON.stringify(
            {
              hooks: {
                PreToolUse: [
                  {
                    matcher: 'Bash|Write|Edit',
                    hooks: [{ type: 'command', command: 'agentwarden guard hook claude', timeout: 10 }],
                  },
                ],
              },
            },
            null,
            2,
          ),
        },
      },
      {
        name: 'guard switched off by disableAllHooks in the project',
        files: {
          '~/.claude/settings.json':
            '{"hooks": {"PreToolUse": [{"matcher": "*", "hooks": [{"type": "command", "command": "agentwarden guard hook claude", "onFailure": "block"}]}]}}',
          '.claude/settings.json': '{"disableAllHooks": true}',
        },
      },
    ],
    good: [
      {
        name: 'agentwarden guard on every tool, fail-closed',
        files: {
          '~/.claude/settings.json':
            '{"hooks": {"PreToolUse": [{"matcher": "*", "hooks": [{"type": "command", "command": "agentwarden guard hook claude", "timeout": 10, "onFailure": "block"}]}]}}',
        },
      },
      {
        name: 'managed guard with a tool list, Task alias irrelevant',
        files: {
          '/etc/claude-code/managed-settings.json':
            '{"hooks": {"PreToolUse": [{"matcher": "Bash, Read, Write, Edit, Task", "hooks": [{"type": "command", "command": "/opt/guard/bin/guard", "onFailure": "block"}]}]}}',
        },
      },
    ],
  },
  run(ctx) {
    const settings = loadClaudeSettings(ctx);
    const findings: RawFinding[] = [];
    const covering = settings.activeHooks.filter(
      (h) => h.event === 'PreToolUse' && coveredTools(h).length > 0,
    );
    // Sound, notification, formatter and telemetry hooks neither enforce nor "fail open".
    const pre = covering.filter((h) => actsAsControl(h, covering));
    const companions = covering.length - pre.length;
    const inactiveGuards = settings.allHooks.filter(
      (h) => h.event === 'PreToolUse' && isAgentwardenGuard(h) && !settings.activeHooks.includes(h),
    );
    const closed = pre.filter((h) => failOpenReasons(h).length === 0);
    const uncovered = GUARDED_TOOLS.filter((t) => !closed.some((h) => hookMatcherMatches(h.matcher, t)));
    if (uncovered.length === 0) return [];
    // A matcher the audit cannot evaluate is credited with no tool; say so, or the user sees only "uncovered".
    for (const hook of settings.activeHooks) {
      const problem = hook.event === 'PreToolUse' ? hookMatcherProblem(hook.matcher) : undefined;
      if (!problem || hook.matcher === undefined) continue;
      findings.push({
        severity: 'medium',
        message:
          `Could not evaluate this PreToolUse hook's matcher (${problem}): Claude Code reads it as a regular ` +
          'expression, and the audit counts it as selecting no tool.',
        file: hook.file,
        line: hook.line,
        evidence: redactText(hook.matcher).slice(0, 160),
        fix: 'Use a plain list of tool names ("Bash|Write|Edit|Read") or "*" as the matcher.',
      });
    }

    for (const guard of inactiveGuards) {
      const ignored = settings.files.find((f) => f.file === guard.file && f.ignoredByClaude);
      const strict = strictJsonFix(ignored);
      findings.push({
        message: ignored
          ? 'The agentwarden guard hook is configured here but Claude Code will not run it: the file holds a ' +
            `comment or trailing comma, and Claude Code ignores a settings file that is not strict JSON.${strict?.note ?? ''}`
          : 'The agentwarden guard hook is configured here but Claude Code will not run it: disableAllHooks or ' +
            'allowManagedHooksOnly switches off hooks from this file.',
        file: guard.file,
        line: guard.line,
        evidence: describe(guard),
        fix: ignored
          ? 'Remove the comments and trailing commas (after reviewing what the file would then switch on).'
          : 'Remove "disableAllHooks": true from the file that sets it, or install the guard in managed settings.',
        ...(strict && { fixPlans: strict.plans }),
        ...(strict?.refused && { fixRefused: strict.refused }),
      });
    }
    const reported = new Set<HookDefinition>();
    for (const hook of pre) {
      const reasons = failOpenReasons(hook);
      const leaves = coveredTools(hook).filter((t) => uncovered.includes(t));
      if (reasons.length === 0 || leaves.length === 0) continue;
      reported.add(hook);
      findings.push({
        message: `PreToolUse hook for ${leaves.join(', ')} fails open: ${reasons.join('; ')}.`,
        file: hook.file,
        line: hook.line,
        evidence: describe(hook),
        fix: 'Give this hook "onFailure": "block", remove "async" and "if", or run `agentwarden guard install`.',
      });
    }
    const unseen = uncovered.filter(
      (t) => !pre.some((h) => reported.has(h) && hookMatcherMatches(h.matcher, t)),
    );
    if (unseen.length > 0) {
      findings.push({
        message:
          pre.length === 0
            ? `No PreToolUse hook ${companions > 0 ? 'enforces policy' : 'runs'} for ${unseen.join(', ')}: nothing can refuse a tool call, and CLAUDE.md or deny rules only suggest.` +
              (companions > 0
                ? ` (${companions} PreToolUse hook(s) here notify, format or log; they are not a control.)`
                : '')
            : `No PreToolUse hook's matcher selects ${unseen.join(', ')}, so those calls are never checked.`,
        ...(settings.files.some((x) => x.file === settings.userFile) && { file: settings.userFile }),
        fix: 'Run `agentwarden guard install` (PreToolUse, matcher "*", "onFailure": "block").',
        ...(pre.length === 0 && { baseline: true as const }),
      });
    }
    return findings;
  },
});
