import type { Check } from '../../core/check.js';

/** Checks on CLAUDE.md, skills, memory, transcripts and credential files (owned by the content work). */
export const claudeContentChecks: Check[] = [];
