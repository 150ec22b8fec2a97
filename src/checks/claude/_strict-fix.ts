import * as path from 'node:path';
import { strictJsonViolation } from '../../core/document/jsonc.js';
import type { FixPlan, RawFinding } from '../../core/finding.js';
import type { ClaudeSettings, SettingsFile } from '../../discover/claude-settings.js';
import { fixRefusal } from '../../fix/plan-edit.js';

/**
 * A settings file Claude Code ignores for a comment or trailing comma: `--fix` rewrites it as strict JSON
 * when loading it switches nothing on (deny rules, limits, preferences), never when it would start granting.
 * The plan is kept either way (the fix summary says what it did or why it refused); `refused` is the fix
 * engine's own reason, and `note` says which, for the finding's message.
 */
export function strictJsonFix(
  file: SettingsFile | undefined,
): { plans: FixPlan[]; note: string; refused?: string } | undefined {
  if (!file?.ignoredByClaude || strictJsonViolation(file.doc.text) === undefined) return undefined;
  const plans: FixPlan[] = [
    {
      kind: 'strict-json',
      file: file.file,
      description: 'rewrite as strict JSON (comments and trailing commas removed) so Claude Code loads it',
    },
  ];
  const refused = fixRefusal(file.file, file.doc.text, [...plans, ...grantRemovingPlans(file)]);
  if (refused) return { plans, refused, note: ` \`agentwarden audit --fix\` leaves it alone: ${refused}.` };
  return { plans, note: ' `agentwarden audit --fix` rewrites it as strict JSON (backup first).' };
}

/**
 * The findings with each one's fix plans checked against what `--fix` will do to their files (the fix
 * engine's own computation on the text the audit read): a finding whose plans will be refused — making a
 * settings file Claude Code ignores strict JSON would switch on its grants, or the file does not load — is
 * marked (reported as not fixable) and its fix text says why. The plans stay, so `--fix` says so as well.
 * Judged per finding, together with the fixes that switch a grant off in the same file (grantRemovingPlans),
 * which `--fix` applies alongside.
 */
export function gateFixes(settings: ClaudeSettings, findings: RawFinding[]): RawFinding[] {
  return findings.map((finding) => {
    const plans = finding.fixPlans ?? [];
    const reasons: string[] = [];
    for (const file of new Set(plans.filter((p) => p.kind !== 'chmod').map((p) => p.file))) {
      const reason = refusalFor(settings, file, plans);
      if (reason) reasons.push(`${path.basename(file)} (${file}): ${reason}`);
    }
    if (reasons.length === 0) return finding;
    const refused = `\`agentwarden audit --fix\` leaves ${reasons.join('; ')}.`;
    return {
      ...finding,
      fixRefused: refused,
      fix: `${finding.fix ?? ''}${finding.fix ? ' ' : ''}${refused}`,
    };
  });
}

/** The plan claude/project-mcp-autoapprove makes for a settings file that auto-approves project MCP servers. */
export function autoapproveOffPlan(file: string): Extract<FixPlan, { kind: 'json-set' }> {
  return {
    kind: 'json-set',
    file,
    path: ['enableAllProjectMcpServers'],
    value: false,
    description: 'stop auto-approving project MCP servers',
  };
}

/**
 * Fixes `--fix` makes to this file whatever finding is fixed, that switch a grant off: applied with every
 * other plan for the file, they can leave nothing latent to refuse for.
 */
function grantRemovingPlans(file: SettingsFile): FixPlan[] {
  return file.scope !== 'managed' && file.data.enableAllProjectMcpServers === true
    ? [autoapproveOffPlan(file.file)]
    : [];
}

function refusalFor(settings: ClaudeSettings, file: string, plans: FixPlan[]): string | undefined {
  const loaded = settings.files.find((f) => f.file === file);
  if (loaded)
    return fixRefusal(file, loaded.doc.text, [
      ...plans.filter((p) => p.file === file),
      ...grantRemovingPlans(loaded),
    ]);
  // A settings file that exists but could not be read or parsed: the fix engine will not edit it either.
  const problem = settings.problems.find((p) => p.file === file);
  return problem ? `${problem.message}; fix that first` : undefined;
}
