import * as path from 'node:path';
import { type Check, defineCheck } from '../../core/check.js';
import type { FindingItem, RawFinding } from '../../core/finding.js';
import { checkFindings } from '../../core/run-audit.js';
import { type Severity, severityRank } from '../../core/severity.js';
import { loadClaudeSettings, type SettingsScope, scopeLabel } from '../../discover/claude-settings.js';
import broadAllowRule from './broad-allow-rule.js';
import bypassPermissions from './bypass-permissions.js';
import dangerousCommandsNotDenied from './dangerous-commands-not-denied.js';
import enforcementHook from './enforcement-hook.js';
import projectMcpAutoapprove from './project-mcp-autoapprove.js';
import sandboxDisabled from './sandbox-disabled.js';
import sensitivePathsUnprotected from './sensitive-paths-unprotected.js';
import transcriptRetention from './transcript-retention.js';

/** Checks whose generic advice (findings marked baseline) is reported here, one finding per settings scope. */
const BASELINE_CHECKS: Check[] = [
  enforcementHook,
  bypassPermissions,
  dangerousCommandsNotDenied,
  sensitivePathsUnprotected,
  sandboxDisabled,
  transcriptRetention,
];

/** Items whose absence alone still deserves medium: nothing can refuse a call, or anything can skip prompts. */
const WEIGHTY = new Set([enforcementHook.id, bypassPermissions.id]);

/** What makes the missing baseline urgent on this machine: each reason with where it is. */
async function urgentReasons(ctx: Parameters<Check['run']>[0]): Promise<string[]> {
  const settings = loadClaudeSettings(ctx);
  const reasons: string[] = [];
  const mode = settings.get(['permissions', 'defaultMode']);
  if (mode?.value === 'bypassPermissions') reasons.push(`bypass mode is in use (${mode.file}:${mode.line})`);
  // Broad means high or critical: a whole-server MCP rule (low), WebFetch (medium) or a latent rule in a settings
  // file Claude Code ignores (medium or low) does not make the missing baseline urgent.
  const broad = (await checkFindings(broadAllowRule, ctx)).filter(
    (f) => severityRank(f.severity ?? broadAllowRule.severity) >= severityRank('high'),
  );
  if (broad.length > 0) reasons.push(`${broad.length} broad allow rule(s) (${broadAllowRule.id})`);
  const mcp = await checkFindings(projectMcpAutoapprove, ctx);
  if (mcp.length > 0) reasons.push(`project MCP servers are auto-approved (${projectMcpAutoapprove.id})`);
  return reasons;
}

function toItem(check: Check, raw: RawFinding): FindingItem {
  return {
    checkId: check.id,
    severity: raw.severity ?? check.severity,
    message: raw.message,
    ...(raw.file !== undefined && { file: raw.file }),
    ...(raw.line !== undefined && { line: raw.line }),
    ...(raw.column !== undefined && { column: raw.column }),
    ...(raw.evidence !== undefined && { evidence: raw.evidence }),
    fix: raw.fix ?? check.docs.fix,
    fixable: check.fixable && (raw.fixPlans?.length ?? 0) > 0 && raw.fixRefused === undefined,
  };
}

