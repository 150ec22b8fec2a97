import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allChecks } from '../../src/checks/index.js';
import { type ChecklistDeps, runAttestCommand, runChecklistCommand } from '../../src/cli/checklist.js';
import { registerChecklistCommand } from '../../src/cli/checklist-command.js';
import { UsageError } from '../../src/cli/errors.js';
import type { CheckExample } from '../../src/core/check.js';
import { computeCoverage } from '../../src/core/coverage.js';
import { type MaterializedFixture, materialize } from '../../src/core/fixture.js';
import { SEED_ITEMS } from '../../src/core/seed-items.js';
import { GUARD_RULES } from '../../src/policy/rules/index.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const fixtures: MaterializedFixture[] = [];

afterEach(() => {
  for (const fx of fixtures.splice(0)) fx.cleanup();
  vi.unstubAllEnvs();
});

function machine(example: Omit<CheckExample, 'name'> = { files: {} }): MaterializedFixture {
  const fx = materialize(example);
  fixtures.push(fx);
  return fx;
}

function deps(fx: MaterializedFixture, now = NOW) {
  const out: string[] = [];
  const err: string[] = [];
  const d: ChecklistDeps = {
    now,
    env: { HOME: fx.home },
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    color: false,
    context: { systemRoot: fx.systemRoot, run: fx.ctx.run, platform: 'linux' },
  };
  return { d, out: () => out.join(''), err: () => err.join('') };
}

async function checklist(fx: MaterializedFixture, format = 'text', now = NOW) {
  const io = deps(fx, now);
  const code = await runChecklistCommand({ home: fx.home, project: fx.project, format }, io.d);
  return { code, out: io.out(), err: io.err() };
}

function attestationsFile(fx: MaterializedFixture): string {
  return path.join(fx.home, '.config', 'agentwarden', 'attestations.json');
}

function row(out: string, id: string): string {
  const line = out.split('\n').find((l) => l.startsWith(`  ${id} `));
  if (!line) throw new Error(`no row for ${id}`);
  return line;
}

