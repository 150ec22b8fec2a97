import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { resolveSecret } from '../../discover/openclaw.js';
import { at, HARDENED_CONFIG, openclaw, openclawHome, setPlan } from './_openclaw.js';

const EXPOSES: Record<string, string> = {
  lan: 'every network interface (0.0.0.0)',
  auto: 'every interface when loopback is unavailable (it can mean 0.0.0.0)',
  custom: 'the custom host in gateway.customBindHost',
  tailnet: 'the Tailscale interface, to every device on the tailnet',
};

export default defineCheck({
  id: 'openclaw/gateway-exposed',
  severity: 'critical',
  seedRefs: ['CS-2', 'OC-H2', 'DA-3'],
  frameworks: ['OWASP-LLM06'],
  title: 'The OpenClaw gateway listens beyond this machine',
  docs: {
    why:
      'The gateway (port 18789) is a remote shell: whoever talks to it drives an agent with exec, files and ' +
      'every connected channel. The seed binds control planes to 127.0.0.1 only and reaches them through ' +
      'Tailscale Serve or an SSH tunnel. A token does not make a public bind safe (brute force, leaked ' +
      "tokens, Control UI bugs), and OpenClaw's own audit says nothing about a non-loopback bind that has auth. " +
      'Tailscale Funnel publishes the gateway to the whole internet.',
    fix: 'Set gateway.bind to "loopback" (agentwarden audit --fix does it) and reach the gateway through `tailscale serve` or `ssh -L 18789:127.0.0.1:18789`; set gateway.tailscale.mode to "serve" or "off", never "funnel".',
  },
  fixable: true,
  examples: {
    bad: [
      {
        name: 'lan bind with a token',
        ...openclawHome(
          "{ gateway: { bind: 'lan', auth: { mode: 'token', token: 'k7Qm2Xc9Lp4Rt8Vb1Nw6Ks3Hd5Fg0Jz2A' } } }\n",
        ),
      },
      { name: 'tailscale funnel', ...openclawHome("{ gateway: { tailscale: { mode: 'funnel' } } }\n") },
    ],
    good: [
      { name: 'loopback (hardened)', ...openclawHome(HARDENED_CONFIG) },
      { name: 'no bind: loopback is the default', ...openclawHome('{}\n') },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = [];
    const bind = cfg.get(['gateway', 'bind']);
    if (typeof bind === 'string' && bind !== 'loopback') {
      const mode = cfg.get(['gateway', 'auth', 'mode']);
      const secret = resolveSecret(
        ctx,
        cfg,
        cfg.get(['gateway', 'auth', mode === 'password' ? 'password' : 'token']),
      );
      const noAuth = mode === 'none' || (mode !== 'trusted-proxy' && secret.kind === 'absent');
      findings.push({
        message:
          `gateway.bind is "${bind}": the gateway is reachable on ${EXPOSES[bind] ?? `"${bind}"`}` +
          (noAuth
            ? ' and has no auth: anyone who can reach port 18789 runs the agent.'
            : ', protected only by its auth.'),
        ...at(cfg, ['gateway', 'bind']),
        evidence: `bind: "${bind}"`,
        severity: noAuth ? 'critical' : 'high',
        fixPlans: setPlan(cfg, ['gateway', 'bind'], 'loopback', 'set gateway.bind to "loopback"'),
      });
    }
    if (cfg.get(['gateway', 'tailscale', 'mode']) === 'funnel')
      findings.push({
        message: 'gateway.tailscale.mode is "funnel": the gateway is published to the public internet.',
        ...at(cfg, ['gateway', 'tailscale', 'mode']),
        evidence: 'tailscale.mode: "funnel"',
        fix: 'Set gateway.tailscale.mode to "serve" (tailnet only) or "off".',
      });
    return findings;
  },
});
