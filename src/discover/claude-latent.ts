import { hookCommandText, hookRoleOf } from '../adapters/claude-code/settings-edit.js';
import { isRecord } from '../core/document/document.js';

/** Keys whose value, once Claude Code loads the file, can only restrict the agent or change how it looks. */
const INERT_KEYS = new Set([
  '$schema',
  'model',
  'language',
  'theme',
  'outputStyle',
  'verbose',
  'editorMode',
  'viewMode',
  'tui',
  'cleanupPeriodDays',
  'includeCoAuthoredBy',
  'attribution',
  'alwaysThinkingEnabled',
  'effortLevel',
  'showTurnDuration',
  'prefersReducedMotion',
  'terminalProgressBarEnabled',
  'spinnerTipsEnabled',
  'feedbackSurveyRate',
  'autoUpdatesChannel',
  'deniedMcpServers',
  'disabledMcpjsonServers',
  'disableBundledSkills',
  'disableSkillShellExecution',
]);
const INERT_PERMISSIONS = new Set(['deny', 'ask', 'disableBypassPermissionsMode', 'disableAutoMode']);

/** Names for what a key switches on, where the key alone says little. */
const LABELS: Record<string, string> = {
  allow: 'allow rules',
  additionalDirectories: 'additional directories',
  hooks: 'hooks',
  env: 'environment variables',
  enableAllProjectMcpServers: 'project MCP servers',
  enabledMcpjsonServers: 'project MCP servers',
  mcpServers: 'MCP servers',
  enabledPlugins: 'plugins',
  extraKnownMarketplaces: 'plugin marketplaces',
  disableAllHooks: 'disableAllHooks (switches off every hook, guards included)',
};

/** Absent, off or empty: `false` for a flag such as enableAllProjectMcpServers is its default. */
const isEmpty = (v: unknown) =>
  v === undefined ||
  v === null ||
  v === false ||
  (Array.isArray(v) ? v.length === 0 : isRecord(v) && Object.keys(v).length === 0);

/** Hooks that are all agentwarden's own (the guard, the skills lock check): loading them adds protection. */
function onlyGuardHooks(hooks: unknown): boolean {
  if (!isRecord(hooks)) return false;
  const entries = Object.values(hooks).flatMap((groups) =>
    Array.isArray(groups)
      ? groups.flatMap((g) => (isRecord(g) && Array.isArray(g.hooks) ? g.hooks : [g]))
      : [groups],
  );
  return entries.every((h) => isRecord(h) && hookRoleOf(hookCommandText(h)) !== undefined);
}

/**
 * What a Claude Code JSON file that Claude Code ignores (a comment or trailing comma) would switch on once it
 * loads: every non-empty key not known to be inert (agentwarden's own guard hooks are) — allow rules, a permissive mode, hooks, MCP servers,
 * commands it runs, environment, plugins, sandbox exceptions, and keys this list does not know. Making such a
 * file strict JSON is safe only when this is empty.
 */
export function latentGrants(data: Record<string, unknown>): string[] {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(data)) {
    if (INERT_KEYS.has(key) || isEmpty(value) || (key === 'hooks' && onlyGuardHooks(value))) continue;
    if (key === 'permissions' && isRecord(value)) {
      for (const [sub, v] of Object.entries(value)) {
        if (INERT_PERMISSIONS.has(sub) || isEmpty(v)) continue;
        if (sub === 'defaultMode' && (v === 'default' || v === 'plan')) continue;
        out.add(
          sub === 'defaultMode' ? `defaultMode ${JSON.stringify(v)}` : (LABELS[sub] ?? `permissions.${sub}`),
        );
      }
      continue;
    }
    out.add(LABELS[key] ?? key);
  }
  return [...out];
}
