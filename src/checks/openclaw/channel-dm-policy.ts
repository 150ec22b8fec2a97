import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { at, channelScopes, HARDENED_CONFIG, openclaw, openclawHome, setPlan, show } from './_openclaw.js';

export default defineCheck({
  id: 'openclaw/channel-dm-policy',
  severity: 'critical',
  seedRefs: ['OC-H4', 'OC-L2', 'CS-5'],
  frameworks: ['OWASP-LLM01'],
  title: 'A chat channel lets strangers message the agent',
  docs: {
    why:
      'With dmPolicy "open" (or an allowFrom of "*") anyone who finds the bot on WhatsApp, Telegram, Discord… ' +
      'can message an agent that holds a shell, your files and your accounts: every message is a prompt ' +
      'injection waiting to happen. "pairing" (the default) makes a new sender prove themselves with a code ' +
      "you approve. OpenClaw's own audit misses this for channels whose plugin has no security adapter (Telegram).",
    fix:
      'Set dmPolicy to "pairing" on every channel and account (agentwarden audit --fix does it), or ' +
      '"allowlist" with explicit allowFrom ids; never "*".',
  },
  fixable: true,
  examples: {
    bad: [
      {
        name: 'open Telegram DMs',
        ...openclawHome("{ channels: { telegram: { dmPolicy: 'open', allowFrom: ['*'] } } }\n"),
      },
      {
        name: 'one open WhatsApp account',
        ...openclawHome(
          "{ channels: { whatsapp: { dmPolicy: 'pairing', accounts: { work: {}, personal: { dmPolicy: 'open', allowFrom: ['*'] } } } } }\n",
        ),
      },
    ],
    good: [
      { name: 'pairing (hardened)', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'explicit allowlist',
        ...openclawHome("{ channels: { signal: { dmPolicy: 'allowlist', allowFrom: ['+15551234567'] } } }\n"),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = [];
    // Accounts inherit their channel's setting: a value written once is reported once, for the channel.
    const seen = new Set<string>();
    const once = (p: (string | number)[] | undefined) =>
      !p || (!seen.has(show(p)) && Boolean(seen.add(show(p))));
    for (const scope of channelScopes(cfg)) {
      const dm = scope.get('dmPolicy');
      const allowFrom = scope.get('allowFrom');
      const wildcard = Array.isArray(allowFrom.value) && allowFrom.value.includes('*');
      // Fixed where it is written: an account inheriting "open" is fixed on its channel.
      const dmAt = dm.path ?? [...scope.path, 'dmPolicy'];
      const fix = setPlan(cfg, dmAt, 'pairing', `set ${show(dmAt)} to "pairing"`);
      const label = dm.path?.includes('accounts') ? scope.label : scope.channel;
      if (dm.value === 'open' && once(dm.path))
        findings.push({
          message: `${label}: dmPolicy is "open": anyone can message the agent directly.`,
          ...at(cfg, dm.path ?? scope.path),
          evidence: 'dmPolicy: "open"',
          severity: 'critical',
          fixPlans: fix,
        });
      else if (wildcard && dm.value !== 'disabled' && dm.value !== 'open' && once(allowFrom.path))
        findings.push({
          message: `${allowFrom.path?.includes('accounts') ? scope.label : scope.channel}: allowFrom contains "*", so every sender is allowed.`,
          ...at(cfg, allowFrom.path ?? scope.path),
          evidence: 'allowFrom: ["*"]',
          severity: 'high',
          fix: 'Replace "*" with the sender ids you trust, or set dmPolicy to "pairing" and remove "*".',
        });
      else if (
        dm.value !== undefined &&
        !['open', 'pairing', 'allowlist', 'disabled'].includes(String(dm.value)) &&
        once(dm.path)
      )
        findings.push({
          message: `${label}: dmPolicy is "${String(dm.value)}", not "pairing".`,
          ...at(cfg, dm.path ?? scope.path),
          severity: 'medium',
          fixPlans: fix,
        });
    }
    return findings;
  },
});
