import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { type ActivityEntry, appendActivity, sha256, verifyActivityLog } from '../../src/log/activity-log.js';

const FAKE_KEY = 'sk-ant-api03-Qw3rTy7uIoP9aSdFgHjKlZxCvBnM1234567890aXcdEFqH';

let dirs: string[] = [];
function tempLog(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-log-'));
  dirs.push(dir);
  return path.join(dir, 'state', 'activity.jsonl');
}
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function entry(over: Partial<ActivityEntry> = {}): ActivityEntry {
  return {
    ts: '2026-11-26T12:00:00.000Z',
    session: 's1',
    event: 'PreToolUse',
    tool: 'Bash',
    verdict: 'deny',
    ruleId: 'shell/rm-recursive-home',
    reason: 'deletes the home directory',
    summary: 'rm -rf ~',
    ...over,
  };
}

describe('appendActivity', () => {
  it('writes one hash-chained JSON line per entry', () => {
    const file = tempLog();
    for (let i = 0; i < 3; i++) expect(appendActivity(file, entry({ summary: `cmd ${i}` })).ok).toBe(true);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const records = lines.map((l) => JSON.parse(l));
    expect(records[0].prev).toBeNull();
    expect(records[1].prev).toBe(sha256(lines[0] ?? ''));
    expect(records[2].prev).toBe(sha256(lines[1] ?? ''));
    expect(Object.keys(records[0])).toEqual([
      'ts',
      'session',
      'event',
      'tool',
      'verdict',
      'ruleId',
      'reason',
      'summary',
      'prev',
      'hash',
    ]);
    expect(verifyActivityLog(fs.readFileSync(file, 'utf8'))).toEqual({ ok: true, lines: 3 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('never writes a secret: every field is redacted first', () => {
    const file = tempLog();
    appendActivity(
      file,
      entry({ summary: `curl -H "x-api-key: ${FAKE_KEY}" https://api`, reason: `key ${FAKE_KEY}` }),
    );
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(FAKE_KEY);
    expect(text).not.toContain(FAKE_KEY.slice(8, 30));
    expect(text).toContain('redacted');
  });

  it('redacts a multi-line private key in one field without disturbing the others', () => {
    const file = tempLog();
    const key = `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ${'A'.repeat(40)}\n`;
    appendActivity(file, entry({ summary: `echo "${key}" > k`, reason: 'writes a key' }));
    const record = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(record.summary).not.toContain('b3BlbnNzaC1rZXktdjEAAAAABG5vbmU');
    expect(record.summary).toContain('redacted');
    expect(record.reason).toBe('writes a key');
    expect(record.tool).toBe('Bash');
  });

  it('keeps each line one line and under PIPE_BUF however long or odd the input', () => {
    const file = tempLog();
    appendActivity(
      file,
      entry({ summary: `echo ${'ü'.repeat(5000)}\n\u0000next`, reason: 'x'.repeat(10_000) }),
    );
    const text = fs.readFileSync(file, 'utf8');
    expect(text.split('\n')).toHaveLength(2);
    expect(Buffer.byteLength(text)).toBeLessThan(4096);
    expect(verifyActivityLog(text).ok).toBe(true);
  });

  it('continues the chain after a torn last line, on a fresh line', () => {
    const file = tempLog();
    appendActivity(file, entry());
    fs.appendFileSync(file, '{"ts":"torn');
    appendActivity(file, entry({ summary: 'after' }));
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2] ?? '').prev).toBe(sha256('{"ts":"torn'));
  });

  it('reports a failure instead of throwing', () => {
    const file = tempLog();
    fs.mkdirSync(file, { recursive: true }); // the log path is a directory
    const result = appendActivity(file, entry());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(file);
  });
});

describe('verifyActivityLog', () => {
  function threeLines(): string {
    const file = tempLog();
    for (let i = 0; i < 3; i++) appendActivity(file, entry({ summary: `cmd ${i}` }));
    return fs.readFileSync(file, 'utf8');
  }

  it('finds an edited line', () => {
    const text = threeLines().replace('cmd 1', 'cmd X');
    expect(verifyActivityLog(text)).toMatchObject({
      ok: false,
      line: 2,
      error: 'hash does not match the line',
    });
  });

  it('finds a removed line', () => {
    const lines = threeLines().split('\n');
    lines.splice(1, 1);
    expect(verifyActivityLog(lines.join('\n'))).toMatchObject({ ok: false, line: 2 });
  });

  it('finds a rehashed edit through the next line', () => {
    const lines = threeLines().trimEnd().split('\n');
    const rec = JSON.parse(lines[1] ?? '');
    rec.summary = 'innocent';
    const { hash: _old, ...body } = rec;
    lines[1] = JSON.stringify({ ...body, hash: sha256(JSON.stringify(body)) });
    expect(verifyActivityLog(lines.join('\n'))).toMatchObject({ ok: false, line: 3 });
  });
});

describe('parallel writers', () => {
  function bundleActivityLog(file: string): string {
    const bundle = path.join(path.dirname(path.dirname(file)), 'activity-log.mjs');
    buildSync({
      entryPoints: [path.resolve('src/log/activity-log.ts')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile: bundle,
      logLevel: 'warning',
    });
    return bundle;
  }

  /** 20 fresh processes (as 20 hook calls are) each appending 5 entries; resolves to their exit codes. */
  function twentyWriters(file: string, bundle: string): Promise<number[]> {
    // Every entry carries text the redactor has to work through, as real summaries do.
    const script = `
      const { appendActivity } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
      for (let i = 0; i < 5; i++) {
        const r = appendActivity(process.argv[1], { ts: 't', session: 'p' + process.pid, event: 'PreToolUse',
          tool: 'Bash', verdict: 'allow', ruleId: 'r', reason: 'x'.repeat(300),
          summary: 'curl -H "authorization: Bearer abc.def" https://example.com/' + 'a/'.repeat(100) + i });
        if (!r.ok) { console.error(r.error); process.exit(1); }
      }`;
    return Promise.all(
      Array.from(
        { length: 20 },
        () =>
          new Promise<number>((resolve) => {
            const child = spawn(process.execPath, ['--input-type=module', '-e', script, file], {
              stdio: ['ignore', 'ignore', 'inherit'],
            });
            child.on('exit', (code) => resolve(code ?? 1));
          }),
      ),
    );
  }

  it('20 processes appending at once keep every line whole and the chain intact', async () => {
    const file = tempLog();
    const bundle = bundleActivityLog(file);
    expect(await twentyWriters(file, bundle)).toEqual(Array(20).fill(0));
    expect(verifyActivityLog(fs.readFileSync(file, 'utf8'))).toEqual({ ok: true, lines: 100 });
  });

  it('loses no entry when 20 processes append at once on a machine whose CPUs are all busy', async () => {
    const file = tempLog();
    const bundle = bundleActivityLog(file);
    // Busy loops, two per CPU, so the writers are preempted as hook processes are on a loaded machine.
    const loaders = Array.from({ length: 2 * Math.max(2, os.availableParallelism()) }, () =>
      spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
    );
    try {
      expect(await twentyWriters(file, bundle)).toEqual(Array(20).fill(0));
    } finally {
      for (const l of loaders) l.kill('SIGKILL');
    }
    expect(verifyActivityLog(fs.readFileSync(file, 'utf8'))).toEqual({ ok: true, lines: 100 });
  }, 120_000);
});
