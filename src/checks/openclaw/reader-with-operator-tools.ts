import { defineCheck } from '../../core/check.js';
import { isRecord } from '../../core/document/index.js';
import type { RawFinding } from '../../core/finding.js';
import {
  at,
  type ChannelScope,
  channelScopes,
  HARDENED_CONFIG,
  type OpenclawConfig,
  openclaw,
  openclawHome,
} from './_openclaw.js';
import { agentTools, narrowProfile, routeInputs, toolAllowed } from './_tool-policy.js';

/** Channels where the one talking to the agent is its operator: the local command line. */
const OPERATOR_CHANNELS = new Set(['cli']);

const entries = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Groups this channel reads: an open policy, or an allowlist with groups listed (the default lists none). */
function readsGroups(s: ChannelScope): boolean {
  const policy = s.get('groupPolicy').value;
  if (policy === 'disabled') return false;
  if (policy === 'open') return true;
  const groups = s.get('groups').value;
  return (
    entries(s.get('groupAllowFrom').value).length > 0 || (isRecord(groups) && Object.keys(groups).length > 0)
  );
}

/** Direct messages from one allowlisted sender and no groups: the owner talking to their own agent. */
function ownerOnly(s: ChannelScope): boolean {
  const allow = entries(s.get('allowFrom').value);
  return (
    s.get('dmPolicy').value === 'allowlist' &&
    allow.length === 1 &&
    String(allow[0]).trim() !== '*' &&
    !readsGroups(s)
  );
}

/** What the agents read that others write: chat channels, and mail through the Gmail hook. */
function untrustedInputs(cfg: OpenclawConfig): { channel: string; account?: string; label: string }[] {
  const inputs: { channel: string; account?: string; label: string }[] = channelScopes(cfg).filter(
    (s) => s.get('dmPolicy').value !== 'disabled' && !OPERATOR_CHANNELS.has(s.channel) && !ownerOnly(s),
  );
  if (cfg.get(['hooks', 'gmail']) !== undefined && cfg.get(['hooks', 'enabled']) !== false)
    inputs.push({ channel: '\0gmail', label: 'Gmail (hooks.gmail)' });
  return inputs;
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
      'Give reading and acting to different agents. The local CLI channel, and a DM channel only its owner can ' +
      'use (dmPolicy "allowlist" with one sender and no groups), are the operator talking, not untrusted input.',
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
      {
        name: 'the local CLI channel and a DM channel only its owner may use',
        ...openclawHome(
          "{ channels: { cli: { enabled: true }, telegram: { dmPolicy: 'allowlist', allowFrom: ['123456789'] } }, browser: { enabled: true } }\n",
        ),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const inputs = untrustedInputs(cfg);
    if (inputs.length === 0) return [];
    const findings: RawFinding[] = [];
    // Each agent that answers some of them (bindings, else the default agent), with its own tool policy (an
    // agent's deny, allow, profile, exec security and sandbox replace or narrow the global ones).
    for (const [a, reads] of routeInputs(cfg, inputs)) {
      const limited = narrowProfile(cfg, a);
      const powers: string[] = [];
      if (!limited && cfg.get(['browser', 'enabled']) !== false && toolAllowed(cfg, a, 'browser'))
        powers.push('the browser');
      const own = a.id === 'defaults' ? undefined : cfg.get([...a.path, 'tools', 'exec', 'security']);
      const security = own ?? cfg.get(['tools', 'exec', 'security']);
      const sandboxAll = a.get(['sandbox', 'mode']).value === 'all';
      if (
        !limited &&
        toolAllowed(cfg, a, 'exec') &&
        (security === 'full' || (security === undefined && !sandboxAll))
      )
        powers.push('unrestricted shell (exec)');
      if (powers.length === 0) continue;
      const who = a.id === 'defaults' ? 'One agent' : `Agent "${a.id}"`;
      const tools = agentTools(cfg, a);
      const where = cfg.get(tools) !== undefined ? tools : a.id === 'defaults' ? ['tools'] : [...a.path];
      findings.push({
        message: `${who} reads ${reads.map((x) => x.label).join(', ')} and also has ${powers.join(' and ')}: a single injected message can act with both.`,
        ...at(cfg, where),
      });
    }
    return findings;
  },
});
