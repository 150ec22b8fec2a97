import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { validateOpenclawConfig } from '../../discover/openclaw-schema.js';
import { HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';

export default defineCheck({
  id: 'openclaw/config-invalid',
  severity: 'high',
  seedRefs: ['OC-L2'],
  title: 'OpenClaw would reject its config',
  docs: {
    why:
      'OpenClaw validates openclaw.json against a strict schema: one unknown or retired key (such as ' +
      'logging.redactSensitive, removed in 2026.9) or a value outside its enum makes the whole file invalid. ' +
      'The gateway then refuses to start and `openclaw security audit` exits 1 and audits nothing, so every ' +
      'other setting goes unchecked. agentwarden still audits the rest of the file.',
    fix: 'Remove or rename the key at the line shown (`openclaw doctor` migrates known legacy keys), then run `openclaw config validate`.',
  },
  examples: {
    bad: [
      {
        name: 'retired logging.redactSensitive',
        ...openclawHome("{\n  logging: { redactSensitive: 'off' },\n}\n"),
      },
      { name: 'legacy host alias as bind', ...openclawHome("{ gateway: { bind: '0.0.0.0' } }\n") },
      { name: 'JSON5 syntax error', ...openclawHome('{ gateway: { bind: "loopback" }\n') },
      {
        name: 'include outside the allowed roots',
        ...openclawHome("{ $include: '../elsewhere/extra.json5' }\n", { '~/elsewhere/extra.json5': '{}' }),
      },
    ],
    good: [
      { name: 'hardened config', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'include inside OPENCLAW_INCLUDE_ROOTS',
        ...openclawHome(
          "{ $include: '../shared/channels.json5' }\n",
          { '~/shared/channels.json5': "{ channels: { telegram: { dmPolicy: 'pairing' } } }" },
          { env: { OPENCLAW_INCLUDE_ROOTS: '~/shared' } },
        ),
      },
      { name: 'no OpenClaw', files: {} },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = cfg.problems.map((p) => ({
      message: `${p.message}. OpenClaw cannot load this config, so it will not start with it.`,
      file: p.file,
      ...(p.line !== undefined && { line: p.line, column: p.column }),
    }));
    for (const issue of validateOpenclawConfig(cfg))
      findings.push({
        message: `${issue.message}: OpenClaw rejects the whole config (the gateway does not start, its own audit aborts).`,
        file: issue.file,
        line: issue.line,
        column: issue.column,
        severity: 'medium',
        fix:
          issue.kind === 'invalid-value'
            ? 'Set one of the accepted values (for a bind address use "loopback", "lan", "tailnet", "custom" or "auto").'
            : 'Remove the key, or run `openclaw doctor --fix` to migrate it.',
      });
    return findings;
  },
});
