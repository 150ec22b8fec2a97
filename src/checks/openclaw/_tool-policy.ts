/**
 * The shape of OpenClaw's tool policy, per agent and per provider: what the tool checks share. Not its whole
 * engine (plugin tools, toolsBySender and sandbox tool policies are not read), but its layers as the config
 * writes them (config-schema.json; docs/gateway/config-tools/tool-policy.md):
 *  - base: `tools.{profile,allow,alsoAllow,deny}`, where an agent's own `profile`/`allow`/`alsoAllow` replace the
 *    global ones (tools.profile_minimal_overridden) and every `deny` adds up;
 *  - provider: `tools.byProvider.<provider>` and `agents.*.tools.byProvider.<provider>`, keyed by provider or
 *    provider/model id, applied on top of the base to narrow it ("stricter controls" for one provider): their
 *    profile and allow lists filter, their deny lists add.
 */
import { isRecord, type JsonPath } from '../../core/document/index.js';
import type { AgentScope, OpenclawConfig } from './_openclaw.js';
import { agentScopes } from './_openclaw.js';

/** The group each tool the checks ask about belongs to (tool-policy.md "Tool groups"). */
const GROUP: Record<string, string> = {
  write: 'group:fs',
  edit: 'group:fs',
  apply_patch: 'group:fs',
  read: 'group:fs',
  exec: 'group:runtime',
  process: 'group:runtime',
  browser: 'group:ui',
  canvas: 'group:ui',
  sessions_send: 'group:sessions',
  sessions_history: 'group:sessions',
  sessions_list: 'group:sessions',
  sessions_spawn: 'group:sessions',
  sessions_search: 'group:sessions',
  session_status: 'group:sessions',
};
/** Profiles that hold neither the shell, file writes nor the browser. */
const NARROW_PROFILES = new Set(['minimal', 'messaging']);
/** Tools the messaging profile holds (session tools are how it talks across sessions). */
const MESSAGING_TOOLS = new Set([
  'message',
  'sessions_send',
  'sessions_history',
  'sessions_list',
  'sessions_search',
  'session_status',
]);

export const names = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

const named = (list: string[], tool: string) =>
  list.includes(tool) || list.includes('*') || list.includes(GROUP[tool] ?? '\0');

function profileHolds(profile: unknown, tool: string): boolean {
  if (profile === 'minimal') return tool === 'session_status';
  if (profile === 'messaging') return MESSAGING_TOOLS.has(tool);
  return true;
}

/** The tools settings of an agent ('defaults' = the global `tools`), where written. */
export function agentTools(_cfg: OpenclawConfig, a: AgentScope): JsonPath {
  return a.id === 'defaults' ? ['tools'] : [...a.path, 'tools'];
}

/** Every provider key of the byProvider layers that apply to this agent (global and its own). */
export function providerKeys(cfg: OpenclawConfig, a: AgentScope): string[] {
  const keys = new Set<string>();
  for (const p of [
    ['tools', 'byProvider'],
    [...agentTools(cfg, a), 'byProvider'],
  ]) {
    const v = cfg.get(p);
    if (isRecord(v)) for (const k of Object.keys(v)) keys.add(k);
  }
  return [...keys];
}

/**
 * Whether the agent may call the tool (with the given provider, or the base policy without one).
 * A tool an allow list or profile does not hold, or a deny list names, is not callable.
 */
export function toolAllowed(cfg: OpenclawConfig, a: AgentScope, tool: string, provider?: string): boolean {
  const own = (k: string) => (a.id === 'defaults' ? undefined : cfg.get([...a.path, 'tools', k]));
  const pick = (k: string) => own(k) ?? cfg.get(['tools', k]);
  const layers: unknown[] = [];
  if (provider !== undefined) {
    layers.push(cfg.get(['tools', 'byProvider', provider]));
    if (a.id !== 'defaults') layers.push(cfg.get([...a.path, 'tools', 'byProvider', provider]));
  }
  const deny = [
    ...names(cfg.get(['tools', 'deny'])),
    ...names(own('deny')),
    ...layers.flatMap((l) => (isRecord(l) ? names(l.deny) : [])),
  ];
  if (named(deny, tool)) return false;
  const allow = names(pick('allow'));
  const base =
    allow.length > 0
      ? named([...allow, ...names(pick('alsoAllow'))], tool)
      : profileHolds(pick('profile'), tool) || named(names(pick('alsoAllow')), tool);
  if (!base) return false;
  for (const l of layers) {
    if (!isRecord(l)) continue;
    const also = names(l.alsoAllow);
    const lAllow = names(l.allow);
    if (lAllow.length > 0 && !named([...lAllow, ...also], tool)) return false;
    if (typeof l.profile === 'string' && !profileHolds(l.profile, tool) && !named(also, tool)) return false;
  }
  return true;
}

/** A narrow profile (minimal, messaging) in force for the agent's base policy. */
export function narrowProfile(cfg: OpenclawConfig, a: AgentScope): boolean {
  const own = a.id === 'defaults' ? undefined : cfg.get([...a.path, 'tools', 'profile']);
  const profile = own ?? cfg.get(['tools', 'profile']);
  return typeof profile === 'string' && NARROW_PROFILES.has(profile);
}

/** The default agent: `default: true`, else the first listed; `agents.defaults` when none is listed. */
export function defaultAgent(cfg: OpenclawConfig): AgentScope {
  const scopes = agentScopes(cfg);
  const listed = scopes.filter((a) => a.id !== 'defaults');
  return (
    listed.find((a) => cfg.get([...a.path, 'default']) === true) ?? listed[0] ?? (scopes[0] as AgentScope)
  );
}

/**
 * Which agent answers each input (a channel or account, by channel id and account): the agent of every
 * `bindings[]` route whose match names its channel (and account, when the route gives one), and the default
 * agent for inputs no route takes whole (a route for one peer leaves the rest to the default agent).
 */
export function routeInputs<T extends { channel: string; account?: string }>(
  cfg: OpenclawConfig,
  inputs: T[],
): Map<AgentScope, T[]> {
  const byId = new Map(agentScopes(cfg).map((a) => [a.id, a]));
  const fallback = byId.get(defaultAgent(cfg).id) as AgentScope;
  const routes = cfg.get(['bindings']);
  const out = new Map<AgentScope, T[]>();
  const add = (a: AgentScope, x: T) => {
    const list = out.get(a) ?? [];
    if (!list.includes(x)) list.push(x);
    out.set(a, list);
  };
  for (const x of inputs) {
    let whole = false;
    for (const b of Array.isArray(routes) ? routes : []) {
      if (!isRecord(b) || typeof b.agentId !== 'string' || !isRecord(b.match)) continue;
      const m = b.match;
      if (m.channel !== x.channel) continue;
      if (m.accountId !== undefined && m.accountId !== '*' && m.accountId !== (x.account ?? 'default'))
        continue;
      const agent = byId.get(b.agentId);
      if (!agent) continue;
      add(agent, x);
      if (m.peer === undefined && m.guildId === undefined && m.teamId === undefined && m.roles === undefined)
        whole = true;
    }
    if (!whole) add(fallback, x);
  }
  return out;
}
