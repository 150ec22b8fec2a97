import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import {
  agentScopes,
  at,
  channelScopes,
  HARDENED_CONFIG,
  type OpenclawConfig,
  openclaw,
  openclawHome,
} from './_openclaw.js';

/** What the agent reads that others write: chat channels, and mail through the Gmail hook. */
function untrustedInputs(cfg: OpenclawConfig): string[] {
  const inputs = channelScopes(cfg)
    .filter((s) => s.get('dmPolicy').value !== 'disabled')
    .map((s) => s.label);
  if (cfg.get(['hooks', 'gmail']) !== undefined && cfg.get(['hooks', 'enabled']) !== false)
    inputs.push('Gmail (hooks.gmail)');
  return inputs;
}

function denied(cfg: OpenclawConfig, tool: string): boolean {
  const deny = cfg.get(['tools', 'deny']);
  return (
    Array.isArray(deny) &&
    (deny.includes(tool) || deny.includes(`group:${tool === 'exec' ? 'runtime' : 'ui'}`))
  );
}

export default defineCheck({
  id: 'openclaw/reader-with-operator-tools',
  severity: 'medium',
  seedRefs: ['OC-M4', 'CS-6'],
  frameworks: ['OWASP-LLM06'],
  title: 'The agent that reads mail or chats can also browse or run commands',
  docs: {
    why:
      'The seed separates duties: the agent that reads untrusted content (email, chats) must not also hold ' +
      'the browser or a shell, because one injected message is then enough to exfiltrate data or run code. ' +
      'Give reading and acting to different agents.',
    fix:
      'Deny "browser" and "exec" (tools.deny) for the agent bound to channels and mail, or route channels to a ' +
      'separate agent with tools.profile "messaging" and keep the browser and shell for an agent only you talk to.',
  },
  examples: {
    bad: [
      {
        name: 'channel reader with browser and host exec',
        ...openclawHome("{ channels: { telegram: { dmPolicy: 'pairing' } }, browser: { enabled: true } }\n"),
      },
    ],
    good: [
      { name: 'browser denied, exec allowlisted (hardened)', ...openclawHome(HARDENED_CONFIG) },
      { name: 'no channels', ...openclawHome('{ browser: { enabled: true } }\n') },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const inputs = untrustedInputs(cfg);
    if (inputs.length === 0) return [];
    const profile = cfg.get(['tools', 'profile']);
    const limited = profile === 'minimal' || profile === 'messaging';
    const powers: string[] = [];
    if (!limited && cfg.get(['browser', 'enabled']) !== false && !denied(cfg, 'browser'))
      powers.push('the browser');
    const security = cfg.get(['tools', 'exec', 'security']);
    const sandboxAll = agentScopes(cfg)[0]?.get(['sandbox', 'mode']).value === 'all';
    if (!limited && !denied(cfg, 'exec') && (security === 'full' || (security === undefined && !sandboxAll)))
      powers.push('unrestricted shell (exec)');
    if (powers.length === 0) return [];
    const finding: RawFinding = {
      message: `One agent reads ${inputs.join(', ')} and also has ${powers.join(' and ')}: a single injected message can act with both.`,
      ...at(cfg, ['tools']),
    };
    return [finding];
  },
});
