import type { Check } from '../../core/check.js';
import { claudeContentChecks } from './_content-checks.js';
import { claudeSettingsChecks } from './_settings-checks.js';
import projectTextInjection from './project-text-injection.js';

export const claudeChecks: Check[] = [...claudeSettingsChecks, ...claudeContentChecks, projectTextInjection];
