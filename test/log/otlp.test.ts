import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ActivityRecord, appendActivity } from '../../src/log/activity-log.js';
import { exportOtlp, otlpLogsUrl } from '../../src/log/otlp.js';
import { readRecords } from '../../src/log/read.js';

interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** A stand-in OpenTelemetry Collector on 127.0.0.1 (random port) that records what it is sent. */
async function receiver(status = 200): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => {
      text += c;
    });
    req.on('end', () => {
      got.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(text) });
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    got,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function records(n: number): ActivityRecord[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-otlp-'));
  dirs.push(dir);
  const file = path.join(dir, 'activity.jsonl');
  for (let i = 0; i < n; i++)
    appendActivity(file, {
      ts: new Date(Date.UTC(2026, 10, 26, 12, 0, i)).toISOString(),
      session: 'sess-1',
      event: 'PreToolUse',
      tool: 'Bash',
      verdict: i === 0 ? 'deny' : 'allow',
      ruleId: i === 0 ? 'shell/pipe-to-shell' : 'policy/allow',
      reason: i === 0 ? 'pipes a download into a shell' : 'ok',
      summary: `cmd ${i}`,
    });
  return [...readRecords(file)].map((r) => r.record);
}

describe('exportOtlp', () => {
  it('posts OTLP/HTTP JSON logs in batches to /v1/logs with the auth header', async () => {
    const rx = await receiver();
    try {
      const result = await exportOtlp(records(5), {
        url: otlpLogsUrl(rx.url),
        headers: { authorization: 'Bearer t0ken' },
        batchSize: 2,
      });
      expect(result).toEqual({ ok: true, sent: 5 });
      expect(rx.got.map((g) => g.url)).toEqual(['/v1/logs', '/v1/logs', '/v1/logs']);
      expect(rx.got[0]?.headers.authorization).toBe('Bearer t0ken');
      expect(rx.got[0]?.headers['content-type']).toBe('application/json');
      const body = rx.got[0]?.body as {
        resourceLogs: {
          resource: { attributes: { key: string; value: { stringValue: string } }[] };
          scopeLogs: { scope: { name: string }; logRecords: Record<string, unknown>[] }[];
        }[];
      };
      const rl = body.resourceLogs[0];
      expect(rl?.resource.attributes).toContainEqual({
        key: 'service.name',
        value: { stringValue: 'agentwarden' },
      });
      expect(rl?.scopeLogs[0]?.scope.name).toBe('agentwarden.activity');
      const logs = rl?.scopeLogs[0]?.logRecords ?? [];
      expect(logs).toHaveLength(2);
      expect(logs[0]).toMatchObject({
        timeUnixNano: (BigInt(Date.UTC(2026, 10, 26, 12, 0, 0)) * 1_000_000n).toString(),
        severityText: 'ERROR',
        severityNumber: 17,
        body: { stringValue: 'deny Bash: cmd 0' },
      });
      const attrs = Object.fromEntries(
        ((logs[0]?.attributes ?? []) as { key: string; value: { stringValue: string } }[]).map((a) => [
          a.key,
          a.value.stringValue,
        ]),
      );
      expect(attrs).toMatchObject({
        session: 'sess-1',
        tool: 'Bash',
        verdict: 'deny',
        rule: 'shell/pipe-to-shell',
        reason: 'pipes a download into a shell',
      });
      expect(logs[1]).toMatchObject({ severityText: 'INFO' });
    } finally {
      await rx.close();
    }
  });

  it('stops at a refused batch and names the collector by origin only', async () => {
    const rx = await receiver(401);
    try {
      const url = otlpLogsUrl(rx.url.replace('http://', 'http://user:secretpw@'));
      const result = await exportOtlp(records(3), { url, batchSize: 2 });
      expect(result).toMatchObject({ ok: false, sent: 0 });
      if (!result.ok) {
        expect(result.error).toContain('HTTP 401');
        expect(result.error).not.toContain('secretpw');
      }
      expect(rx.got).toHaveLength(1);
      expect(rx.got[0]?.headers.authorization).toBe(
        `Basic ${Buffer.from('user:secretpw').toString('base64')}`,
      );
    } finally {
      await rx.close();
    }
  });

  it('reports an unreachable collector without throwing', async () => {
    const rx = await receiver();
    await rx.close(); // nothing listens there any more
    const result = await exportOtlp(records(1), { url: otlpLogsUrl(rx.url), timeoutMs: 2000 });
    expect(result).toMatchObject({
      ok: false,
      sent: 0,
      error: expect.stringMatching(/^cannot reach http:\/\/127\.0\.0\.1:/),
    });
  });

  it('keeps a full endpoint and rejects what is not http(s)', () => {
    expect(otlpLogsUrl('https://otel.example:4318/v1/logs').pathname).toBe('/v1/logs');
    expect(otlpLogsUrl('http://127.0.0.1:4318/prefix/').pathname).toBe('/prefix/v1/logs');
    expect(() => otlpLogsUrl('file:///etc/passwd')).toThrow();
  });
});
