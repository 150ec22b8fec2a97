import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { ignoredLegacyEnv, legacyStateDirs } from '../../discover/openclaw.js';
import { HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';

export default defineCheck({
  id: 'openclaw/legacy-install',
  severity: 'medium',
  seedRefs: ['OC-M5', 'OC-L1'],
  title: 'Legacy Clawdbot / Moltbot state or variables are still around',
  docs: {
    why:
      'OpenClaw ignores CLAWDBOT_* and MOLTBOT_* variables (a MOLTBOT_GATEWAY_TOKEN no longer protects ' +
      'anything, while the token still sits in your shell profile) and only reads ~/.clawdbot when ~/.openclaw ' +
      'is missing. An old ~/.clawdbot or ~/.moltbot beside the current install keeps bot tokens, WhatsApp ' +
      'sessions and transcripts that nobody audits or rotates any more.',
    fix:
      'Rename the variables to OPENCLAW_* (or remove them and rotate the token they held). Move anything ' +
      'still needed out of the old state dir, then delete it.',
  },
  examples: {
    bad: [
      {
        name: 'an old ~/.clawdbot next to ~/.openclaw',
        ...openclawHome(HARDENED_CONFIG, { '~/.clawdbot/clawdbot.json': '{}' }),
      },
      {
        name: 'MOLTBOT_GATEWAY_TOKEN in the environment',
        ...openclawHome(HARDENED_CONFIG, {}, { env: { MOLTBOT_GATEWAY_TOKEN: 'x' } }),
      },
      {
        name: 'only a legacy install: OpenClaw runs from ~/.clawdbot',
        files: { '~/.clawdbot': { dir: true, mode: 0o700 }, '~/.clawdbot/clawdbot.json': '{}' },
      },
    ],
    good: [{ name: 'current install only', ...openclawHome(HARDENED_CONFIG) }],
  },
  run(ctx) {
    const findings: RawFinding[] = [];
    const cfg = openclaw(ctx);
    for (const name of ignoredLegacyEnv(ctx.env))
      findings.push({
        message:
          `$${name} is set, but OpenClaw ignores CLAWDBOT_* and MOLTBOT_* variables` +
          (/TOKEN|PASSWORD|KEY|SECRET/.test(name)
            ? ': the secret it holds is not protecting the gateway, and it is still exposed in the environment.'
            : '.'),
        fix: `Rename it to OPENCLAW_${name.replace(/^(?:CLAWDBOT|MOLTBOT)_/, '')} where OpenClaw documents one, or unset it; rotate any secret it held.`,
      });
    for (const dir of legacyStateDirs(ctx.home, ctx.env, ctx.fs))
      findings.push({
        message: `${dir} is a legacy ${path.basename(dir) === '.moltbot' ? 'Moltbot' : 'Clawdbot'} state directory that OpenClaw does not use while ${cfg?.stateDir ?? '~/.openclaw'} exists; tokens, sessions and transcripts in it are no longer audited or rotated.`,
        file: dir,
      });
    if (cfg && /[/\\]\.clawdbot$/.test(cfg.stateDir))
      findings.push({
        message: `OpenClaw runs from the legacy state dir ${cfg.stateDir} (no ~/.openclaw exists).`,
        file: cfg.configFile ?? cfg.stateDir,
        ...(cfg.configFile && { line: 1 }),
        severity: 'low',
        fix: 'Run `openclaw doctor` to migrate to ~/.openclaw, then check permissions on the new directory.',
      });
    return findings;
  },
});
