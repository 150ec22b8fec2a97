/** What the OpenClaw checks share: the loaded config, its channels, accounts and agents, and examples. */

import * as path from 'node:path';
import type { CheckExample, FixtureEntry } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import { isRecord, type JsonPath } from '../../core/document/index.js';
import type { FixPlan, RawFinding } from '../../core/finding.js';
import { loadOpenclawConfig, type OpenclawConfig } from '../../discover/openclaw.js';
import { openclawWorkspace } from '../../discover/openclaw-skills.js';
import { readSqliteTable, type SqliteValue } from '../../discover/sqlite.js';

export type { OpenclawConfig };
export { openclawWorkspace };

/** The config when OpenClaw is installed here (a config file or a state dir); undefined otherwise. */
export function openclaw(ctx: AuditContext): OpenclawConfig | undefined {
  const cfg = loadOpenclawConfig(ctx);
  if (!cfg.configFile && ctx.fs.stat(cfg.stateDir)?.kind !== 'dir') return undefined;
  return cfg;
}

const MAX_STATE_BYTES = 64 * 1024 * 1024;

/**
 * The rows of a table of OpenClaw's SQLite state, `<state>/state/openclaw.sqlite` with its WAL laid over it
 * (read without SQLite); no rows when there is none or it cannot be read.
 */
export function openclawStateTable(
  ctx: AuditContext,
  cfg: OpenclawConfig,
  table: string,
): { db: string; rows: SqliteValue[][] } {
  const db = path.join(cfg.stateDir, 'state', 'openclaw.sqlite');
  return ctx.memo(`openclaw-state:${db}#${table}`, () => {
    const bytes = ctx.fs.readBytes(db, MAX_STATE_BYTES);
    const read = bytes && readSqliteTable(bytes, ctx.fs.readBytes(`${db}-wal`, MAX_STATE_BYTES), table);
    return { db, rows: read?.ok ? read.rows : [] };
  });
}

/** The JSON text of a state row's column, parsed; undefined when absent or not JSON. */
export function stateJson(value: SqliteValue | undefined): unknown {
  try {
    return typeof value === 'string' ? JSON.parse(value) : undefined;
  } catch {
    return undefined;
  }
}

/** file/line/column of the value at p (or of its nearest written parent), for a finding. */
export function at(cfg: OpenclawConfig, p: JsonPath): Pick<RawFinding, 'file' | 'line' | 'column'> {
  const where = cfg.locate(p);
  if (where) return { file: where.file, line: where.line, column: where.column };
  return cfg.configFile ? { file: cfg.configFile, line: 1, column: 1 } : { file: cfg.stateDir };
}

export const show = (p: JsonPath) => p.map(String).join('.');

/** A setting as it applies to one channel or account: the value and the path that wrote it. */
export interface Effective {
  value: unknown;
  /** Where it is written; undefined when it is OpenClaw's default. */
  path?: JsonPath;
}

/** One channel, or one account of a channel (an account inherits what it does not set). */
export interface ChannelScope {
  channel: string;
  account?: string;
  /** `channels.telegram` or `channels.telegram.accounts.work`. */
  path: JsonPath;
  label: string;
  get(key: string | JsonPath): Effective;
}

const NOT_CHANNELS = new Set(['defaults', 'modelByChannel']);

/** Every enabled channel and account, in the config's order. */
export function channelScopes(cfg: OpenclawConfig): ChannelScope[] {
  const channels = cfg.get(['channels']);
  if (!isRecord(channels)) return [];
  const out: ChannelScope[] = [];
  for (const [channel, raw] of Object.entries(channels)) {
    if (NOT_CHANNELS.has(channel) || !isRecord(raw) || raw.enabled === false) continue;
    const base: JsonPath = ['channels', channel];
    const lookup = (layers: JsonPath[], key: string | JsonPath): Effective => {
      const rel = typeof key === 'string' ? [key] : key;
      for (const layer of layers) {
        const value = cfg.get([...layer, ...rel]);
        if (value !== undefined) return { value, path: [...layer, ...rel] };
      }
      if (rel.length === 1 && rel[0] === 'groupPolicy') {
        const value = cfg.get(['channels', 'defaults', 'groupPolicy']);
        if (value !== undefined) return { value, path: ['channels', 'defaults', 'groupPolicy'] };
      }
      return { value: undefined };
    };
    const accounts = isRecord(raw.accounts) ? Object.entries(raw.accounts) : [];
    const enabledAccounts = accounts.filter(([, a]) => !(isRecord(a) && a.enabled === false));
    // A channel with accounts configures them; its own top-level settings are their shared defaults.
    if (enabledAccounts.length === 0)
      out.push({ channel, path: base, label: channel, get: (k) => lookup([base], k) });
    for (const [account] of enabledAccounts) {
      const p = [...base, 'accounts', account];
      out.push({
        channel,
        account,
        path: p,
        label: `${channel} account "${account}"`,
        get: (k) => lookup([p, base], k),
      });
    }
  }
  return out;
}

