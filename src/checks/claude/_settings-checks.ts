import type { Check } from '../../core/check.js';

/** Checks on settings, hooks, permissions and MCP configuration (owned by the settings work). */
export const claudeSettingsChecks: Check[] = [];
