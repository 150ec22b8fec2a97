import * as fs from 'node:fs';
import * as path from 'node:path';
import { redactText } from '../core/redact.js';
import { readStateFile } from '../core/safe-read.js';
import type { ActivityEntry } from '../log/activity-log.js';
import { withFileLock } from '../log/lock.js';
import { urlOrigin } from '../log/otlp.js';
import type { RespondLimits } from '../policy/policy.js';

export const ALERT_KINDS = [
  'credential-access',
  'denied-action',
  'new-egress-host',
  'repo-push',
  'package-install',
  'drift',
  'spend-threshold',
  'kill-switch',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface Alert {
  kind: AlertKind;
  /** What makes two alerts of a kind the same (a path, a host, a rule and command): de-duplication key. */
  key: string;
  /** One line for a person, redacted. */
  text: string;
  ts: string;
  session: string;
  ruleId: string;
}

export type AlertConfig = NonNullable<RespondLimits['alerts']>;

const TITLES: Record<AlertKind, string> = {
  'credential-access': 'credential access attempt',
  'denied-action': 'action denied',
  'new-egress-host': 'egress to a new host',
  'repo-push': 'repository push',
  'package-install': 'package install',
  drift: 'lockfile or skill drift',
  'spend-threshold': 'spend threshold',
  'kill-switch': 'kill switch',
};

const CREDENTIAL_RULES = new Set([
  'protected-path/read-secret',
  'protected-path/write-secret',
  'credentials/env-secret',
  'network/secret-in-url',
  'secret-in-prompt',
  'shell/read-credentials',
  'shell/code-read-credentials',
  'shell/exfiltrate-credentials',
  'shell/write-credentials',
  'shell/read-keychain',
  'shell/docker-credential-mount',
]);
const PACKAGE_RULES = new Set([
  'shell/package-install',
  'shell/package-install-lockfile',
  'shell/package-add',
  'shell/package-update',
  'shell/npx-remote-package',
]);
// Network rules whose host the policy already trusts are not news.
const QUIET_NETWORK_RULES = new Set(['network/allowlisted', 'network/local']);

/** The first host named in a summary: a URL's host, or the summary itself when it is a bare host. */
function hostOf(summary: string): string | undefined {
  const url = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/i.exec(summary)?.[0];
  if (url) {
    try {
      return new URL(url).hostname.toLowerCase() || undefined;
    } catch {
      return undefined;
    }
  }
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(summary.trim()) ? summary.trim().toLowerCase() : undefined;
}

function kindsOf(e: ActivityEntry): { kind: AlertKind; key: string }[] {
  const rule = e.ruleId;
  const role = /^role\/[^/]+\/(.+)$/.exec(rule)?.[1];
  const day = e.ts.slice(0, 10);
  if (rule === 'kill-switch') return [{ kind: 'kill-switch', key: 'kill-switch' }];
  const out: { kind: AlertKind; key: string }[] = [];
  if (CREDENTIAL_RULES.has(rule) || role === 'credentials')
    out.push({ kind: 'credential-access', key: `${rule}:${e.summary}` });
  if (rule.startsWith('shell/git-push') || role === 'git-push')
    out.push({ kind: 'repo-push', key: `${e.session}:${e.summary}` });
  if (PACKAGE_RULES.has(rule) || role === 'package-install')
    out.push({ kind: 'package-install', key: `${e.session}:${e.summary}` });
  if (rule.startsWith('skills/') || rule.includes('drift'))
    out.push({ kind: 'drift', key: `${rule}:${e.summary}` });
  if (rule.startsWith('budget/') || rule.startsWith('spend/'))
    out.push({ kind: 'spend-threshold', key: `${rule}:${day}` });
  const networky =
    (rule.startsWith('network/') && !QUIET_NETWORK_RULES.has(rule)) ||
    role === 'network' ||
    rule === 'shell/network' ||
    rule === 'shell/network-upload';
  const host = networky && e.verdict !== 'deny' ? hostOf(e.summary) : undefined;
  if (host) out.push({ kind: 'new-egress-host', key: host });
  if (e.verdict === 'deny' && out.length === 0)
    out.push({ kind: 'denied-action', key: `${rule}:${e.summary}` });
  return out;
}

/**
 * The alerts a guard event raises, from its rule id and verdict. Pure: whether a host is new and whether
 * an alert is a repeat is decided by `deliverAlerts`, which keeps the state.
 */
export function classifyAlerts(e: ActivityEntry): Alert[] {
  return kindsOf(e).map(({ kind, key }) => {
    const what = [e.tool, e.summary].filter(Boolean).join(': ');
    const why = e.reason ? ` — ${e.reason}` : '';
    const session = e.session ? ` (session ${e.session})` : '';
    const text = `agentwarden: ${TITLES[kind]}: ${e.verdict} ${what} [${e.ruleId}]${why}${session}`;
    return {
      kind,
      key,
      text: redactText(text).slice(0, 1800),
      ts: e.ts,
      session: e.session,
      ruleId: e.ruleId,
    };
  });
}

/** Slack reads `text`, Discord reads `content`: one body works for both. */
export function webhookBody(alerts: readonly Alert[], suppressed: number): { text: string; content: string } {
  const lines = alerts.map((a) => a.text);
  if (suppressed > 0) lines.push(`(${suppressed} more alert(s) held back by the rate limit)`);
  // Discord refuses content over 2000 characters.
  const text = lines.join('\n').slice(0, 1990);
  return { text, content: text };
}

interface AlertState {
  /** When each of the last minute's webhook messages went out (ms). */
  sent: number[];
  /** Last time each kind+key was sent (ms). */
  seen: Record<string, number>;
  /** Egress hosts already reported once. */
  hosts: string[];
  /** Alerts held back by the rate limit since the last message. */
  suppressed: number;
}

const MAX_SEEN = 2000;
const MAX_HOSTS = 5000;
const DAY_MS = 86_400_000;

function readState(file: string): AlertState {
  try {
    // Bounded and regular files only: this is read on the hook path (core/safe-read.ts).
    const read = readStateFile(file, 4 * 1024 * 1024);
    const v = (read.status === 'found' ? JSON.parse(read.text) : {}) as Partial<AlertState>;
    return {
      sent: Array.isArray(v.sent) ? v.sent.filter((n) => typeof n === 'number') : [],
      seen: v.seen && typeof v.seen === 'object' ? v.seen : {},
      hosts: Array.isArray(v.hosts) ? v.hosts.filter((h) => typeof h === 'string') : [],
      suppressed: typeof v.suppressed === 'number' ? v.suppressed : 0,
    };
  } catch {
    return { sent: [], seen: {}, hosts: [], suppressed: 0 };
  }
}

function writeState(file: string, state: AlertState): void {
  const entries = Object.entries(state.seen)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_SEEN);
  const bounded = { ...state, seen: Object.fromEntries(entries), hosts: state.hosts.slice(-MAX_HOSTS) };
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(bounded), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

export interface DeliverOptions {
  config: AlertConfig | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** agentwarden's state dir: rate-limit and de-duplication state live there. */
  stateDir: string;
  now?: Date;
  /** The whole send; the hook must not wait longer. */
  timeoutMs?: number;
}

export interface DeliverResult {
  sent: number;
  /** Repeats within the window, or hosts already reported. */
  duplicates: number;
  /** Held back by the rate limit (reported in the next message). */
  rateLimited: number;
  /** Problems to log as warnings; never contain the webhook URL. */
  warnings: string[];
}

function webhookUrl(config: AlertConfig, env: DeliverOptions['env']): URL | string {
  const hook = config.webhook;
  if (!hook) return 'no webhook configured';
  const raw = 'url' in hook ? hook.url : env[hook.urlEnv];
  if (!raw) return `alert webhook: $${'urlEnv' in hook ? hook.urlEnv : ''} is not set`;
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url;
  } catch {
    // reported below without the value
  }
  return 'alert webhook: the URL is not an http(s) URL';
}

