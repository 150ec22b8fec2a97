import { strictJsonViolation } from '../../core/document/jsonc.js';
import type { FixPlan } from '../../core/finding.js';
import { latentGrants } from '../../discover/claude-latent.js';
import type { SettingsFile } from '../../discover/claude-settings.js';

/**
 * A settings file Claude Code ignores for a comment or trailing comma: `--fix` may rewrite it as strict JSON
 * when loading it switches nothing on (deny rules, limits, preferences), never when it would start granting
 * (the fix engine refuses that too). `note` says which, for the finding's message.
 */
export function strictJsonFix(
  file: SettingsFile | undefined,
): { plans: FixPlan[]; note: string } | undefined {
  if (!file?.ignoredByClaude || strictJsonViolation(file.doc.text) === undefined) return undefined;
  const grants = latentGrants(file.data);
  if (grants.length > 0)
    return {
      plans: [],
      note:
        ` --fix leaves it alone: once loaded, its ${grants.join(', ')} would take effect; review them, then ` +
        'remove the comments and trailing commas by hand and rerun `agentwarden audit --fix`.',
    };
  return {
    plans: [
      {
        kind: 'strict-json',
        file: file.file,
        description: 'rewrite as strict JSON (comments and trailing commas removed) so Claude Code loads it',
      },
    ],
    note: ' `agentwarden audit --fix` rewrites it as strict JSON (backup first).',
  };
}
