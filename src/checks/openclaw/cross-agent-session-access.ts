import { defineCheck } from '../../core/check.js';
import { isRecord, type JsonPath } from '../../core/document/index.js';
import type { RawFinding } from '../../core/finding.js';
import {
  type AgentScope,
  agentScopes,
  at,
  channelScopes,
  HARDENED_CONFIG,
  type OpenclawConfig,
  openclaw,
  openclawHome,
} from './_openclaw.js';
import { names, toolAllowed } from './_tool-policy.js';

/** The tools that read or write other sessions (OpenClaw 2026.9.6, collectCrossAgentSessionAccessFindings). */
const SESSION_TOOLS = [
  'sessions_list',
  'sessions_history',
  'sessions_search',
  'sessions_send',
  'session_status',
];

const wildcard = (v: unknown) => Array.isArray(v) && v.some((x) => String(x).trim() === '*');

/** Channels where more than one person can reach the agent (OpenClaw's listPotentialMultiUserSignals). */
function multiUserSignals(cfg: OpenclawConfig): string[] {
  const out: string[] = [];
  for (const s of channelScopes(cfg)) {
    const where = s.path.map(String).join('.');
    const group = s.get('groupPolicy').value;
    const groups = s.get('groups').value;
    if (group === 'open') out.push(`${where}.groupPolicy "open"`);
    else if (
      group === 'allowlist' &&
      (names(s.get('groupAllowFrom').value).length > 0 ||
        (isRecord(groups) && Object.keys(groups).length > 0))
    )
      out.push(`${where}: allowlisted groups`);
    if (s.get('dmPolicy').value === 'open') out.push(`${where}.dmPolicy "open"`);
    if (wildcard(s.get('allowFrom').value)) out.push(`${where}.allowFrom "*"`);
    if (wildcard(s.get('groupAllowFrom').value)) out.push(`${where}.groupAllowFrom "*"`);
  }
  return out;
}

/** Agents OpenClaw runs: the listed ones, or its one implicit agent. */
function agents(cfg: OpenclawConfig): AgentScope[] {
  const all = agentScopes(cfg);
  const listed = all.filter((a) => a.id !== 'defaults');
  return listed.length > 0 ? listed : all.slice(0, 1);
}

