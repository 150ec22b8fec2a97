import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { at, channelScopes, HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';

export default defineCheck({
  id: 'openclaw/session-dm-scope',
  severity: 'medium',
  seedRefs: ['CS-5', 'OC-H4'],
  title: 'Several senders share one conversation with the agent',
  docs: {
    why:
      'session.dmScope "main" puts every direct message, from every sender and channel, into the owner\'s main ' +
      "session: one sender reads what another said (and the owner's history), and an injected instruction " +
      'from one persists for all.',
    fix: 'Set session.dmScope to "per-channel-peer" (or "per-account-channel-peer" with several accounts).',
  },
  examples: {
    bad: [
      {
        name: 'main scope with two allowed senders',
        ...openclawHome(
          "{ session: { dmScope: 'main' }, channels: { telegram: { dmPolicy: 'allowlist', allowFrom: ['111', '222'] } } }\n",
        ),
      },
    ],
    good: [
      { name: 'per-channel-peer (hardened)', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'main scope, one sender',
        ...openclawHome(
          "{ session: { dmScope: 'main' }, channels: { telegram: { dmPolicy: 'allowlist', allowFrom: ['111'] } } }\n",
        ),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (cfg?.get(['session', 'dmScope']) !== 'main') return [];
    const scopes = channelScopes(cfg).filter((s) => s.get('dmPolicy').value !== 'disabled');
    let senders = 0;
    let reason = '';
    for (const s of scopes) {
      const dm = s.get('dmPolicy').value ?? 'pairing';
      const allow = s.get('allowFrom').value;
      if (dm === 'open' || dm === 'pairing' || (Array.isArray(allow) && allow.includes('*'))) {
        senders = Infinity;
        reason = `${s.label} accepts new senders (dmPolicy "${String(dm)}")`;
      } else if (Array.isArray(allow)) senders += allow.length;
    }
    if (senders <= 1) return [];
    const finding: RawFinding = {
      message: `session.dmScope is "main" while ${reason || `${senders} senders are allowed`}: their direct messages all land in one shared session.`,
      ...at(cfg, ['session', 'dmScope']),
      evidence: 'dmScope: "main"',
    };
    return [finding];
  },
});
