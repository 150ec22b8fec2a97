import type { Check } from '../../core/check.js';
import broadAllowRule from './broad-allow-rule.js';
import bypassPermissions from './bypass-permissions.js';
import dangerousCommandsNotDenied from './dangerous-commands-not-denied.js';
import enforcementHook from './enforcement-hook.js';
import mcpPlainHttp from './mcp-plain-http.js';
import mcpPlaintextSecret from './mcp-plaintext-secret.js';
import mcpUnpinnedServer from './mcp-unpinned-server.js';
import projectCommandRisk from './project-command-risk.js';
import projectDisablesHooks from './project-disables-hooks.js';
import projectEnvHijack from './project-env-hijack.js';
import projectMcpAutoapprove from './project-mcp-autoapprove.js';
import sandboxDisabled from './sandbox-disabled.js';
import securityBaseline from './security-baseline.js';
import sensitivePathsUnprotected from './sensitive-paths-unprotected.js';
import settingsEnvSecret from './settings-env-secret.js';
import settingsUnreadable from './settings-unreadable.js';
import transcriptRetention from './transcript-retention.js';

/** Checks on settings, hooks, permissions and MCP configuration (owned by the settings work). */
export const claudeSettingsChecks: Check[] = [
  settingsUnreadable,
  bypassPermissions,
  dangerousCommandsNotDenied,
  enforcementHook,
  projectDisablesHooks,
  projectCommandRisk,
  projectEnvHijack,
  projectMcpAutoapprove,
  mcpUnpinnedServer,
  mcpPlainHttp,
  mcpPlaintextSecret,
  transcriptRetention,
  broadAllowRule,
  sensitivePathsUnprotected,
  settingsEnvSecret,
  sandboxDisabled,
  securityBaseline,
];
