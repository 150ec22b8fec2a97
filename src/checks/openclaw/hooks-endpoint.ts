import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { resolveSecret } from '../../discover/openclaw.js';
import { at, gatewayExposed, HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';

export default defineCheck({
  id: 'openclaw/hooks-endpoint',
  severity: 'high',
  seedRefs: ['OC-M5', 'OC-H6', 'CS-7'],
  frameworks: ['OWASP-LLM01'],
  title: 'The OpenClaw webhook endpoint is weakly protected',
  docs: {
    why:
      'hooks.* exposes an HTTP endpoint that starts agent runs from outside (mail, CI, forms). Without its ' +
      'own long token, with the gateway token reused (a leaked webhook URL then leaks the root password), ' +
      'mounted at "/" (shadowing the gateway\'s own routes), or letting callers choose the session key or the agent, an ' +
      'outsider can inject instructions into any session.',
    fix:
      'Give hooks its own random token (32+ chars, from the environment), a dedicated path such as "/hooks", ' +
      'a defaultSessionKey, an allowedAgentIds list, and keep allowRequestSessionKey off (or restrict ' +
      'allowedSessionKeyPrefixes).',
  },
  examples: {
    bad: [
      {
        name: 'hooks reuse the gateway token at /',
        ...openclawHome(
          "{ gateway: { auth: { mode: 'token', token: 'Zq8Lm3Xv7Pk2Rw9Tn4Hb6Jc1Fd5Gs0Ya' } }, hooks: { enabled: true, path: '/', token: 'Zq8Lm3Xv7Pk2Rw9Tn4Hb6Jc1Fd5Gs0Ya' } }\n",
        ),
      },
      { name: 'hooks without a token', ...openclawHome('{ hooks: { enabled: true } }\n') },
    ],
    good: [
      { name: 'hooks off (hardened)', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'a hooks block without enabled: true is not served',
        ...openclawHome("{ hooks: { path: '/', token: 'short' } }\n"),
      },
      {
        name: 'own token from env, own path, fixed session',
        ...openclawHome(
          "{ hooks: { enabled: true, path: '/hooks', token: '${OPENCLAW_HOOKS_TOKEN}', defaultSessionKey: 'hook:inbox', allowedAgentIds: ['hooks'] } }\n",
          {},
          { env: { OPENCLAW_HOOKS_TOKEN: 'c0ffee5eed4b1d9a7e3f2c8b6a4d0e9f' } },
        ),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    const hooks = cfg?.get(['hooks']);
    // OpenClaw serves hooks only with `enabled: true` (hooks.ts); a hooks block without it is inert.
    if (!cfg || hooks === undefined || cfg.get(['hooks', 'enabled']) !== true) return [];
    const findings: RawFinding[] = [];
    const remote = gatewayExposed(cfg);
    const token = resolveSecret(ctx, cfg, cfg.get(['hooks', 'token']));
    const gatewayToken = resolveSecret(ctx, cfg, cfg.get(['gateway', 'auth', 'token']));
    const value = 'value' in token ? token.value : undefined;
    const gwValue =
      ctx.env.OPENCLAW_GATEWAY_TOKEN ?? ('value' in gatewayToken ? gatewayToken.value : undefined);
    if (token.kind === 'absent')
      findings.push({
        message:
          'hooks are enabled without hooks.token: anyone who reaches the endpoint can start agent runs.',
        ...at(cfg, ['hooks']),
        severity: remote ? 'critical' : 'high',
      });
    else if (value !== undefined && gwValue !== undefined && value === gwValue)
      findings.push({
        message:
          "hooks.token is the gateway token: whoever holds a webhook URL holds the gateway's root password.",
        ...at(cfg, ['hooks', 'token']),
        severity: 'critical',
        fix: 'Generate a separate token for hooks (`openssl rand -hex 32`) and rotate the gateway token.',
      });
    else if (value !== undefined && value.length < 24)
      findings.push({
        message: `hooks.token is only ${value.length} characters.`,
        ...at(cfg, ['hooks', 'token']),
        severity: 'medium',
      });
    if (cfg.get(['hooks', 'path']) === '/')
      findings.push({
        message: 'hooks.path is "/": the webhook handler sits at the root of the gateway\'s HTTP server.',
        ...at(cfg, ['hooks', 'path']),
        evidence: 'path: "/"',
        severity: 'high',
        fix: 'Set hooks.path to a dedicated path such as "/hooks".',
      });
    if (cfg.get(['hooks', 'allowRequestSessionKey']) === true) {
      const prefixes = cfg.get(['hooks', 'allowedSessionKeyPrefixes']);
      findings.push({
        message: `hooks.allowRequestSessionKey is true${Array.isArray(prefixes) && prefixes.length > 0 ? '' : ' with no allowedSessionKeyPrefixes'}: a webhook caller can write into any session, including your main one.`,
        ...at(cfg, ['hooks', 'allowRequestSessionKey']),
        severity: remote ? 'high' : 'medium',
        fix: 'Remove hooks.allowRequestSessionKey, or restrict it with hooks.allowedSessionKeyPrefixes.',
      });
    }
    const agents = cfg.get(['hooks', 'allowedAgentIds']);
    if (!Array.isArray(agents) || agents.includes('*'))
      findings.push({
        message: `hooks.allowedAgentIds is ${Array.isArray(agents) ? 'a wildcard' : 'not set'}: a webhook caller can route a run to any configured agent, including the default one with all its tools.`,
        ...at(cfg, Array.isArray(agents) ? ['hooks', 'allowedAgentIds'] : ['hooks']),
        severity: remote ? 'high' : 'medium',
        fix: 'Set hooks.allowedAgentIds to the agents hooks may start (e.g. ["hooks"]), or [] to deny agent routing.',
      });
    if (typeof cfg.get(['hooks', 'defaultSessionKey']) !== 'string')
      findings.push({
        message:
          'hooks.defaultSessionKey is not set: each hook run without a session key gets a new generated session, so hook ingress is not confined to one known session.',
        ...at(cfg, ['hooks']),
        severity: 'low',
        fix: 'Set hooks.defaultSessionKey (e.g. "hook:ingress").',
      });
    return findings;
  },
});
