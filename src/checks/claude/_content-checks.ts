import type { Check } from '../../core/check.js';
import secretInHistory from './secret-in-history.js';
import secretInInstructions from './secret-in-instructions.js';

/** Checks on CLAUDE.md, skills, memory, transcripts and credential files (owned by the content work). */
export const claudeContentChecks: Check[] = [secretInInstructions, secretInHistory];
