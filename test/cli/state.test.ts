import fsModule, * as fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactFile, redactLine } from '../../src/state/redact-file.js';
import { runCli } from '../helpers/cli.js';

// Fake values in real formats, made up for these tests.
const STRIPE = 'sk_live_xWFsyMYQPn3CLccmCOoQKP2T';

function fakeHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-state-'));
  const proj = path.join(home, '.claude', 'projects', '-home-u-app');
  fs.mkdirSync(proj, { recursive: true });
  return home;
}

const transcriptLine = (content: string) =>
  JSON.stringify({ type: 'user', message: { role: 'user', content: [{ type: 'text', text: content }] } });

describe('state redact', () => {
  it('redacts inside JSON string values and keeps every line valid JSON', () => {
    const line = transcriptLine(`here: "${STRIPE}"\nand more`);
    const out = redactLine(line);
    expect(out).not.toContain(STRIPE);
    expect(JSON.parse(out).message.content[0].text).toMatch(
      /^here: "sk_l\*\*\*\*\[redacted 32 chars\]"\nand more$/,
    );
    expect(redactLine('{"clean":true}')).toBe('{"clean":true}');
  });

  it('CLI: rewrites transcripts atomically with a backup; --dry-run changes nothing', () => {
    const home = fakeHome();
    const file = path.join(home, '.claude', 'projects', '-home-u-app', 's1.jsonl');
    const original = `${transcriptLine('hi')}\n${transcriptLine(`key ${STRIPE}`)}\n`;
    fs.writeFileSync(file, original);
    const dry = runCli(['state', 'redact', '--home', home, '--dry-run']);
    expect(dry.stdout).toContain('would redact 1 line(s)');
    expect(fs.readFileSync(file, 'utf8')).toBe(original);

    const r = runCli(['state', 'redact', '--home', home]);
    expect(r.code).toBe(0);
    const after = fs.readFileSync(file, 'utf8');
    expect(after).not.toContain(STRIPE);
    for (const l of after.trim().split('\n')) expect(() => JSON.parse(l)).not.toThrow();
    const backups = fs.readdirSync(path.dirname(file)).filter((n) => n.includes('agentwarden-backup'));
    expect(backups).toHaveLength(1);
    expect(fs.readdirSync(path.dirname(file)).some((n) => n.endsWith('.tmp'))).toBe(false);
  });

  it('--no-backup keeps no copy; shell history lines are redacted as text', () => {
    const home = fakeHome();
    fs.writeFileSync(path.join(home, '.bash_history'), `ls\nexport STRIPE_KEY=${STRIPE}\n`);
    runCli(['state', 'redact', '--home', home, '--no-backup']);
    expect(fs.readFileSync(path.join(home, '.bash_history'), 'utf8')).toMatch(
      /^ls\nexport STRIPE_KEY=sk_l\*\*\*\*/,
    );
    expect(fs.readdirSync(home).some((n) => n.includes('agentwarden-backup'))).toBe(false);
  });

  it('refuses a file that changes while it is being redacted', () => {
    const home = fakeHome();
    const file = path.join(home, 'live.jsonl');
    fs.writeFileSync(file, `${transcriptLine(STRIPE)}\n`);
    const realFsync = fsModule.fsyncSync;
    // An agent appends a line between the read and the rename.
    fsModule.fsyncSync = (fd) => {
      realFsync(fd);
      fs.appendFileSync(file, `${transcriptLine('appended')}\n`);
    };
    syncBuiltinESMExports();
    try {
      const r = redactFile(file);
      expect(r.skipped).toMatch(/changed while/);
    } finally {
      fsModule.fsyncSync = realFsync;
      syncBuiltinESMExports();
    }
    expect(fs.readFileSync(file, 'utf8')).toContain(STRIPE);
    expect(fs.readFileSync(file, 'utf8')).toContain('appended');
  });
});

describe('state prune', () => {
  it('removes transcripts older than the limit and reports space freed', () => {
    const home = fakeHome();
    const dir = path.join(home, '.claude', 'projects', '-home-u-app');
    fs.writeFileSync(path.join(dir, 'old.jsonl'), 'x'.repeat(2048));
    fs.writeFileSync(path.join(dir, 'new.jsonl'), 'y');
    const old = new Date(Date.now() - 30 * 86_400_000);
    fs.utimesSync(path.join(dir, 'old.jsonl'), old, old);
    const dry = runCli(['state', 'prune', '--home', home, '--older-than', '14d', '--dry-run']);
    expect(dry.stdout).toContain('Would free 2.0 KB (1 transcript(s))');
    expect(fs.existsSync(path.join(dir, 'old.jsonl'))).toBe(true);
    const r = runCli(['state', 'prune', '--home', home, '--older-than', '14d']);
    expect(r.stdout).toContain('Freed 2.0 KB');
    expect(fs.existsSync(path.join(dir, 'old.jsonl'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'new.jsonl'))).toBe(true);
    expect(runCli(['state', 'prune', '--home', home, '--older-than', 'soon']).code).toBe(2);
  });
});