/** Direct messages from anyone reach the agent (dmPolicy open), or groups are open. */
export function openIngress(cfg: OpenclawConfig): ChannelScope[] {
  return channelScopes(cfg).filter(
    (s) => s.get('dmPolicy').value === 'open' || s.get('groupPolicy').value === 'open',
  );
}

/** `agents.defaults`, then each agent (`agents.entries.<id>`, or the older `agents.list[]`). */
export interface AgentScope {
  id: string;
  path: JsonPath;
  get(key: JsonPath): Effective;
}

export function agentScopes(cfg: OpenclawConfig): AgentScope[] {
  const defaults: JsonPath = ['agents', 'defaults'];
  const pick = (layers: JsonPath[], key: JsonPath): Effective => {
    for (const layer of layers) {
      const value = cfg.get([...layer, ...key]);
      if (value !== undefined) return { value, path: [...layer, ...key] };
    }
    return { value: undefined };
  };
  const out: AgentScope[] = [{ id: 'defaults', path: defaults, get: (k) => pick([defaults], k) }];
  const entries = cfg.get(['agents', 'entries']);
  if (isRecord(entries))
    for (const id of Object.keys(entries)) {
      const p = ['agents', 'entries', id];
      out.push({ id, path: p, get: (k) => pick([p, defaults], k) });
    }
  const list = cfg.get(['agents', 'list']);
  if (Array.isArray(list))
    list.forEach((a, i) => {
      const p = ['agents', 'list', i];
      const id = isRecord(a) && typeof a.id === 'string' ? a.id : `#${i}`;
      out.push({ id, path: p, get: (k) => pick([p, defaults], k) });
    });
  return out;
}

/** Gateway reachable beyond this machine: a bind other than loopback (loopback is the default), or Funnel. */
export function gatewayExposed(cfg: OpenclawConfig): boolean {
  const bind = cfg.get(['gateway', 'bind']);
  return (
    (bind !== undefined && bind !== 'loopback') || cfg.get(['gateway', 'tailscale', 'mode']) === 'funnel'
  );
}

/** Values written in strings' places that are not literal (env/SecretRef); see resolveSecret for the rest. */
export function isReference(v: unknown): boolean {
  return isRecord(v) || (typeof v === 'string' && /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(v.trim()));
}

/**
 * A fake OpenClaw home for examples: the state dir 0700 and the config 0600, so an example about one
 * setting does not trip the permission check. Extra files are added as given.
 */
export function openclawHome(
  config: string,
  extra: Record<string, string | FixtureEntry> = {},
  rest: Omit<CheckExample, 'name' | 'files'> = {},
): Omit<CheckExample, 'name'> {
  return {
    files: {
      '~/.openclaw': { dir: true, mode: 0o700 },
      '~/.openclaw/openclaw.json': { content: config, mode: 0o600 },
      ...extra,
    },
    ...rest,
  };
}

/** A config that passes every OpenClaw check: the seed's hardened setup. */
export const HARDENED_CONFIG = `// hardened OpenClaw config
{
  gateway: {
    bind: 'loopback',
    auth: { mode: 'token', token: '\${OPENCLAW_GATEWAY_TOKEN}' },
  },
  channels: {
    telegram: {
      botToken: '\${TELEGRAM_BOT_TOKEN}',
      dmPolicy: 'pairing',
      groupPolicy: 'allowlist',
      groupAllowFrom: ['-1001234567890'],
      groups: { '*': { requireMention: true } },
    },
  },
  session: { dmScope: 'per-channel-peer', maintenance: { mode: 'enforce', pruneAfter: '14d' } },
  agents: { defaults: { sandbox: { mode: 'non-main' } } },
  tools: { profile: 'messaging', exec: { security: 'allowlist', ask: 'on-miss' }, deny: ['browser'] },
  plugins: { allow: [] },
}
`;

/**
 * A comment-preserving fix setting p to value, in the file that writes p (an include when it does), or in
 * the main config when p is an unwritten default. None when there is no config file to edit.
 */
export function setPlan(cfg: OpenclawConfig, p: JsonPath, value: unknown, description: string): FixPlan[] {
  const found = cfg.owner(p);
  if (found?.source.doc.has(found.rest))
    return [
      { kind: 'json-set', file: found.source.file, path: found.rest, value, format: 'json5', description },
    ];
  if (!cfg.configFile) return [];
  return [{ kind: 'json-set', file: cfg.configFile, path: p, value, format: 'json5', description }];
}