/** Which alerts go out now, with the state updated as if they were sent (under the state file's lock). */
function admit(
  alerts: readonly Alert[],
  config: AlertConfig,
  stateFile: string,
  now: number,
): { admitted: Alert[]; suppressed: number; duplicates: number; rateLimited: number } | undefined {
  const maxPerMinute = config.maxPerMinute ?? 6;
  const windowMs = (config.dedupMinutes ?? 15) * 60_000;
  const locked = withFileLock(
    `${stateFile}.lock`,
    () => {
      const state = readState(stateFile);
      state.sent = state.sent.filter((t) => now - t < 60_000);
      let duplicates = 0;
      const fresh: Alert[] = [];
      for (const a of alerts) {
        if (a.kind === 'new-egress-host') {
          if (state.hosts.includes(a.key)) {
            duplicates++;
            continue;
          }
          state.hosts.push(a.key);
        } else {
          const id = `${a.kind}:${a.key}`;
          const window = a.kind === 'spend-threshold' ? DAY_MS : windowMs;
          if (now - (state.seen[id] ?? Number.NEGATIVE_INFINITY) < window) {
            duplicates++;
            continue;
          }
          state.seen[id] = now;
        }
        fresh.push(a);
      }
      let admitted: Alert[] = [];
      let rateLimited = 0;
      let suppressed = 0;
      if (fresh.length > 0) {
        if (state.sent.length < maxPerMinute) {
          admitted = fresh;
          suppressed = state.suppressed;
          state.suppressed = 0;
          state.sent.push(now);
        } else {
          rateLimited = fresh.length;
          state.suppressed += fresh.length;
        }
      }
      writeState(stateFile, state);
      return { admitted, suppressed, duplicates, rateLimited };
    },
    { timeoutMs: 500 },
  );
  return locked?.value;
}