export default defineCheck({
  id: 'openclaw/cross-agent-session-access',
  severity: 'medium',
  seedRefs: ['CS-5', 'OC-H4'],
  frameworks: ['OWASP-LLM02'],
  title: "OpenClaw agents can read other agents' and other users' sessions",
  docs: {
    why:
      'By default tools.sessions.visibility is "all" and tools.agentToAgent is enabled with no allow list: ' +
      'every agent that keeps a session tool (sessions_list, sessions_history, sessions_search, sessions_send, ' +
      "session_status) can list, read and write to any session on the Gateway, other agents' and other users'. " +
      'An agent given fewer tools, a sandbox or a public channel is then one injected message away from the ' +
      'transcripts of a more trusted one. The built-in audit reports this only with two or more agents and an ' +
      'empty allow list; an allow list of "*" is the same as none, and with one agent a shared channel still ' +
      "lets one sender's session read another's.",
    fix:
      'Set tools.sessions.visibility to "self" or "tree" ("agent" keeps other agents out but not other users of ' +
      'the same agent), restrict tools.agentToAgent.allow to the agent ids that must talk, or set ' +
      'tools.agentToAgent.enabled to false; deny group:sessions to agents that read public channels.',
  },
  examples: {
    bad: [
      {
        name: 'two agents, default visibility and agent-to-agent',
        ...openclawHome("{ agents: { list: [{ id: 'main', default: true }, { id: 'public' }] } }\n"),
      },
      {
        name: 'one agent answering an open group',
        ...openclawHome(
          "{ channels: { telegram: { groupPolicy: 'open', allowFrom: ['*'], dmPolicy: 'open' } } }\n",
        ),
      },
    ],
    good: [
      { name: 'hardened', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'two agents, visibility tree',
        ...openclawHome(
          "{ tools: { sessions: { visibility: 'tree' } }, agents: { list: [{ id: 'main' }, { id: 'public' }] } }\n",
        ),
      },
      {
        name: 'two agents, agent-to-agent restricted',
        ...openclawHome(
          "{ tools: { agentToAgent: { allow: ['main'] } }, agents: { list: [{ id: 'main' }, { id: 'public' }] } }\n",
        ),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const raw = cfg.get(['tools', 'sessions', 'visibility']);
    const visibility =
      typeof raw === 'string' && ['self', 'tree', 'agent', 'all'].includes(raw.toLowerCase())
        ? raw.toLowerCase()
        : 'all';
    if (visibility === 'self' || visibility === 'tree') return [];
    const a2a = cfg.get(['tools', 'agentToAgent']);
    const a2aOn = !(isRecord(a2a) && a2a.enabled === false);
    const allow = isRecord(a2a) ? names(a2a.allow) : [];
    const a2aOpen = a2aOn && (allow.length === 0 || allow.some((x) => x.trim() === '*'));
    const clamp = cfg.get(['agents', 'defaults', 'sandbox', 'sessionToolsVisibility']) ?? 'spawned';
    const roster = agents(cfg);
    const reachers: string[] = [];
    const signals: string[] = [];
    for (const a of roster) {
      const mode = a.get(['sandbox', 'mode']).value ?? 'off';
      if (mode !== 'off') signals.push(`${a.id}: sandbox.mode "${String(mode)}"`);
      const own = a.id === 'defaults' ? undefined : cfg.get([...a.path, 'tools']);
      const restricted = ['profile', 'allow', 'deny'].filter((k) => isRecord(own) && own[k] !== undefined);
      if (restricted.length > 0)
        signals.push(`${a.id}: its own ${restricted.map((k) => `tools.${k}`).join(', ')}`);
      const tools = SESSION_TOOLS.filter((t) => toolAllowed(cfg, a, t));
      if ((mode !== 'all' || clamp === 'all') && tools.length > 0)
        reachers.push(a.id === 'defaults' ? 'the agent' : `"${a.id}"`);
    }
    if (reachers.length === 0) return [];
    const users = multiUserSignals(cfg);
    const where: JsonPath =
      raw !== undefined
        ? ['tools', 'sessions', 'visibility']
        : a2a !== undefined
          ? ['tools', 'agentToAgent']
          : roster.length > 1
            ? ['agents', 'list']
            : ['channels'];
    const findings: RawFinding[] = [];
    // Open to anyone: an allowlisted group alone (a hardened setup) is not reported without a second agent.
    const open = users.filter((u) => !u.endsWith('allowlisted groups'));
    if (roster.length >= 2 && visibility === 'all' && a2aOpen) {
      const all = [...signals, ...users];
      const how =
        allow.length > 0
          ? 'tools.agentToAgent.allow is "*" (every pair)'
          : 'tools.agentToAgent is enabled with no allow list';
      findings.push({
        message: `${roster.length} agents share Gateway-wide session access: tools.sessions.visibility is "all" and ${how}, so ${reachers.join(', ')} can read and write every other agent's and user's sessions.${all.length > 0 ? ` Trust levels differ: ${all.slice(0, 4).join('; ')}${all.length > 4 ? ` (+${all.length - 4} more)` : ''}.` : ''}`,
        ...at(cfg, where),
        severity: all.length > 0 ? 'medium' : 'info',
      });
    } else if (open.length > 0) {
      // One agent (or agents kept apart): the users of a shared channel still reach each other's sessions.
      findings.push({
        message: `tools.sessions.visibility is "${visibility}" and ${open.slice(0, 3).join('; ')}${open.length > 3 ? ` (+${open.length - 3} more)` : ''}: anyone who can message ${reachers.join(', ')} can have it list and read other users' sessions.`,
        ...at(cfg, where),
        severity: 'medium',
      });
    }
    return findings;
  },
});
