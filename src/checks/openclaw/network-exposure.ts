import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { at, gatewayExposed, HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';

export default defineCheck({
  id: 'openclaw/network-exposure',
  severity: 'medium',
  seedRefs: ['CS-2', 'DA-3'],
  title: 'OpenClaw trusts spoofable client IPs or advertises the host on the network',
  docs: {
    why:
      'gateway.allowRealIpFallback trusts an X-Real-IP header when a proxy omits X-Forwarded-For: a client ' +
      'that forges it looks local and skips local-only checks. discovery.mdns.mode "full" broadcasts the CLI ' +
      'path and SSH port to everyone on the local network, which tells an attacker where to go next.',
    fix: 'Remove gateway.allowRealIpFallback (false is the default) and set discovery.mdns.mode to "minimal" or "off".',
  },
  examples: {
    bad: [
      {
        name: 'real-IP fallback and full mDNS',
        ...openclawHome(
          "{ gateway: { allowRealIpFallback: true }, discovery: { mdns: { mode: 'full' } } }\n",
        ),
      },
    ],
    good: [{ name: 'hardened', ...openclawHome(HARDENED_CONFIG) }],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const exposed = gatewayExposed(cfg);
    const findings: RawFinding[] = [];
    if (cfg.get(['gateway', 'allowRealIpFallback']) === true)
      findings.push({
        message:
          'gateway.allowRealIpFallback is true: a forged X-Real-IP header can make a remote client look local.',
        ...at(cfg, ['gateway', 'allowRealIpFallback']),
        evidence: 'allowRealIpFallback: true',
        severity: exposed ? 'high' : 'medium',
      });
    if (cfg.get(['discovery', 'mdns', 'mode']) === 'full')
      findings.push({
        message:
          'discovery.mdns.mode is "full": the CLI path and SSH port are broadcast to the local network.',
        ...at(cfg, ['discovery', 'mdns', 'mode']),
        evidence: 'mdns.mode: "full"',
        severity: exposed ? 'high' : 'medium',
      });
    return findings;
  },
});
