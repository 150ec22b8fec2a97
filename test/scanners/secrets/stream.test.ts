import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanFileLines } from '../../../src/scanners/secrets/stream.js';

// A made-up value in Stripe's live-key format.
const FAKE_STRIPE_KEY = 'sk_live_xWFsyMYQPn3CLccmCOoQKP2T';

const dirs: string[] = [];
function fileWith(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-stream-'));
  dirs.push(dir);
  const file = path.join(dir, 'session.jsonl');
  fs.writeFileSync(file, text);
  return file;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const jsonLine = (text: string) => JSON.stringify({ type: 'user', message: { content: [{ text }] } });

describe('scanFileLines', () => {
  it('gives the right line numbers across the blocks a large file is read in', async () => {
    const filler = jsonLine('x'.repeat(999));
    const lines: string[] = [];
    const secretLines = [1, 1049, 1050, 2600, 4000];
    for (let n = 1; n <= 4000; n++)
      lines.push(secretLines.includes(n) ? jsonLine(`use ${FAKE_STRIPE_KEY} now`) : filler);
    const { hits, linesWithSecrets } = await scanFileLines(fileWith(`${lines.join('\n')}\n`));
    expect(hits.map((h) => h.line)).toEqual(secretLines);
    expect(linesWithSecrets).toBe(5);
    expect(hits[0]?.jsonPath).toBe('message.content[0].text');
    const line = jsonLine(`use ${FAKE_STRIPE_KEY} now`);
    expect(hits[0]?.column).toBe(line.indexOf(FAKE_STRIPE_KEY) + 1);
  });

  it('finds every secret around a block boundary: the carried line and the lines after it', async () => {
    const filler = jsonLine('x'.repeat(999));
    const secretLines = Array.from({ length: 30 }, (_, i) => 985 + i); // the first block ends near line 998
    const lines: string[] = [];
    for (let n = 1; n <= 2100; n++)
      lines.push(secretLines.includes(n) ? jsonLine(`${'y'.repeat(960)} ${FAKE_STRIPE_KEY}`) : filler);
    const { hits } = await scanFileLines(fileWith(`${lines.join('\n')}\n`));
    expect(hits.map((h) => h.line)).toEqual(secretLines);
  });

  it('reads a line longer than a block whole, and a last line without a line break', async () => {
    const long = `${'a '.repeat(1_500_000)}token ${FAKE_STRIPE_KEY}`;
    const { hits } = await scanFileLines(fileWith(`first\n${long}\nlast ${FAKE_STRIPE_KEY}`));
    expect(hits.map((h) => [h.line, h.column])).toEqual([
      [2, long.length - FAKE_STRIPE_KEY.length + 1],
      [3, 6],
    ]);
  });

  it('decodes multi-byte characters that straddle a block boundary', async () => {
    // 3-byte and 4-byte characters over more than a block: some fall across the 1 MB read boundary.
    const wide = 'é€😀'.repeat(120_000);
    const line = `${wide} token ${FAKE_STRIPE_KEY}`;
    const { hits } = await scanFileLines(fileWith(`${line}\n${line}\n`));
    expect(hits.map((h) => [h.line, h.column])).toEqual([
      [1, line.indexOf(FAKE_STRIPE_KEY) + 1],
      [2, line.indexOf(FAKE_STRIPE_KEY) + 1],
    ]);
  });

  it('counts CRLF lines like LF lines', async () => {
    const { hits } = await scanFileLines(fileWith(`a\r\nb\r\nkey ${FAKE_STRIPE_KEY}\r\n`));
    expect(hits.map((h) => [h.line, h.column])).toEqual([[3, 5]]);
    expect(hits[0]?.masked).not.toContain(FAKE_STRIPE_KEY);
  });

  it('gives no hits for a missing file', async () => {
    expect(await scanFileLines(path.join(os.tmpdir(), 'aw-no-such-dir', 'x.jsonl'))).toEqual({
      hits: [],
      linesWithSecrets: 0,
    });
  });
});