/**
 * Sends a guard event's alerts to the webhook in the user policy: de-duplicated (same kind and key within
 * `dedupMinutes`, a host once, a spend level once a day), rate-limited (`maxPerMinute` messages; what is
 * held back is counted into the next one), with a short timeout. Never throws: every problem is a
 * warning, and none contains the webhook URL (it is a secret; only its origin is named).
 */
export async function deliverAlerts(alerts: readonly Alert[], o: DeliverOptions): Promise<DeliverResult> {
  const result: DeliverResult = { sent: 0, duplicates: 0, rateLimited: 0, warnings: [] };
  if (alerts.length === 0 || !o.config?.webhook) return result;
  const url = webhookUrl(o.config, o.env);
  if (typeof url === 'string') return { ...result, warnings: [url] };
  let admitted: ReturnType<typeof admit>;
  try {
    fs.mkdirSync(o.stateDir, { recursive: true, mode: 0o700 });
    admitted = admit(
      alerts,
      o.config,
      path.join(o.stateDir, 'alerts-state.json'),
      (o.now ?? new Date()).getTime(),
    );
  } catch (err) {
    return { ...result, warnings: [`alert state: ${(err as NodeJS.ErrnoException).code ?? 'unwritable'}`] };
  }
  if (!admitted)
    return { ...result, warnings: ['alert state is locked by another process; alerts not sent'] };
  Object.assign(result, { duplicates: admitted.duplicates, rateLimited: admitted.rateLimited });
  if (admitted.admitted.length === 0) return result;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(webhookBody(admitted.admitted, admitted.suppressed)),
      redirect: 'error',
      signal: AbortSignal.timeout(o.timeoutMs ?? 1500),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.ok) result.sent = admitted.admitted.length;
    else result.warnings.push(`alert webhook at ${urlOrigin(url)} answered HTTP ${res.status}`);
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    result.warnings.push(`alert webhook at ${urlOrigin(url)} not reached: ${cause}`);
  }
  return result;
}

/** The one call for the guard pipeline: classify a logged event and deliver what it raises. */
export async function alertOnEvent(entry: ActivityEntry, o: DeliverOptions): Promise<DeliverResult> {
  return deliverAlerts(classifyAlerts(entry), o);
}
