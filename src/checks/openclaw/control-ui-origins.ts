import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { at, gatewayExposed, HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';

export default defineCheck({
  id: 'openclaw/control-ui-origins',
  severity: 'high',
  seedRefs: ['CS-2', 'OC-H2'],
  frameworks: ['OWASP-LLM06'],
  title: 'The Control UI accepts any browser origin',
  docs: {
    why:
      'The Control UI and WebChat talk to the gateway over a websocket from the browser. allowedOrigins "*" ' +
      'or the Host-header origin fallback let any web page you visit (or a DNS-rebinding page) connect to ' +
      'the gateway from your own browser; disabling device auth removes the pairing step that would still stop it.',
    fix:
      'List the exact origins in gateway.controlUi.allowedOrigins (e.g. "https://control.example.com"), and ' +
      'remove dangerouslyAllowHostHeaderOriginFallback and dangerouslyDisableDeviceAuth.',
  },
  examples: {
    bad: [
      {
        name: 'wildcard origin and host-header fallback',
        ...openclawHome(
          "{ gateway: { controlUi: { allowedOrigins: ['*'], dangerouslyAllowHostHeaderOriginFallback: true } } }\n",
        ),
      },
    ],
    good: [
      { name: 'hardened', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'explicit origins',
        ...openclawHome("{ gateway: { controlUi: { allowedOrigins: ['https://control.example.com'] } } }\n"),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = [];
    const exposed = gatewayExposed(cfg);
    const origins = cfg.get(['gateway', 'controlUi', 'allowedOrigins']);
    if (Array.isArray(origins) && origins.includes('*'))
      findings.push({
        message: `gateway.controlUi.allowedOrigins contains "*": any web page can open a Control UI connection to the gateway${exposed ? ', which is exposed beyond loopback' : ''}.`,
        ...at(cfg, ['gateway', 'controlUi', 'allowedOrigins']),
        evidence: 'allowedOrigins: ["*"]',
        severity: exposed ? 'critical' : 'high',
      });
    for (const flag of ['dangerouslyAllowHostHeaderOriginFallback', 'dangerouslyDisableDeviceAuth'])
      if (cfg.get(['gateway', 'controlUi', flag]) === true)
        findings.push({
          message: `gateway.controlUi.${flag} is true: ${flag.includes('Host') ? 'the Host header decides which origins are trusted, which defeats DNS-rebinding protection' : 'new browsers reach the Control UI without device pairing'}.`,
          ...at(cfg, ['gateway', 'controlUi', flag]),
          evidence: `${flag}: true`,
          severity: exposed ? 'critical' : 'high',
          fix: `Remove gateway.controlUi.${flag}.`,
        });
    return findings;
  },
});
