import type { Check } from '../../core/check.js';
import { claudeContentChecks } from './_content-checks.js';
import { claudeSettingsChecks } from './_settings-checks.js';
import mcpFilesystemScope from './mcp-filesystem-scope.js';
import pluginMarketplace from './plugin-marketplace.js';
import projectTextInjection from './project-text-injection.js';

export const claudeChecks: Check[] = [
  ...claudeSettingsChecks,
  ...claudeContentChecks,
  projectTextInjection,
  pluginMarketplace,
  mcpFilesystemScope,
];
