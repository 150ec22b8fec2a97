import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import {
  agentScopes,
  at,
  channelScopes,
  HARDENED_CONFIG,
  openclaw,
  openclawHome,
  setPlan,
  show,
} from './_openclaw.js';

export default defineCheck({
  id: 'openclaw/sandbox-off',
  severity: 'high',
  seedRefs: ['OC-M6', 'CS-1', 'OC-H1'],
  frameworks: ['OWASP-LLM06'],
  title: 'OpenClaw runs channel and group sessions outside a sandbox',
  docs: {
    why:
      'sandbox.mode defaults to "off": every session, including those started by a group chat or a stranger\'s ' +
      'DM, runs its tools directly on the host with your user\'s rights. "non-main" keeps your own main session ' +
      'on the host and puts every other session (groups, channels, hooks) in a container.',
    fix: 'Set agents.defaults.sandbox.mode to "non-main" (agentwarden audit --fix does it) or "all"; the sandbox needs Docker.',
  },
  fixable: true,
  examples: {
    bad: [
      {
        name: 'no sandbox setting (default off)',
        ...openclawHome("{ channels: { telegram: { dmPolicy: 'pairing' } } }\n"),
      },
      {
        name: 'one agent turns it off',
        ...openclawHome(
          "{ agents: { defaults: { sandbox: { mode: 'all' } }, entries: { ops: { sandbox: { mode: 'off' } } } } }\n",
        ),
      },
    ],
    good: [{ name: 'non-main (hardened)', ...openclawHome(HARDENED_CONFIG) }],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const channels = channelScopes(cfg).length > 0;
    const findings: RawFinding[] = [];
    for (const agent of agentScopes(cfg)) {
      const mode = agent.get(['sandbox', 'mode']);
      const value = mode.value ?? 'off';
      if (value === 'non-main' || value === 'all') continue;
      // An agent inheriting the defaults' "off" is covered by the finding on the defaults.
      if (agent.id !== 'defaults' && mode.path?.[1] === 'defaults') continue;
      if (agent.id !== 'defaults' && mode.value === undefined) continue;
      const p = [...agent.path, 'sandbox', 'mode'];
      findings.push({
        message: `${agent.id === 'defaults' ? 'agents.defaults' : `agent "${agent.id}"`}: sandbox.mode is ${mode.value === undefined ? 'not set (default "off")' : `"${String(value)}"`}: ${channels ? 'group and channel sessions run' : 'every session runs'} tools directly on the host.`,
        ...at(cfg, mode.path ?? p),
        severity: channels ? 'high' : 'medium',
        fixPlans: setPlan(cfg, p, 'non-main', `set ${show(p)} to "non-main"`),
      });
    }
    return findings;
  },
});
