import { redactText } from '../core/redact.js';
import type { ShellAnalysis } from '../scanners/shell/types.js';
import { pathOperands } from './commands.js';
import { parseDestination } from './domains.js';
import { matchablePath, matchesAny } from './glob.js';
import type { Policy } from './policy.js';
import type { Action } from './types.js';

/** What the guard remembers within one agent session. Small and JSON-serialisable: the adapter persists it. */
export interface SessionState {
  /** The session has read content a third party controls (CS-5, OC-H6). */
  tainted: boolean;
  /** Where the untrusted content came from, most recent last (at most MAX_SOURCES). */
  taintSources: string[];
}

const MAX_SOURCES = 5;

export function initialSessionState(): SessionState {
  return { tainted: false, taintSources: [] };
}

const CONTENT_READERS = new Set([
  'cat',
  'less',
  'more',
  'head',
  'tail',
  'bat',
  'jq',
  'yq',
  'strings',
  'grep',
  'rg',
  'awk',
  'sed',
  'xxd',
  'unzip',
  'pdftotext',
]);

function shortUrl(text: string): string {
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

/** Names the untrusted content an action brings into the session, if it brings any. */
export function untrustedSource(
  action: Action,
  policy: Policy,
  analysis?: ShellAnalysis,
): string | undefined {
  const home = policy.compiled.home;
  const remote = (url: string) => {
    const d = parseDestination(url);
    return d !== undefined && (d.place === 'internet' || d.place === 'local-network');
  };
  if (action.kind === 'network') {
    if (action.urls.length === 0) return `${action.tool} results`;
    const url = action.urls.find(remote);
    if (url) return `${action.tool} ${shortUrl(url)}`;
  }
  if (action.kind === 'mcp' || action.mcp !== undefined) {
    if (!policy.taint.trustedMcpServers.includes(action.mcp?.server ?? '')) return `MCP ${action.tool}`;
  }
  const untrustedPath = (p: string) =>
    matchesAny(policy.compiled.untrusted, matchablePath(p, home)) !== undefined;
  if (action.kind === 'read' || action.kind === 'search') {
    const p = action.paths.find(untrustedPath);
    if (p) return `${action.tool} ${matchablePath(p, home)}`;
  }
  if (analysis) {
    for (const effect of analysis.effects) {
      const url = effect.urls.find(remote);
      if (effect.capability === 'network' && url) return `${action.tool} ${shortUrl(url)}`;
      const p = effect.capability === 'read' ? effect.paths.find(untrustedPath) : undefined;
      if (p) return `${action.tool} ${matchablePath(p, home)}`;
    }
    // Plain reads have no effect of their own: look at what content readers were given.
    for (const command of analysis.commands) {
      if (!CONTENT_READERS.has(command.name ?? '')) continue;
      const p = pathOperands(command, action.cwd, home).find(untrustedPath);
      if (p) return `${action.tool} ${matchablePath(p, home)}`;
    }
  } else {
    const url = action.urls.find(remote);
    if (url) return `${action.tool} ${shortUrl(url)}`;
  }
  return undefined;
}

/**
 * The session state after an action ran. Pure; call it after the tool ran (PostToolUse) with the shell
 * analysis the decision used, when there was one.
 */
export function observe(
  action: Action,
  state: SessionState,
  policy: Policy,
  analysis?: ShellAnalysis,
): SessionState {
  const source = untrustedSource(action, policy, analysis);
  if (!source) return state;
  const named = redactText(source);
  const sources = [...state.taintSources.filter((s) => s !== named), named].slice(-MAX_SOURCES);
  return { tainted: true, taintSources: sources };
}
