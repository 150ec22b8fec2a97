import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import {
  type AgentScope,
  agentScopes,
  at,
  HARDENED_CONFIG,
  openclaw,
  openclawHome,
  show,
} from './_openclaw.js';

const FS_WRITE_TOOLS = ['write', 'edit', 'apply_patch'];
const GROUP: Record<string, string> = {
  write: 'group:fs',
  edit: 'group:fs',
  apply_patch: 'group:fs',
  exec: 'group:runtime',
};
/** Profiles that hold neither the shell nor file writes (docs/gateway/config-tools/tool-policy.md). */
const NO_RUNTIME_PROFILES = new Set(['minimal', 'messaging']);

const names = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/**
 * Whether one agent (or the global tools for 'defaults') may call a tool, from its profile and allow/deny
 * lists by name and group: the shape of OpenClaw's policy, not its whole engine (byProvider is not read).
 */
function allows(cfg: Parameters<typeof agentScopes>[0], a: AgentScope, tool: string): boolean {
  const own = (k: string) => (a.id === 'defaults' ? undefined : cfg.get([...a.path, 'tools', k]));
  const pick = (k: string) => own(k) ?? cfg.get(['tools', k]);
  const named = (list: string[]) =>
    list.includes(tool) || list.includes('*') || list.includes(GROUP[tool] ?? '');
  if (named([...names(cfg.get(['tools', 'deny'])), ...names(own('deny'))])) return false;
  const allow = names(pick('allow'));
  if (allow.length > 0) return named(allow);
  const profile = pick('profile');
  if (typeof profile === 'string' && NO_RUNTIME_PROFILES.has(profile)) return named(names(pick('alsoAllow')));
  return true;
}

export default defineCheck({
  id: 'openclaw/tool-policy-drift',
  severity: 'medium',
  seedRefs: ['CS-6', 'PR-1'],
  frameworks: ['OWASP-LLM06'],
  title: 'An OpenClaw tool restriction does not do what it looks like',
  docs: {
    why:
      'Two settings look restrictive and are not. Denying write, edit and apply_patch leaves exec, a shell that ' +
      'writes files anywhere the host or sandbox lets it, so the agent is not read-only. A global tools.profile ' +
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
        name: 'global minimal overridden by an agent',
        ...openclawHome(
          "{ tools: { profile: 'minimal' }, agents: { list: [{ id: 'ops', tools: { profile: 'full' } }] } }\n",
        ),
      },
    ],
    good: [
      { name: 'hardened', ...openclawHome(HARDENED_CONFIG) },
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
      if (confined || !allows(cfg, a, 'exec') || FS_WRITE_TOOLS.some((t) => allows(cfg, a, t))) continue;
      const where = a.id === 'defaults' ? ['tools'] : [...a.path, 'tools'];
      findings.push({
        message: `${a.id === 'defaults' ? 'The tool policy' : `Agent "${a.id}"`} takes away write, edit and apply_patch but keeps exec outside a read-only sandbox: the shell still writes files, so the agent is not read-only.`,
        ...at(cfg, where),
      });
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