export default defineCheck({
  id: 'claude/security-baseline',
  severity: 'medium',
  seedRefs: ['CC-H3', 'CC-H5', 'PR-1', 'PR-2', 'PR-3'],
  frameworks: ['OWASP-LLM06'],
  title: 'Claude Code runs without the baseline protections',
  groupsBaseline: true,
  docs: {
    why:
      'A few protections belong on every machine that runs Claude Code: an enforcing PreToolUse hook, bypass ' +
      'mode disabled, deny rules for downloads, .env files and credential directories, the Bash sandbox, and ' +
      'short transcript retention. Their absence is the same advice everywhere, so it is one finding per ' +
      'settings file, listing each missing item with its own fix (the JSON and SARIF reports carry each item ' +
      'with its check id). It is high only when something on this machine makes it urgent: bypass mode in ' +
      'use, broad allow rules, or project MCP servers approved without asking; otherwise medium, or low when ' +
      'only the deny rules, sandbox or retention are missing.',
    fix: 'Apply the fix of each item (`agentwarden audit --fix` applies those marked --fix), and run `agentwarden guard install`.',
  },
  fixable: true,
  examples: {
    bad: [
      { name: 'a machine with no settings at all', files: {} },
      {
        name: 'missing baseline made urgent by bypass mode',
        files: { '~/.claude/settings.json': '{\n  "permissions": {"defaultMode": "bypassPermissions"}\n}\n' },
      },
    ],
    good: [
      {
        name: 'every baseline protection in user settings',
        files: {
          '~/.claude/settings.json': JSON.stringify(
            {
              permissions: {
                disableBypassPermissionsMode: 'disable',
                deny: [
                  'Bash(curl * > *)',
                  'Bash(wget *)',
                  'Bash(cat .env*)',
                  'Bash(rm -rf *)',
                  'Read(./.env)',
                  'Read(./.env.*)',
                  'Read(~/.ssh/**)',
                  'Read(~/.aws/**)',
                  'Read(~/.config/**)',
                  'Read(~/.gnupg/**)',
                ],
              },
              sandbox: { enabled: true },
              cleanupPeriodDays: 14,
              hooks: {
                PreToolUse: [
                  {
                    matcher: '*',
                    hooks: [
                      { type: 'command', command: 'agentwarden guard hook claude', onFailure: 'block' },
                    ],
                  },
                ],
              },
            },
            null,
            2,
          ),
        },
      },
    ],
  },
  async run(ctx) {
    const settings = loadClaudeSettings(ctx);
    const groups = new Map<string, { items: FindingItem[]; raws: RawFinding[] }>();
    for (const check of BASELINE_CHECKS) {
      for (const raw of await checkFindings(check, ctx)) {
        if (!raw.baseline) continue;
        // Advice that names no file belongs to the user settings, where its fix goes.
        const key = raw.file ?? settings.userFile;
        const group = groups.get(key) ?? { items: [], raws: [] };
        group.items.push(toItem(check, raw));
        group.raws.push(raw);
        groups.set(key, group);
      }
    }
    if (groups.size === 0) return [];
    const urgent = await urgentReasons(ctx);
    return [...groups].map(([file, { items, raws }]) => {
      const loaded = settings.files.find((f) => f.file === file);
      const scope: SettingsScope = loaded?.scope ?? 'user';
      const severity: Severity =
        urgent.length > 0 ? 'high' : items.some((i) => WEIGHTY.has(i.checkId)) ? 'medium' : 'low';
      const shown = file.startsWith(ctx.home + path.sep) ? `~/${path.relative(ctx.home, file)}` : file;
      const where = loaded ? shown : `${shown}, not created yet`;
      return {
        message:
          `${capitalize(scopeLabel(scope))} (${where}) lack ${items.length} baseline protection(s): ` +
          `${items.map((i) => headline(i.message)).join('; ')}.` +
          (urgent.length > 0 ? ` Urgent here because ${urgent.join(', ')}.` : ''),
        ...(loaded && { file }),
        ...(loaded && { line: items.find((i) => i.file === file && i.line !== undefined)?.line }),
        severity,
        items,
        fixPlans: raws.flatMap((r) => r.fixPlans ?? []),
        ...(refusedGroup(raws) && { fixRefused: refusedGroup(raws) }),
      };
    });
  },
});

/** Why --fix leaves the whole group alone: every item with a fix plan has it refused (see gateFixes). */
function refusedGroup(raws: RawFinding[]): string | undefined {
  const planned = raws.filter((r) => (r.fixPlans?.length ?? 0) > 0);
  if (planned.length === 0 || planned.some((r) => r.fixRefused === undefined)) return undefined;
  return [...new Set(planned.map((r) => r.fixRefused))].join(' ');
}

/** The first sentence of an item's message, for the one-line summary. */
function headline(message: string): string {
  return message.split(/(?<=[.:])\s/)[0]?.replace(/[.:]$/, '') ?? message;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
