import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { HARDENED_CONFIG, openclaw, openclawHome, show } from './_openclaw.js';
import { secretsInDocument } from './_secrets.js';

const ROOT_PASSWORDS = new Set(['gateway.auth.token', 'gateway.auth.password', 'hooks.token']);

export default defineCheck({
  id: 'openclaw/secret-in-config',
  severity: 'high',
  seedRefs: ['CS-7', 'OC-M5', 'OC-L1'],
  frameworks: ['OWASP-LLM02'],
  title: 'A key or token is written in plaintext in the OpenClaw config',
  docs: {
    why:
      'openclaw.json is copied into backups, dotfile repos, support bundles and `openclaw config get` output, ' +
      'and the agent itself can read it. Provider API keys (env.vars, models.providers.*.apiKey, ' +
      'skills.entries.*), bot tokens (channels.*.botToken) and the gateway token (a root password) written ' +
      "there leak with it. OpenClaw's own audit only looks at gateway.auth.password and hooks.token.",
    fix:
      'Rotate the key with its provider, then store the new one outside the config: in ~/.openclaw/.env ' +
      '(chmod 600) referenced as "${NAME}", or as a SecretRef { source: "env"|"file"|"exec", provider, id }. ' +
      'agentwarden never rewrites secrets for you.',
  },
  examples: {
    bad: [
      {
        name: 'Anthropic key in env.vars and a Telegram bot token',
        ...openclawHome(
          "{\n  env: { vars: { ANTHROPIC_API_KEY: 'sk-ant-api03-Qm7Xc2Lp9Rt4Vb8Nw1Ks6Hd3Fg5Jz0Ay2Ue7Io4Pq9Lr3Ts8Wv1Xb6Nm5Kc0ZdAA' } },\n  channels: { telegram: { botToken: '7412589630:AAHk3Jd8Lq2Zx9Vb4Nm7Pw1Rt6Ys0Uc5IeQ' } },\n}\n",
        ),
      },
    ],
    good: [
      { name: 'references only (hardened)', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'a reference in another template syntax is not a secret',
        ...openclawHome("{ models: { providers: { zai: { apiKey: '{env:ZAI_API_KEY}' } } } }\n"),
      },
      {
        name: 'SecretRef',
        ...openclawHome(
          "{ models: { providers: { anthropic: { apiKey: { source: 'env', provider: 'default', id: 'ANTHROPIC_API_KEY' } } } } }\n",
        ),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = [];
    for (const source of cfg.sources)
      for (const s of secretsInDocument(source.doc)) {
        const full = show([...source.mount, ...s.path]);
        const root = ROOT_PASSWORDS.has(full);
        findings.push({
          message: `${full} holds a ${root ? 'gateway secret (a root password for this machine)' : `secret (${s.reason})`} in plaintext.`,
          file: source.file,
          line: s.line,
          column: s.column,
          evidence: `${String(s.path.at(-1))}: ${s.masked}`,
          fix: `Rotate it, then replace the value with "\${${root ? (full === 'hooks.token' ? 'OPENCLAW_HOOKS_TOKEN' : full.endsWith('password') ? 'OPENCLAW_GATEWAY_PASSWORD' : 'OPENCLAW_GATEWAY_TOKEN') : /^[A-Z][A-Z0-9_]*$/.test(s.key) ? s.key : 'NAME'}}" set in ~/.openclaw/.env (chmod 600), or a SecretRef.`,
        });
      }
    return findings;
  },
});
