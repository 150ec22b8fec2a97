import { defineShellEffects, type EffectsOf } from '../define.js';

export const openclawEffects = defineShellEffects<EffectsOf<'openclaw'>>({
  'openclaw-config-write': {
    title:
      "the OpenClaw CLI rewrites OpenClaw's config (config set, plugins enable/disable, doctor --fix): the tool policy and the agentwarden plugin are set there",
    risk: 'critical',
    examples: {
      deny: ['openclaw config set tools.exec.security full', 'openclaw plugins disable agentwarden'],
    },
  },
  'openclaw-approvals': {
    title: "the OpenClaw CLI adds to OpenClaw's exec approvals: commands that then run without asking",
    risk: 'critical',
    examples: { deny: ['openclaw approvals allow "*"'] },
  },
  'openclaw-agent-unguarded': {
    title:
      'the OpenClaw CLI runs an agent turn the plugin does not see (agent exec fires no hook) or under another config',
    risk: ['high', 'critical'],
    examples: {
      ask: ['openclaw agent exec "summarise the inbox"'],
      deny: ['openclaw agent exec --elevated "id"'],
    },
  },
});
