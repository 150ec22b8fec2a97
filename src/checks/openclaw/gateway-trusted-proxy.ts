import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { at, gatewayExposed, HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';

const PROXY = ['gateway', 'auth', 'trustedProxy'];
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export default defineCheck({
  id: 'openclaw/gateway-trusted-proxy',
  severity: 'high',
  seedRefs: ['OC-M5', 'CS-2', 'OC-H2'],
  frameworks: ['OWASP-LLM06'],
  title: "The OpenClaw gateway trusts a reverse proxy's word for who is calling",
  docs: {
    why:
      'With gateway.auth.mode "trusted-proxy" the gateway asks no token: whoever connects from an address in ' +
      'gateway.trustedProxies and names a user in the configured header is that user. That is only safe when the ' +
      'gateway port is reachable by the proxy alone, the proxy authenticates users, only the users you list are ' +
      'accepted, and local processes cannot pose as the proxy. Device auto-approval hands out operator devices, ' +
      'with full admin when its scopes say so, to anyone the proxy lets through.',
    fix:
      'Keep gateway.bind "loopback" (or a firewall that admits only the proxy), list the proxy\'s addresses in ' +
      'gateway.trustedProxies, set gateway.auth.trustedProxy.userHeader and allowUsers, leave allowLoopback and ' +
      'deviceAutoApprove off; or use auth.mode "token".',
  },
  examples: {
    bad: [
      {
        name: 'trusted proxy on every interface, no allowlist, auto-approved admin devices',
        ...openclawHome(
          "{ gateway: { bind: 'lan', trustedProxies: ['10.0.0.2'], auth: { mode: 'trusted-proxy', trustedProxy: { userHeader: 'x-forwarded-user', deviceAutoApprove: { enabled: true, scopes: ['operator.admin'] } } } } }\n",
        ),
      },
      {
        name: 'loopback proxies allowed',
        ...openclawHome(
          "{ gateway: { trustedProxies: ['127.0.0.1'], auth: { mode: 'trusted-proxy', trustedProxy: { userHeader: 'x-user', allowUsers: ['me@example.com'], allowLoopback: true } } } }\n",
        ),
      },
    ],
    good: [
      { name: 'token auth (hardened)', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'proxy on loopback with users listed',
        ...openclawHome(
          "{ gateway: { trustedProxies: ['10.0.0.2'], auth: { mode: 'trusted-proxy', trustedProxy: { userHeader: 'x-user', allowUsers: ['me@example.com'] } } } }\n",
        ),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (cfg?.get(['gateway', 'auth', 'mode']) !== 'trusted-proxy') return [];
    const findings: RawFinding[] = [];
    const exposed = gatewayExposed(cfg);
    if (exposed)
      findings.push({
        message:
          'gateway.auth.mode is "trusted-proxy" and the gateway listens beyond loopback: any host that can reach the port from an address in gateway.trustedProxies, or spoof one, can name itself any user.',
        ...at(cfg, ['gateway', 'bind']),
        fix: 'Set gateway.bind "loopback" and run the proxy on this machine, or firewall the port so that only the proxy reaches it.',
      });
    if (list(cfg.get(['gateway', 'trustedProxies'])).length === 0)
      findings.push({
        message:
          'gateway.auth.mode is "trusted-proxy" but gateway.trustedProxies is empty: every request is rejected (fail closed), and the usual "fix" is to list too much.',
        ...at(cfg, ['gateway', 'auth', 'mode']),
        severity: 'low',
        fix: "List only your proxy's addresses in gateway.trustedProxies.",
      });
    const proxy = (k: string) => cfg.get([...PROXY, k]);
    if (typeof proxy('userHeader') !== 'string' || proxy('userHeader') === '')
      findings.push({
        message:
          'gateway.auth.trustedProxy.userHeader is not set: the gateway cannot tell which user the proxy authenticated.',
        ...at(cfg, [...PROXY, 'userHeader']),
        severity: 'medium',
        fix: 'Set gateway.auth.trustedProxy.userHeader to the header your proxy sets (e.g. "x-forwarded-user").',
      });
    if (list(proxy('allowUsers')).length === 0)
      findings.push({
        message:
          'gateway.auth.trustedProxy.allowUsers is empty: every user your proxy authenticates (a whole company or Google domain) can drive the agent.',
        ...at(cfg, [...PROXY, 'allowUsers']),
        severity: exposed ? 'high' : 'medium',
        fix: 'List the users allowed to drive the agent in gateway.auth.trustedProxy.allowUsers.',
      });
    if (proxy('allowLoopback') === true)
      findings.push({
        message:
          'gateway.auth.trustedProxy.allowLoopback is true: a request from this machine counts as the proxy, so any local process can set the user header and act as any user.',
        ...at(cfg, [...PROXY, 'allowLoopback']),
        severity: 'medium',
        fix: 'Remove allowLoopback unless the proxy runs on this machine and nothing else local is untrusted.',
      });
    if (cfg.get([...PROXY, 'deviceAutoApprove', 'enabled']) === true) {
      const scopes = list(cfg.get([...PROXY, 'deviceAutoApprove', 'scopes']));
      const admin = scopes.some((s) => typeof s === 'string' && s.trim() === 'operator.admin');
      findings.push({
        message: admin
          ? 'gateway.auth.trustedProxy.deviceAutoApprove gives every proxy-authenticated user a new operator device with operator.admin, without pairing.'
          : 'gateway.auth.trustedProxy.deviceAutoApprove pairs a new operator device for every proxy-authenticated user without asking you.',
        ...at(cfg, [...PROXY, 'deviceAutoApprove']),
        severity: admin ? 'high' : 'medium',
        fix: 'Turn deviceAutoApprove off and approve operator devices yourself (`openclaw devices`); never auto-approve operator.admin.',
      });
    }
    return findings;
  },
});
