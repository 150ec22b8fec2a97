import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ActivityEntry, appendActivity } from '../../src/log/activity-log.js';
import { logFiles, prunedAnchorFile, rotatedFiles } from '../../src/log/files.js';
import { verifyLog } from '../../src/log/verify.js';

let dirs: string[] = [];
function tempLog(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-verify-'));
  dirs.push(dir);
  return path.join(dir, 'activity.jsonl');
}
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function entry(i: number): ActivityEntry {
  return {
    ts: new Date(Date.UTC(2026, 10, 26, 12, 0, i)).toISOString(),
    session: 's1',
    event: 'PreToolUse',
    tool: 'Bash',
    verdict: i % 3 === 0 ? 'deny' : 'allow',
    ruleId: 'shell/x',
    reason: 'r',
    summary: `cmd ${i}`,
  };
}

function writeLog(file: string, n: number, opts = {}): void {
  for (let i = 0; i < n; i++) expect(appendActivity(file, entry(i), opts).ok).toBe(true);
}

const readLines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').slice(0, -1);
const writeLines = (file: string, lines: string[]) => fs.writeFileSync(file, `${lines.join('\n')}\n`);

describe('verifyLog', () => {
  it('calls an untouched log intact', () => {
    const file = tempLog();
    writeLog(file, 5);
    expect(verifyLog(file)).toMatchObject({ status: 'intact', lines: 5, problems: [] });
  });

  it('catches a flipped byte and names the line', () => {
    const file = tempLog();
    writeLog(file, 5);
    const buf = fs.readFileSync(file);
    const at = buf.indexOf('cmd 2');
    buf[at + 4] = '7'.charCodeAt(0); // "cmd 2" → "cmd 7"
    fs.writeFileSync(file, buf);
    const r = verifyLog(file);
    expect(r.status).toBe('tampered');
    if (r.status !== 'tampered') return;
    expect(r.problems[0]).toMatchObject({ file, line: 3, kind: 'hash-mismatch' });
  });

  it('catches a removed line: the next entry links to one in no file', () => {
    const file = tempLog();
    writeLog(file, 5);
    const lines = readLines(file);
    lines.splice(2, 1);
    writeLines(file, lines);
    const r = verifyLog(file);
    if (r.status !== 'tampered') throw new Error(r.status);
    expect(r.problems).toEqual([
      expect.objectContaining({
        line: 3,
        kind: 'broken-link',
        message: expect.stringMatching(/in no log file/),
      }),
    ]);
  });

  it('catches a reordered pair and says where the entry it links to is', () => {
    const file = tempLog();
    writeLog(file, 5);
    const lines = readLines(file);
    [lines[1], lines[2]] = [lines[2] ?? '', lines[1] ?? ''];
    writeLines(file, lines);
    const r = verifyLog(file);
    if (r.status !== 'tampered') throw new Error(r.status);
    expect(r.problems.map((p) => [p.line, p.kind])).toEqual([
      [2, 'broken-link'],
      [3, 'broken-link'],
      [4, 'broken-link'],
    ]);
    expect(r.problems[0]?.message).toMatch(/links to line 3 \(entries reordered\)/);
  });

  it('catches a truncated last line and bad JSON', () => {
    const file = tempLog();
    writeLog(file, 3);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.slice(0, -20));
    const r = verifyLog(file);
    if (r.status !== 'tampered') throw new Error(r.status);
    expect(r.problems.map((p) => [p.line, p.kind])).toEqual([
      [3, 'bad-json'],
      [3, 'truncated'],
    ]);
  });

  it('catches a removed head: the first entry must start the chain', () => {
    const file = tempLog();
    writeLog(file, 3);
    writeLines(file, readLines(file).slice(1));
    const r = verifyLog(file);
    if (r.status !== 'tampered') throw new Error(r.status);
    expect(r.problems[0]).toMatchObject({ line: 1, kind: 'broken-link' });
  });

  it('reports a missing log as unreadable', () => {
    expect(verifyLog(tempLog()).status).toBe('unreadable');
  });
});

describe('rotation and retention', () => {
  it('rotates past maxBytes and carries the chain into the new file', () => {
    const file = tempLog();
    writeLog(file, 12, { maxBytes: 1000, now: new Date('2026-11-26T12:00:00Z') });
    const rotated = rotatedFiles(file);
    expect(rotated.length).toBeGreaterThan(1);
    expect(path.basename(rotated[0] ?? '')).toMatch(/^activity-20261126T120000000Z(-\d+)?\.jsonl$/);
    expect(logFiles(file).flatMap(readLines)).toHaveLength(12);
    expect(verifyLog(file)).toMatchObject({ status: 'intact', lines: 12 });
  });

  it('finds a rotated file removed from the middle of the chain', () => {
    const file = tempLog();
    writeLog(file, 12, { maxBytes: 1000 });
    const rotated = rotatedFiles(file);
    fs.rmSync(rotated[1] ?? '');
    const r = verifyLog(file);
    if (r.status !== 'tampered') throw new Error(r.status);
    expect(r.problems[0]).toMatchObject({ kind: 'broken-link', line: 1 });
    expect(r.problems[0]?.file).toBe(logFiles(file)[1]);
  });

  it('deletes rotated files past retention and verifies from the recorded anchor', () => {
    const file = tempLog();
    writeLog(file, 6, { maxBytes: 1000, now: new Date('2026-01-01T00:00:00Z') });
    const old = rotatedFiles(file);
    expect(old.length).toBeGreaterThan(0);
    writeLog(file, 6, { maxBytes: 1000, retentionDays: 30, now: new Date('2026-03-01T00:00:00Z') });
    for (const f of old) expect(fs.existsSync(f)).toBe(false);
    expect(fs.existsSync(prunedAnchorFile(file))).toBe(true);
    expect(verifyLog(file).status).toBe('intact');
    // Without the anchor the same log looks like its head was cut off, as it should.
    fs.rmSync(prunedAnchorFile(file));
    expect(verifyLog(file).status).toBe('tampered');
  });

  it('keeps rotated files when retention is 0', () => {
    const file = tempLog();
    writeLog(file, 6, { maxBytes: 1000, now: new Date('2020-01-01T00:00:00Z') });
    const before = rotatedFiles(file).length;
    writeLog(file, 6, { maxBytes: 1000, retentionDays: 0, now: new Date('2026-01-01T00:00:00Z') });
    expect(rotatedFiles(file).length).toBeGreaterThan(before);
    expect(verifyLog(file).status).toBe('intact');
  });
});
