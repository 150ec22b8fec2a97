import { defineCheck } from '../../core/check.js';
import { isRecord } from '../../core/document/index.js';
import type { RawFinding } from '../../core/finding.js';
import { at, HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';

const GRANTS: Record<string, string> = {
  allowConversationAccess: 'reads every conversation (prompts, replies, model input and output)',
  allowPromptInjection: 'can rewrite the system prompt of every run',
};

export default defineCheck({
  id: 'openclaw/plugin-hook-access',
  severity: 'medium',
  seedRefs: ['CS-4', 'CS-7'],
  frameworks: ['OWASP-LLM03'],
  title: 'A plugin may read conversations or rewrite prompts',
  docs: {
    why:
      'plugins.entries.<id>.hooks.allowConversationAccess lets a third-party plugin see every prompt and reply ' +
      '(secrets pasted into chats included); allowPromptInjection lets it change what the model is told. ' +
      'Both are opt-ins that should be granted only to plugins you have read.',
    fix: 'Remove the grant unless the plugin needs it and you trust its code and updates.',
  },
  examples: {
    bad: [
      {
        name: 'conversation access',
        ...openclawHome(
          "{ plugins: { entries: { 'voice-call': { hooks: { allowConversationAccess: true } } } } }\n",
        ),
      },
    ],
    good: [{ name: 'hardened', ...openclawHome(HARDENED_CONFIG) }],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    const entries = cfg?.get(['plugins', 'entries']);
    if (!cfg || !isRecord(entries)) return [];
    const findings: RawFinding[] = [];
    for (const [id, entry] of Object.entries(entries)) {
      if (!isRecord(entry) || entry.enabled === false || !isRecord(entry.hooks)) continue;
      for (const [grant, what] of Object.entries(GRANTS))
        if (entry.hooks[grant] === true)
          findings.push({
            message: `plugin "${id}" has hooks.${grant}: it ${what}.`,
            ...at(cfg, ['plugins', 'entries', id, 'hooks', grant]),
            evidence: `${grant}: true`,
          });
    }
    return findings;
  },
});
