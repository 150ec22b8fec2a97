import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type LogIo, runLogExport, runLogQuery, runLogTail, runLogVerify } from '../../src/cli/log.js';
import { type ActivityEntry, appendActivity } from '../../src/log/activity-log.js';
import { runCli } from '../helpers/cli.js';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function entry(over: Partial<ActivityEntry>): ActivityEntry {
  return {
    ts: new Date().toISOString(),
    session: 's1',
    event: 'PreToolUse',
    tool: 'Bash',
    verdict: 'allow',
    ruleId: 'policy/allow',
    reason: 'ok',
    summary: 'ls',
    ...over,
  };
}

/** A home whose agentwarden log holds four entries, two sessions, one a day old. */
function homeWithLog(): { home: string; file: string } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-log-cli-'));
  dirs.push(home);
  const file = path.join(home, '.local', 'state', 'agentwarden', 'activity.jsonl');
  const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
  appendActivity(file, entry({ ts: dayAgo, summary: 'old' }));
  appendActivity(file, entry({ verdict: 'deny', ruleId: 'shell/pipe-to-shell', summary: 'curl x | sh' }));
  appendActivity(file, entry({ session: 's2', verdict: 'ask', ruleId: 'shell/network', summary: 'curl x' }));
  appendActivity(file, entry({ session: 's2', summary: 'pwd' }));
  return { home, file };
}

function io(): LogIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe('log query', () => {
  it('filters by verdict, rule prefix, session and since, in text and JSON', async () => {
    const { home } = homeWithLog();
    const base = { home, format: 'text' };
    let o = io();
    expect(await runLogQuery({ ...base, verdict: 'deny' }, o)).toBe(0);
    expect(o.stdout).toHaveLength(1);
    expect(o.stdout[0]).toMatch(/deny {2}Bash \[shell\/pipe-to-shell\] session s1: curl x \| sh/);
    o = io();
    await runLogQuery({ ...base, rule: 'shell/*', format: 'json' }, o);
    expect(JSON.parse(o.stdout.join('\n')).map((r: { summary: string }) => r.summary)).toEqual([
      'curl x | sh',
      'curl x',
    ]);
    o = io();
    await runLogQuery({ ...base, session: 's1', since: '1h' }, o);
    expect(o.stdout).toHaveLength(1);
    o = io();
    await runLogQuery({ ...base, since: '2000-01-01' }, o);
    expect(o.stdout).toHaveLength(4);
  });

  it('rejects a bad --since or --verdict in one line, exit 2', async () => {
    const { home } = homeWithLog();
    const o = io();
    expect(await runLogQuery({ home, format: 'text', since: 'yesterday' }, o)).toBe(2);
    expect(await runLogQuery({ home, format: 'text', verdict: 'maybe' }, o)).toBe(2);
    expect(o.stderr).toHaveLength(2);
    expect(o.stderr[0]).toMatch(/^agentwarden: error: --since yesterday: expected/);
  });
});

describe('log tail', () => {
  it('prints the last n entries', async () => {
    const { home } = homeWithLog();
    const o = io();
    expect(await runLogTail({ home, lines: '2' }, o)).toBe(0);
    expect(o.stdout.map((l) => /: (.*) — ok$/.exec(l)?.[1])).toEqual(['curl x', 'pwd']);
  });

  it('-f prints entries appended later, across a rotation, until stopped', async () => {
    const { home, file } = homeWithLog();
    const o = io();
    const stop = new AbortController();
    const following = runLogTail({ home, lines: '0', follow: true }, o, stop.signal);
    await new Promise((r) => setTimeout(r, 300));
    appendActivity(file, entry({ summary: 'new one' }));
    appendActivity(file, entry({ summary: 'after rotation' }), { maxBytes: 1 });
    const deadline = Date.now() + 10_000;
    while (o.stdout.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    expect(await following).toBe(0);
    expect(o.stdout.map((l) => /: (.*) — ok$/.exec(l)?.[1])).toEqual(['new one', 'after rotation']);
  });
});

describe('log verify', () => {
  it('exit 0 on an intact log, 1 with file:line on a tampered one, 2 when there is none', async () => {
    const { home, file } = homeWithLog();
    let o = io();
    expect(await runLogVerify({ home }, o)).toBe(0);
    expect(o.stdout[0]).toMatch(/^intact: 4 entries in 1 file/);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('curl x | sh', 'echo hello!'));
    o = io();
    expect(await runLogVerify({ home }, o)).toBe(1);
    expect(o.stdout[0]).toBe(`${file}:2: hash-mismatch: hash does not match the line`);
    o = io();
    expect(await runLogVerify({ file: path.join(home, 'nothing.jsonl') }, o)).toBe(2);
    expect(o.stderr[0]).toMatch(/^agentwarden: error: cannot verify: .*no activity log there/);
  });

  it('is registered on the command line with its exit codes', () => {
    const { home, file } = homeWithLog();
    expect(runCli(['log', 'verify', '--home', home]).code).toBe(0);
    fs.appendFileSync(file, '{"not":"chained"}\n');
    const r = runCli(['log', 'verify', '--file', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}:5: hash-mismatch`);
    expect(runCli(['log', 'query', '--home', home, '--verdict', 'maybe']).code).toBe(2);
  });
});

describe('log export', () => {
  it('sends to the given collector and never prints the auth header', async () => {
    const { home } = homeWithLog();
    const bodies: unknown[] = [];
    const server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c) => {
        text += c;
      });
      req.on('end', () => {
        bodies.push({ auth: req.headers.authorization, body: JSON.parse(text) });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const o = io();
      const code = await runLogExport(
        {
          home,
          otlp: `http://127.0.0.1:${port}`,
          since: '1h',
          header: ['Authorization=Bearer s3cr3t-token'],
          batch: '500',
        },
        o,
      );
      expect(code).toBe(0);
      expect(o.stdout).toEqual([`sent 3 entries to http://127.0.0.1:${port}`]);
      expect(bodies).toEqual([expect.objectContaining({ auth: 'Bearer s3cr3t-token' })]);
      const bad = io();
      expect(await runLogExport({ home, otlp: 'ftp://x', header: [], batch: '500' }, bad)).toBe(2);
      expect(
        await runLogExport({ home, otlp: `http://127.0.0.1:${port}`, header: ['s3cr3t'], batch: '500' }, bad),
      ).toBe(2);
      expect([...o.stdout, ...o.stderr, ...bad.stdout, ...bad.stderr].join('\n')).not.toContain('s3cr3t');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
