import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { agentScopes, at, channelScopes, HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';

export default defineCheck({
  id: 'openclaw/untrusted-full-tools',
  severity: 'high',
  seedRefs: ['OC-H6', 'CS-6', 'PR-4'],
  frameworks: ['OWASP-LLM06'],
  title: 'An agent that reads chat channels has every tool',
  docs: {
    why:
      'tools.profile "full" gives the agent every tool (exec, files, browser, gateway and cron control, ' +
      'sessions). When the same agent reads messages from chat channels, anyone who can message it can try to ' +
      'talk it into using any of them.',
    fix: 'Use tools.profile "messaging" (or "minimal") for agents that read channels, and give "coding"/"full" only to an agent you alone talk to.',
  },
  examples: {
    bad: [
      {
        name: 'full profile with a channel',
        ...openclawHome("{ tools: { profile: 'full' }, channels: { telegram: { dmPolicy: 'pairing' } } }\n"),
      },
    ],
    good: [
      { name: 'messaging profile (hardened)', ...openclawHome(HARDENED_CONFIG) },
      { name: 'full profile, no channels', ...openclawHome("{ tools: { profile: 'full' } }\n") },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const channels = channelScopes(cfg).filter((s) => s.get('dmPolicy').value !== 'disabled');
    if (channels.length === 0) return [];
    const findings: RawFinding[] = [];
    const global = cfg.get(['tools', 'profile']);
    if (global === 'full')
      findings.push({
        message: `tools.profile is "full" while the agent reads ${channels.map((c) => c.label).join(', ')}.`,
        ...at(cfg, ['tools', 'profile']),
        evidence: 'profile: "full"',
      });
    for (const a of agentScopes(cfg)) {
      if (a.id === 'defaults') continue;
      const p = [...a.path, 'tools', 'profile'];
      if (cfg.get(p) === 'full')
        findings.push({
          message: `agent "${a.id}" has tools.profile "full" and channels route to agents.`,
          ...at(cfg, p),
        });
    }
    return findings;
  },
});
