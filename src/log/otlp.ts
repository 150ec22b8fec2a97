import * as os from 'node:os';
import { redactText } from '../core/redact.js';
import { VERSION } from '../core/version.js';
import type { ActivityRecord } from './activity-log.js';

type AnyValue = { stringValue: string };
interface KeyValue {
  key: string;
  value: AnyValue;
}

const str = (key: string, value: string): KeyValue => ({ key, value: { stringValue: value } });

// OpenTelemetry severity numbers: INFO 9, WARN 13, ERROR 17.
const SEVERITY: Record<string, { number: number; text: string }> = {
  allow: { number: 9, text: 'INFO' },
  ask: { number: 13, text: 'WARN' },
  deny: { number: 17, text: 'ERROR' },
};

/** One OTLP/JSON log record for an activity log entry. Fields were redacted when written; again here. */
export function otlpLogRecord(r: ActivityRecord, observedAt: Date): Record<string, unknown> {
  const ms = Date.parse(r.ts);
  const severity = SEVERITY[r.verdict] ?? { number: 9, text: 'INFO' };
  return {
    ...(Number.isNaN(ms) ? {} : { timeUnixNano: (BigInt(ms) * 1_000_000n).toString() }),
    observedTimeUnixNano: (BigInt(observedAt.getTime()) * 1_000_000n).toString(),
    severityNumber: severity.number,
    severityText: severity.text,
    body: { stringValue: redactText(`${r.verdict} ${r.tool}: ${r.summary}`) },
    attributes: [
      str('session', r.session),
      str('event', r.event),
      str('tool', r.tool),
      str('verdict', r.verdict),
      str('rule', r.ruleId),
      str('reason', redactText(r.reason)),
      str('hash', r.hash),
    ],
  };
}

/** An OTLP/HTTP JSON `ExportLogsServiceRequest` body. */
export function otlpLogsRequest(records: readonly ActivityRecord[], observedAt: Date): unknown {
  return {
    resourceLogs: [
      {
        resource: {
          attributes: [str('service.name', 'agentwarden'), str('host.name', os.hostname())],
        },
        scopeLogs: [
          {
            scope: { name: 'agentwarden.activity', version: VERSION },
            logRecords: records.map((r) => otlpLogRecord(r, observedAt)),
          },
        ],
      },
    ],
  };
}

/** The collector's logs endpoint: a base URL gets `/v1/logs`; a full endpoint is kept. */
export function otlpLogsUrl(base: string): URL {
  const url = new URL(base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('expected an http(s) URL');
  if (!url.pathname.endsWith('/v1/logs')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/logs`;
  return url;
}

/** Where a URL points, without credentials, path or query: safe to print. */
export function urlOrigin(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

export interface OtlpExportOptions {
  url: URL;
  /** Sent with every request (auth); never printed. */
  headers?: Record<string, string>;
  batchSize?: number;
  timeoutMs?: number;
  now?: () => Date;
}

export type OtlpExportResult = { ok: true; sent: number } | { ok: false; sent: number; error: string };

/**
 * Posts the records in batches to the one URL given; stops at the first batch the collector refuses.
 * Error messages name the collector by origin only (a URL or header may carry a token).
 */
export async function exportOtlp(
  records: Iterable<ActivityRecord>,
  opts: OtlpExportOptions,
): Promise<OtlpExportResult> {
  const batchSize = opts.batchSize ?? 500;
  // fetch refuses a URL with credentials in it: they become a Basic auth header.
  const target = new URL(opts.url);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.username || target.password) {
    const user = decodeURIComponent(target.username);
    const pass = decodeURIComponent(target.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  Object.assign(headers, opts.headers);
  let sent = 0;
  let batch: ActivityRecord[] = [];
  const flush = async (): Promise<string | undefined> => {
    if (batch.length === 0) return undefined;
    const body = JSON.stringify(otlpLogsRequest(batch, (opts.now ?? (() => new Date()))()));
    try {
      const res = await fetch(target, {
        method: 'POST',
        headers,
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer();
      if (!res.ok) return `${urlOrigin(opts.url)} answered HTTP ${res.status}`;
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      return `cannot reach ${urlOrigin(opts.url)}: ${cause}`;
    }
    sent += batch.length;
    batch = [];
    return undefined;
  };
  for (const r of records) {
    batch.push(r);
    if (batch.length >= batchSize) {
      const error = await flush();
      if (error) return { ok: false, sent, error };
    }
  }
  const error = await flush();
  return error ? { ok: false, sent, error } : { ok: true, sent };
}
