import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { agentScopes, at, HARDENED_CONFIG, openclaw, openclawHome, show } from './_openclaw.js';
import { agentTools, providerKeys, toolAllowed } from './_tool-policy.js';

const FS_WRITE_TOOLS = ['write', 'edit', 'apply_patch'];

export default defineCheck({
  id: 'openclaw/tool-policy-drift',
  severity: 'medium',
  seedRefs: ['CS-6', 'PR-1'],
  frameworks: ['OWASP-LLM06'],
  title: 'An OpenClaw tool restriction does not do what it looks like',
  docs: {
    why:
      'Two settings look restrictive and are not. Denying write, edit and apply_patch leaves exec, a shell that ' +
      'writes files anywhere the host or sandbox lets it, so the agent is not read-only; the same holds for ' +
      'one provider when tools.byProvider takes the file tools away from it and leaves exec. A global tools.profile ' +
      '"minimal" is replaced, not narrowed, by any agent that sets its own profile.',
    fix:
      'For a read-only agent deny exec and process too (or run it with sandbox.mode "all" and workspaceAccess ' +
      '"ro" or "none"); set tools.profile "minimal" on each agent that overrides the global one, or remove its ' +
      'override.',
  },
  examples: {
    bad: [
      {
        name: 'file tools denied, exec left',
        ...openclawHome("{ tools: { deny: ['write', 'edit', 'apply_patch'] } }\n"),
      },
      {
        name: 'file tools denied for one provider, exec left',
        ...openclawHome("{ tools: { byProvider: { ollama: { deny: ['group:fs'] } } } }\n"),
      },
      {
        name: 'global minimal overridden by an agent',
        ...openclawHome(
          "{ tools: { profile: 'minimal' }, agents: { list: [{ id: 'ops', tools: { profile: 'full' } }] } }\n",
        ),
      },
    ],
    good: [
      { name: 'hardened', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'a provider narrowed to the minimal profile (no exec either)',
        ...openclawHome("{ tools: { byProvider: { ollama: { profile: 'minimal' } } } }\n"),
      },
      {
        name: 'read-only agent without exec; minimal everywhere',
        ...openclawHome(
          "{ tools: { profile: 'minimal', deny: ['group:fs', 'group:runtime'] }, agents: { list: [{ id: 'ops', tools: { profile: 'minimal' } }] } }\n",
        ),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = [];
    const agents = agentScopes(cfg);
    for (const a of agents) {
      // An agent without tool settings of its own has the global policy, reported once for 'defaults'.
      if (a.id !== 'defaults' && cfg.get([...a.path, 'tools']) === undefined) continue;
      const sandbox = a.get(['sandbox', 'mode']).value;
      const host = cfg.get([...a.path, 'tools', 'exec', 'host']) ?? cfg.get(['tools', 'exec', 'host']);
      const access = a.get(['sandbox', 'workspaceAccess']).value;
      const confined = sandbox === 'all' && host !== 'gateway' && host !== 'node' && access !== 'rw';
      // workspaceAccess "rw" written out asks for writes: such an agent is not meant to be read-only.
      if (confined || access === 'rw') continue;
      const drifts = (provider?: string) =>
        toolAllowed(cfg, a, 'exec', provider) &&
        !FS_WRITE_TOOLS.some((t) => toolAllowed(cfg, a, t, provider));
      const who = a.id === 'defaults' ? 'The tool policy' : `Agent "${a.id}"`;
      const tail =
        'has no write, edit or apply_patch but keeps exec outside a read-only sandbox: the shell still writes files, so the agent is not read-only.';
      if (drifts()) {
        findings.push({ message: `${who} ${tail}`, ...at(cfg, agentTools(cfg, a)) });
        continue;
      }
      // tools.byProvider narrows the policy for one provider (or provider/model): the same drift there.
      for (const provider of providerKeys(cfg, a)) {
        if (!drifts(provider)) continue;
        const ownEntry = [...agentTools(cfg, a), 'byProvider', provider];
        const where = cfg.get(ownEntry) !== undefined ? ownEntry : ['tools', 'byProvider', provider];
        findings.push({
          message: `With provider "${provider}", ${who === 'The tool policy' ? 'the tool policy' : who} ${tail}`,
          ...at(cfg, where),
        });
      }
    }
    if (cfg.get(['tools', 'profile']) === 'minimal')
      for (const a of agents) {
        const own = a.id === 'defaults' ? undefined : cfg.get([...a.path, 'tools', 'profile']);
        if (typeof own !== 'string' || own === 'minimal') continue;
        findings.push({
          message: `tools.profile is "minimal", but ${show([...a.path, 'tools', 'profile'])} is "${own}": agent "${a.id}" gets the ${own} tool set.`,
          ...at(cfg, [...a.path, 'tools', 'profile']),
          severity: own === 'full' ? 'medium' : 'low',
        });
      }
    return findings;
  },
});