describe('agentwarden checklist', () => {
  it('lists every seed item, grouped by section, and exits 0', async () => {
    const { code, out, err } = await checklist(machine());
    expect(code).toBe(0);
    expect(err).toBe('');
    for (const item of SEED_ITEMS) expect(row(out, item.id)).toContain(item.title);
    expect(out.indexOf('Consensus items (CS)')).toBeLessThan(out.indexOf('  CS-1 '));
    expect(out.indexOf('Claude Code (CC)')).toBeLessThan(out.indexOf('  CC-H1 '));
    expect(out.indexOf('Overnight checklist (ON)')).toBeLessThan(out.indexOf('  ON-1 '));
    expect(row(out, 'OC-M2')).toMatch(/attest\s+unanswered/);
    expect(out).toContain('? Is the machine running the agent on a guest network or VLAN');
    // Which items are guard-only or gaps changes as checks are added; look them up rather than name them.
    const coverage = computeCoverage(allChecks, GUARD_RULES);
    const gap = coverage.find((c) => c.kinds.length === 0);
    if (gap) expect(row(out, gap.item.id)).toMatch(/none\s+gap/);
    const guardOnly = coverage.find((c) => c.kinds.join() === 'guard');
    if (guardOnly) {
      expect(row(out, guardOnly.item.id)).toMatch(/guard\s+guarded/);
      expect(out).toContain(`guard: ${guardOnly.guard}`);
    }
  });

  it('names the checks behind every item that passes', async () => {
    const { out } = await checklist(machine());
    const passing = computeCoverage(allChecks, GUARD_RULES).filter((c) => c.checks.length > 0);
    expect(passing.length).toBeGreaterThan(0);
    const lines = out.split('\n');
    let seen = 0;
    for (const c of passing) {
      const at = lines.findIndex((l) => l.startsWith(`  ${c.item.id} `));
      if (!/\bpass\b/.test(lines[at] ?? '')) continue;
      seen++;
      expect(lines[at + 1]).toContain(`checked by ${c.checks.join(', ')}`);
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('as JSON too, with coverage and status for every item', async () => {
    const { out } = await checklist(machine(), 'json');
    const json = JSON.parse(out);
    expect(json.items.map((i: { id: string }) => i.id)).toEqual(SEED_ITEMS.map((i) => i.id));
    const cc5 = json.items.find((i: { id: string }) => i.id === 'CC-H5');
    expect(cc5.coverage).toEqual(expect.arrayContaining(['check', 'guard']));
    expect(cc5.guard).toBe(computeCoverage(allChecks, GUARD_RULES).find((c) => c.item.id === 'CC-H5')?.guard);
    expect(cc5.guardRules).toContain('shell/rm-recursive');
    expect(cc5.checks.length).toBeGreaterThan(0);
    const ocm2 = json.items.find((i: { id: string }) => i.id === 'OC-M2');
    expect(ocm2).toMatchObject({ status: 'unanswered', question: expect.stringContaining('guest network') });
    const total = Object.values(json.summary.byStatus as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBe(SEED_ITEMS.length);
  });

  it('marks the items a check serves as failed on a machine that breaks the check', async () => {
    const check = allChecks.find((c) => c.examples.bad.length > 0);
    if (!check) throw new Error('no check with a bad example');
    const [bad] = check.examples.bad;
    const { out } = await checklist(machine(bad), 'json');
    const items = JSON.parse(out).items as { id: string; status: string; firedChecks?: string[] }[];
    const failed = items.filter((i) => i.status === 'fail');
    const served = failed.find((i) => check.seedRefs.includes(i.id));
    expect(served?.firedChecks).toContain(check.id);
  });

  it('records an answer and then shows it as attested, until 90 days have passed', async () => {
    const fx = machine();
    const io = deps(fx);
    expect(
      await runAttestCommand('CS-3', { note: 'cap 100 USD, alert 50 %', answer: 'yes', home: fx.home }, io.d),
    ).toBe(0);
    expect(io.out()).toContain('recorded CS-3 = yes on 2026-11-26');
    expect(fs.existsSync(attestationsFile(fx))).toBe(true);

    const soon = await checklist(fx, 'text', new Date(NOW.getTime() + 89 * DAY));
    expect(row(soon.out, 'CS-3')).toMatch(/attest\s+attested\s/);
    expect(soon.out).toContain('yes on 2026-11-26: cap 100 USD, alert 50 %');

    const late = await checklist(fx, 'text', new Date(NOW.getTime() + 90 * DAY));
    expect(row(late.out, 'CS-3')).toMatch(/attest\s+expired\s/);
    expect(late.out).toContain('older than 90 days; ask again: Is a hard monthly spend cap');
  });

  it('a "no" answer is shown as such', async () => {
    const fx = machine();
    await runAttestCommand('OC-M2', { note: 'same LAN', answer: 'no', home: fx.home }, deps(fx).d);
    expect(row((await checklist(fx)).out, 'OC-M2')).toMatch(/attested: no/);
  });

  it('usage errors: unknown id, bad answer, bad format, missing home', async () => {
    const fx = machine();
    const { d } = deps(fx);
    await expect(runAttestCommand('XX-9', { note: 'x', answer: 'yes', home: fx.home }, d)).rejects.toThrow(
      new UsageError('XX-9: not a seed item id'),
    );
    await expect(runAttestCommand('CS-3', { note: 'x', answer: 'maybe', home: fx.home }, d)).rejects.toThrow(
      UsageError,
    );
    await expect(
      runChecklistCommand({ home: fx.home, project: fx.project, format: 'xml' }, d),
    ).rejects.toThrow(UsageError);
    await expect(
      runChecklistCommand({ home: path.join(fx.root, 'nope'), project: fx.project, format: 'text' }, d),
    ).rejects.toThrow(UsageError);
    expect(fs.existsSync(attestationsFile(fx))).toBe(false);
  });

  it('a corrupt attestations file: the checklist warns and goes on; attest refuses and leaves it alone', async () => {
    const fx = machine({ files: { '~/.config/agentwarden/attestations.json': '{ not json' } });
    const shown = await checklist(fx);
    expect(shown.code).toBe(0);
    expect(shown.err).toBe(
      `agentwarden: warning: ${attestationsFile(fx)}: not valid JSON; showing no attestations\n`,
    );
    expect(row(shown.out, 'CS-3')).toMatch(/unanswered/);
    await expect(
      runAttestCommand('CS-3', { note: 'x', answer: 'yes', home: fx.home }, deps(fx).d),
    ).rejects.toThrow(/attestations\.json: not valid JSON; fix or remove it first$/);
    expect(fs.readFileSync(attestationsFile(fx), 'utf8')).toBe('{ not json');
  });
});

describe('command wiring', () => {
  // A mistake here writes to the real home, so HOME points at a scratch dir for the whole test.
  async function parse(args: string[]): Promise<{ fx: MaterializedFixture; scratchHome: string }> {
    const fx = machine();
    const scratchHome = path.join(fx.root, 'scratch-home');
    fs.mkdirSync(scratchHome);
    vi.stubEnv('HOME', scratchHome);
    vi.stubEnv('XDG_CONFIG_HOME', '');
    const program = new Command('agentwarden').exitOverride();
    registerChecklistCommand(program);
    const exitCode = process.exitCode;
    try {
      await program.parseAsync(
        args.map((a) => a.replace('HOME_DIR', fx.home)),
        { from: 'user' },
      );
    } finally {
      process.exitCode = exitCode;
    }
    expect(os.homedir()).toBe(scratchHome);
    return { fx, scratchHome };
  }

  for (const args of [
    ['checklist', 'attest', 'CS-3', '--note', 'wired', '--home', 'HOME_DIR'],
    ['checklist', '--home', 'HOME_DIR', 'attest', 'CS-3', '--note', 'wired'],
  ]) {
    it(`--home reaches attest: ${args.join(' ')}`, async () => {
      const { fx, scratchHome } = await parse(args);
      expect(fs.readFileSync(attestationsFile(fx), 'utf8')).toContain('"note": "wired"');
      expect(fs.readdirSync(scratchHome)).toEqual([]);
    });
  }
});
