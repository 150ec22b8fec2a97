import type { Check } from '../../core/check.js';
import { claudeContentChecks } from './_content-checks.js';
import { claudeSettingsChecks } from './_settings-checks.js';

export const claudeChecks: Check[] = [...claudeSettingsChecks, ...claudeContentChecks];
