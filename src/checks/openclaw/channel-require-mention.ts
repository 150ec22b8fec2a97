import { defineCheck } from '../../core/check.js';
import { isRecord } from '../../core/document/index.js';
import type { RawFinding } from '../../core/finding.js';
import { at, channelScopes, HARDENED_CONFIG, openclaw, openclawHome, setPlan, show } from './_openclaw.js';

export default defineCheck({
  id: 'openclaw/channel-require-mention',
  severity: 'medium',
  seedRefs: ['OC-H5'],
  frameworks: ['OWASP-LLM01'],
  title: 'The agent acts on group messages that do not mention it',
  docs: {
    why:
      'Without requireMention the agent reads every message in a group as an instruction: a forwarded message, ' +
      'a pasted web page or another bot can trigger tools. The seed requires an explicit @mention in groups. ' +
      "OpenClaw's built-in audit has no check for this.",
    fix: 'Set requireMention: true on every group entry (and on "*"); agentwarden audit --fix does it.',
  },
  fixable: true,
  examples: {
    bad: [
      {
        name: 'group without mention',
        ...openclawHome(
          "{ channels: { telegram: { groupPolicy: 'allowlist', groups: { '-100123': { requireMention: false } } } } }\n",
        ),
      },
    ],
    good: [
      { name: 'mention required (hardened)', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'groups disabled',
        ...openclawHome("{ channels: { telegram: { groupPolicy: 'disabled', groups: { '*': {} } } } }\n"),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = [];
    // Accounts inherit their channel's groups: a group written once is reported once.
    const seen = new Set<string>();
    for (const scope of channelScopes(cfg)) {
      if (scope.get('groupPolicy').value === 'disabled') continue;
      const groups = scope.get('groups');
      if (!isRecord(groups.value) || !groups.path) continue;
      for (const [id, group] of Object.entries(groups.value)) {
        if (!isRecord(group) || group.enabled === false || group.requireMention === true) continue;
        const p = [...groups.path, id, 'requireMention'];
        if (seen.has(show(p))) continue;
        seen.add(show(p));
        findings.push({
          message: `${groups.path.includes('accounts') ? scope.label : scope.channel}: group "${id}" does not require a mention (requireMention is ${group.requireMention === undefined ? 'not set' : String(group.requireMention)}).`,
          ...at(cfg, group.requireMention === undefined ? [...groups.path, id] : p),
          fixPlans: setPlan(cfg, p, true, `set ${show(p)} to true`),
        });
      }
    }
    return findings;
  },
});
