import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { resolveSecret } from '../../discover/openclaw.js';
import { isPlaceholder } from '../../scanners/secrets/placeholders.js';
import { at, gatewayExposed, HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';

/** OpenClaw's own known-weak list plus the values people type when asked for a token. */
const WEAK =
  /^(?:change-?me.*|password\d*|secret\d*|token\d*|admin\d*|openclaw\d*|clawdbot\d*|moltbot\d*|test\d*|12345\d*|qwerty\d*|letmein)$/i;
/** OpenClaw warns below 24 characters. */
const MIN_LENGTH = 24;

export default defineCheck({
  id: 'openclaw/gateway-auth',
  severity: 'critical',
  seedRefs: ['OC-M5', 'CS-7', 'OC-L2'],
  frameworks: ['OWASP-LLM06'],
  title: 'The OpenClaw gateway has no auth, or a weak token',
  docs: {
    why:
      'The gateway token is a root password for the machine: it lets a client run the agent with exec and ' +
      'every channel. auth.mode "none", a missing token, or a short, default or placeholder token ("changeme") ' +
      'can be guessed or is already public. A token set in OPENCLAW_GATEWAY_TOKEN overrides the config, so a ' +
      'forgotten export can silently replace a strong token with a weak one.',
    fix:
      'Use auth.mode "token" with a random token of 32+ characters kept out of the config: ' +
      '`openssl rand -hex 32`, stored in ~/.openclaw/.env (chmod 600) as OPENCLAW_GATEWAY_TOKEN and referenced ' +
      'as "${OPENCLAW_GATEWAY_TOKEN}" or a SecretRef. Rotate it if it was ever shared or committed.',
  },
  examples: {
    bad: [
      { name: 'auth mode none', ...openclawHome("{ gateway: { auth: { mode: 'none' } } }\n") },
      {
        name: 'weak token',
        ...openclawHome("{ gateway: { auth: { mode: 'token', token: 'changeme' } } }\n"),
      },
      {
        name: 'token from env that is short',
        ...openclawHome(HARDENED_CONFIG, {}, { env: { OPENCLAW_GATEWAY_TOKEN: 'abc123' } }),
      },
    ],
    good: [
      {
        name: 'long token from the environment',
        ...openclawHome(
          HARDENED_CONFIG,
          {},
          { env: { OPENCLAW_GATEWAY_TOKEN: 'f3a9c07b1e5d4a2b8c6e0f9d7a3b5c1e' } },
        ),
      },
      {
        name: 'SecretRef through exec (never run, trusted as set)',
        ...openclawHome(
          "{ gateway: { auth: { mode: 'token', token: { source: 'exec', provider: 'vault', id: 'gw' } } } }\n",
        ),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg?.configFile) return [];
    const findings: RawFinding[] = [];
    const exposed = gatewayExposed(cfg);
    const mode = cfg.get(['gateway', 'auth', 'mode']);
    if (mode === 'none') {
      findings.push({
        message: `gateway.auth.mode is "none": any client that reaches the gateway${exposed ? ' (it is exposed beyond loopback)' : ', including every local process and browser page,'} can drive the agent.`,
        ...at(cfg, ['gateway', 'auth', 'mode']),
        evidence: 'auth.mode: "none"',
        severity: exposed ? 'critical' : 'high',
      });
      return findings;
    }
    if (mode === 'trusted-proxy') return findings;
    for (const key of mode === 'password' ? ['password'] : ['token']) {
      const envName = key === 'token' ? 'OPENCLAW_GATEWAY_TOKEN' : 'OPENCLAW_GATEWAY_PASSWORD';
      const fromEnv = ctx.env[envName];
      const written = cfg.get(['gateway', 'auth', key]);
      const secret = fromEnv
        ? { kind: 'env' as const, name: envName, value: fromEnv }
        : resolveSecret(ctx, cfg, written);
      const where = at(cfg, ['gateway', 'auth', key]);
      if (secret.kind === 'absent' || (secret.kind === 'env' && secret.value === undefined)) {
        findings.push({
          message:
            secret.kind === 'env'
              ? `gateway.auth.${key} refers to $${secret.name}, which is not set here (nor in OpenClaw's env files): the gateway will start without a ${key} or refuse to.`
              : `No gateway ${key} is configured (gateway.auth.${key} and $${envName} are unset).`,
          ...where,
          severity: exposed ? 'critical' : 'medium',
        });
        continue;
      }
      const value = 'value' in secret ? secret.value : undefined;
      if (value === undefined) continue;
      const source = fromEnv
        ? `$${envName}`
        : secret.kind === 'literal'
          ? `gateway.auth.${key}`
          : `the ${key} gateway.auth.${key} refers to`;
      if (WEAK.test(value) || isPlaceholder(value))
        findings.push({
          message: `${source} is a default or placeholder value (${value.length} chars): treat it as public.`,
          ...where,
          severity: 'critical',
        });
      else if (value.length < MIN_LENGTH)
        findings.push({
          message: `${source} is only ${value.length} characters; OpenClaw recommends 24+ and the seed treats it as a root password.`,
          ...where,
          severity: exposed ? 'high' : 'medium',
        });
      if (fromEnv && written !== undefined && resolveSecret(ctx, cfg, written).kind !== 'env')
        findings.push({
          message: `$${envName} is set and overrides gateway.auth.${key} in the config: the gateway uses the environment's value.`,
          ...where,
          severity: 'low',
          fix: `Keep one source of truth: unset $${envName} or remove gateway.auth.${key}.`,
        });
    }
    return findings;
  },
});
