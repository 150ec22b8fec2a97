import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function home(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-respond-cli-'));
  dirs.push(d);
  const transcript = path.join(d, '.claude', 'projects', '-p', 's.jsonl');
  fs.mkdirSync(path.dirname(transcript), { recursive: true });
  const line = {
    type: 'assistant',
    requestId: 'r1',
    cwd: '/p',
    timestamp: new Date().toISOString(),
    message: { id: 'm1', model: 'claude-opus-4-6', usage: { input_tokens: 1_000_000, output_tokens: 0 } },
  };
  fs.writeFileSync(transcript, `${JSON.stringify(line)}\n`);
  fs.mkdirSync(path.join(d, '.config', 'agentwarden'), { recursive: true });
  fs.writeFileSync(path.join(d, '.config', 'agentwarden', 'policy.yaml'), 'budgets: { daily: 8 }\n');
  return d;
}

describe('spend, kill, unlock, status', () => {
  it('spend --format json prices the transcript and compares it with the budget', () => {
    const h = home();
    const r = runCli(['spend', '--home', h, '--project', h, '--format', 'json'], { env: { HOME: h } });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.periods.today.costUSD).toBeCloseTo(5, 10); // 1M input tokens × $5
    expect(report.budget.level).toBe('alert50');
  });

  it('spend rejects a bad --since in one line', () => {
    const h = home();
    const r = runCli(['spend', '--home', h, '--since', 'yesterday'], { env: { HOME: h } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--since yesterday');
  });

  it('kill engages the flag, status shows it, unlock refuses an agent and lifts it for a person', () => {
    const h = home();
    const proc = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-proc-'));
    dirs.push(proc);
    const env = { HOME: h };
    const kill = runCli(['kill', '--home', h, '--project', h, '--reason', 'drill', '--proc-root', proc], {
      env,
    });
    expect(kill.code).toBe(0);
    expect(kill.stdout).toContain('Kill switch engaged');
    expect(kill.stdout).toMatch(/Containment time: \d+\.\d\d s/);
    const status = JSON.parse(runCli(['status', '--home', h, '--project', h, '--json'], { env }).stdout);
    expect(status.lockdown).toMatchObject({ on: true, reason: 'drill' });
    expect(status.guard.installed).toBe(false);
    expect(status.lastLogEntries.at(-1)).toMatchObject({ event: 'kill' });
    const refused = runCli(['unlock', '--home', h], { env: { ...env, CLAUDECODE: '1' } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('CLAUDECODE is set');
    expect(fs.existsSync(path.join(h, '.local', 'state', 'agentwarden', 'kill.lock'))).toBe(true);
    const unlock = runCli(['unlock', '--home', h], { env });
    expect(unlock.code).toBe(0);
    expect(fs.existsSync(path.join(h, '.local', 'state', 'agentwarden', 'kill.lock'))).toBe(false);
    const after = runCli(['status', '--home', h, '--project', h], { env });
    expect(after.stdout).toContain('Lockdown: off');
  });
});
