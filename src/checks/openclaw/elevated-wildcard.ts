import { defineCheck } from '../../core/check.js';
import { isRecord } from '../../core/document/index.js';
import type { RawFinding } from '../../core/finding.js';
import { at, HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';

export default defineCheck({
  id: 'openclaw/elevated-wildcard',
  severity: 'critical',
  seedRefs: ['OC-H6', 'PR-4'],
  frameworks: ['OWASP-LLM06'],
  title: 'Anyone on a channel may use elevated (host) exec',
  docs: {
    why:
      'tools.elevated lets chosen senders run commands on the host even from a sandboxed session. A "*" in ' +
      'tools.elevated.allowFrom.<channel> gives that to every sender on the channel, and a very long list is ' +
      'hard to keep right.',
    fix: 'List only your own sender ids in tools.elevated.allowFrom.<channel>, or disable tools.elevated.',
  },
  examples: {
    bad: [
      {
        name: 'wildcard',
        ...openclawHome("{ tools: { elevated: { enabled: true, allowFrom: { telegram: ['*'] } } } }\n"),
      },
    ],
    good: [
      { name: 'hardened', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'one owner',
        ...openclawHome("{ tools: { elevated: { enabled: true, allowFrom: { telegram: ['123456'] } } } }\n"),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    const allow = cfg?.get(['tools', 'elevated', 'allowFrom']);
    if (!cfg || !isRecord(allow) || cfg.get(['tools', 'elevated', 'enabled']) === false) return [];
    const findings: RawFinding[] = [];
    for (const [provider, list] of Object.entries(allow)) {
      if (!Array.isArray(list)) continue;
      const p = ['tools', 'elevated', 'allowFrom', provider];
      if (list.includes('*'))
        findings.push({
          message: `tools.elevated.allowFrom.${provider} contains "*": every ${provider === '*' ? 'sender on every channel' : `${provider} sender`} can run commands on the host.`,
          ...at(cfg, p),
          evidence: `${provider}: ["*"]`,
        });
      else if (list.length > 25)
        findings.push({
          message: `tools.elevated.allowFrom.${provider} lists ${list.length} senders with host exec.`,
          ...at(cfg, p),
          severity: 'medium',
        });
    }
    return findings;
  },
});
