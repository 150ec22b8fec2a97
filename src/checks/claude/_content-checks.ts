import type { Check } from '../../core/check.js';
import credentialFilePermissions from './credential-file-permissions.js';
import instructionInjection from './instruction-injection.js';
import instructionsUnreadable from './instructions-unreadable.js';
import malformedFrontmatter from './malformed-frontmatter.js';
import missingSecurityRules from './missing-security-rules.js';
import secretInHistory from './secret-in-history.js';
import secretInInstructions from './secret-in-instructions.js';
import sideEffectSkillModelInvocable from './side-effect-skill-model-invocable.js';
import skillAllowedTools from './skill-allowed-tools.js';

/** Checks on CLAUDE.md, skills, memory, transcripts and credential files (owned by the content work). */
export const claudeContentChecks: Check[] = [
  secretInInstructions,
  secretInHistory,
  sideEffectSkillModelInvocable,
  skillAllowedTools,
  instructionInjection,
  instructionsUnreadable,
  missingSecurityRules,
  credentialFilePermissions,
  malformedFrontmatter,
];
