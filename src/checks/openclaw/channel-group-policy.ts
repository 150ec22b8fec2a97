import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { at, channelScopes, HARDENED_CONFIG, openclaw, openclawHome, setPlan, show } from './_openclaw.js';

export default defineCheck({
  id: 'openclaw/channel-group-policy',
  severity: 'high',
  seedRefs: ['OC-H5', 'CS-5'],
  frameworks: ['OWASP-LLM01'],
  title: 'Any group can add the agent',
  docs: {
    why:
      'groupPolicy "open" lets the bot answer in any group or server it is added to: every member of those ' +
      'groups, strangers included, can steer the agent. "allowlist" (the default) limits it to the groups you list.',
    fix:
      'Set groupPolicy to "allowlist" (agentwarden audit --fix does it, as `openclaw security audit --fix` does) ' +
      'and list the group ids in groupAllowFrom; until then no group reaches the agent.',
  },
  fixable: true,
  examples: {
    bad: [{ name: 'open groups', ...openclawHome("{ channels: { telegram: { groupPolicy: 'open' } } }\n") }],
    good: [
      { name: 'allowlist (hardened)', ...openclawHome(HARDENED_CONFIG) },
      { name: 'default allowlist', ...openclawHome("{ channels: { discord: { dmPolicy: 'pairing' } } }\n") },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = [];
    // Accounts inherit their channel's setting: a value written once is reported once, for the channel.
    const seen = new Set<string>();
    const once = (p: (string | number)[] | undefined) =>
      !p || (!seen.has(show(p)) && Boolean(seen.add(show(p))));
    for (const scope of channelScopes(cfg)) {
      const gp = scope.get('groupPolicy');
      if (gp.value !== 'open' || !once(gp.path)) continue;
      findings.push({
        message: `${gp.path?.includes('accounts') ? scope.label : gp.path?.[1] === 'defaults' ? 'channels.defaults' : scope.channel}: groupPolicy is "open": the agent answers in any group it is added to.`,
        ...at(cfg, gp.path ?? scope.path),
        evidence: 'groupPolicy: "open"',
        ...(gp.path && {
          fixPlans: setPlan(cfg, gp.path, 'allowlist', `set ${show(gp.path)} to "allowlist"`),
        }),
      });
    }
    return findings;
  },
});
