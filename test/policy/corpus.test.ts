import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide, defaultPolicy, initialSessionState } from '../../src/policy/index.js';
import type { Decision } from '../../src/policy/types.js';
import { loadShellAnalyzer } from '../../src/scanners/shell/index.js';
import { sharedFile } from '../helpers/shared.js';

/**
 * The whole guard pipeline (shell analysis + policy) on data/commands.jsonl: builder role, bare host,
 * untainted session. Label 1 is caught when the verdict is ask or deny; label 0 should be allowed.
 * Regenerate the table in docs/benchmarks.md with: UPDATE_BENCHMARKS=1 npx vitest run test/policy/corpus.test.ts
 */
const REPO = path.resolve(import.meta.dirname, '..', '..');
const DATA = sharedFile('data', 'commands.jsonl');
const HOME = '/home/dev';
const PROJECT = '/home/dev/work/app';

interface Row {
  id: string;
  text: string;
  label: 0 | 1;
  source: string;
}

/**
 * Disagreements by design: the corpus comes from a guard against destructive commands only, while the seed
 * also asks for a human before these (PR-2 egress allowlist, PR-4 action boundaries, CC-H5 commands the guard
 * cannot read). A label-0 row flagged by one of them is counted apart, not tuned away.
 */
function designedFlag(d: Decision): string | undefined {
  if (d.ruleId === 'network/unknown-domain') return 'egress to a host not on the allowlist (PR-2)';
  if (d.ruleId.startsWith('shell/git-push')) return 'git push (PR-4)';
  if (d.ruleId.endsWith('/infra')) return 'infrastructure change (PR-4)';
  if (d.ruleId.endsWith('/package-install')) return 'package install on a bare host (PR-1 sandbox)';
  if (d.ruleId === 'shell/dynamic-command' || d.ruleId === 'shell/parse-error') {
    return 'command the guard cannot read (CC-H5)';
  }
  // The corpus labels only destruction; issue 8 also stops secrets printed into the transcript and root.
  if (d.ruleId.endsWith('/credentials')) return 'prints secrets into the transcript (PR-3)';
  if (d.ruleId === 'shell/privilege') return 'runs as root (PR-4)';
  return undefined;
}

/** Label-1 rows our policy allows by design: deleting build outputs and temp dirs (data/README.md). */
function designedMiss(row: Row, d: Decision): string | undefined {
  if (d.verdict !== 'allow') return undefined;
  return /\brm\b.*(\.\/build|node_modules|\$\{?TMPDIR\}?\/)/.test(row.text)
    ? 'deletes a build output or temp dir'
    : undefined;
}

function category(source: string): string {
  const file = source.split(':').pop() ?? source;
  const pack = /^src\/packs\/([^/]+)\//.exec(file);
  return pack ? `packs/${pack[1]}` : file.split('/').slice(0, 2).join('/');
}

const isTuningHalf = (id: string) => (createHash('sha256').update(id).digest()[0] ?? 0) % 2 === 0;

interface Tally {
  pos: number;
  caught: number;
  missedByDesign: number;
  neg: number;
  flagged: number;
  flaggedByDesign: number;
}
const empty = (): Tally => ({ pos: 0, caught: 0, missedByDesign: 0, neg: 0, flagged: 0, flaggedByDesign: 0 });
const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)} %`);

describe('guard on the command corpus', () => {
  it('catches ≥ 95 % of dangerous commands and flags ≤ 1 % of harmless ones (outside designed disagreements)', async () => {
    const shell = await loadShellAnalyzer();
    const policy = defaultPolicy({ home: HOME, env: {}, platform: 'linux' });
    const rows: Row[] = fs
      .readFileSync(DATA, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const total = empty();
    const halves = { tuning: empty(), other: empty() };
    const byCategory = new Map<string, Tally>();
    const designFlags = new Map<string, number>();
    const residual: string[] = [];
    const missed: string[] = [];
    for (const row of rows) {
      const d = decide(
        { tool: 'Bash', kind: 'exec', command: row.text, paths: [], urls: [], cwd: PROJECT, raw: {} },
        { policy, shell, session: initialSessionState(), home: HOME, project: PROJECT, sandboxed: false },
      );
      const cat = category(row.source);
      if (!byCategory.has(cat)) byCategory.set(cat, empty());
      for (const t of [
        total,
        isTuningHalf(row.id) ? halves.tuning : halves.other,
        byCategory.get(cat) as Tally,
      ]) {
        if (row.label === 1) {
          t.pos++;
          if (d.verdict !== 'allow') t.caught++;
          else if (designedMiss(row, d)) t.missedByDesign++;
        } else {
          t.neg++;
          if (d.verdict !== 'allow') {
            t.flagged++;
            if (designedFlag(d)) t.flaggedByDesign++;
          }
        }
      }
      const why = designedFlag(d);
      if (row.label === 0 && d.verdict !== 'allow') {
        if (why) designFlags.set(why, (designFlags.get(why) ?? 0) + 1);
        else residual.push(`${d.ruleId}: ${row.text}`);
      }
      if (row.label === 1 && d.verdict === 'allow' && !designedMiss(row, d)) missed.push(row.text);
    }

    const caughtRate = total.caught / total.pos;
    const caughtExDesign = total.caught / (total.pos - total.missedByDesign);
    const residualRate = (total.flagged - total.flaggedByDesign) / total.neg;
    if (process.env.UPDATE_BENCHMARKS === '1') {
      writeSection(renderTable(total, halves, byCategory, designFlags, residual, missed, rows.length));
    }
    expect(caughtRate, `missed: ${missed.join(' | ')}`).toBeGreaterThanOrEqual(0.95);
    expect(caughtExDesign).toBeGreaterThanOrEqual(0.95);
    expect(residualRate, `flagged: ${residual.join(' | ')}`).toBeLessThanOrEqual(0.01);
  });
});

function row(name: string, t: Tally): string {
  return `| ${name} | ${t.pos} | ${pct(t.caught, t.pos)} | ${t.missedByDesign} | ${t.neg} | ${pct(t.flagged, t.neg)} | ${pct(t.flagged - t.flaggedByDesign, t.neg)} |`;
}

function renderTable(
  total: Tally,
  halves: { tuning: Tally; other: Tally },
  byCategory: Map<string, Tally>,
  designFlags: Map<string, number>,
  residual: string[],
  missed: string[],
  count: number,
): string {
  const head = [
    '| rows | label 1 | caught (ask/deny) | missed by design | label 0 | flagged | flagged outside designed disagreements |',
    '|---|---|---|---|---|---|---|',
  ];
  const lines = [
    '## Guard: command corpus',
    '',
    `Whole pipeline (shell analysis + \`decide()\`) on \`data/commands.jsonl\` (${count} rows, destructive_command_guard`,
    '@1a5241513 corpus; see shared data/README.md): Bash actions in `/home/dev/work/app`, home `/home/dev`, role',
    'builder, bare host (not sandboxed), untainted session. Label 1 counts as caught when the verdict is ask or deny;',
    'label 0 should be allowed. Produced by `test/policy/corpus.test.ts`, which asserts caught ≥ 95 % and',
    'flagged (outside designed disagreements) ≤ 1 %; regenerate with',
    '`UPDATE_BENCHMARKS=1 npx vitest run test/policy/corpus.test.ts`.',
    '',
    'Halves: rows whose sha256(id) starts with an even byte are the tuning half. Policy choices were made looking',
    'at flags from the whole file, so the other half is not a held-out estimate; it is shown to expose any',
    'difference between the halves. Expect other figures on commands not drawn from this corpus.',
    '',
    ...head,
    row('all', total),
    row('tuning half', halves.tuning),
    row('other half', halves.other),
    '',
    'Designed disagreements, label 0 flagged because the seed asks for a human (counted in "flagged", not in the',
    'last column):',
    '',
    '| reason | rows |',
    '|---|---|',
    ...[...designFlags.entries()].sort((a, b) => b[1] - a[1]).map(([why, n]) => `| ${why} | ${n} |`),
    '',
    `Missed by design: ${total.missedByDesign} label-1 rows delete build outputs or temp dirs inside the project,`,
    'which the policy allows (data/README.md). Other misses (most are commands the shell analysis does not',
    'recognise; a PUT to localhost is allowed because loopback is not external):',
    '',
    ...missed.map((m) => `- \`${m.replace(/`/g, "'")}\``),
    '',
    'Label 0 flagged outside the designed disagreements:',
    '',
    ...(residual.length ? residual.map((r) => `- \`${r.replace(/`/g, "'")}\``) : ['- none']),
    '',
    'Per source category:',
    '',
    ...head.map((h, i) => (i === 0 ? h.replace('| rows |', '| category |') : h)),
    ...[...byCategory.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([cat, t]) => row(cat, t)),
    '',
  ];
  return lines.join('\n');
}

function writeSection(section: string): void {
  const file = path.join(REPO, 'docs', 'benchmarks.md');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf('## Guard: command corpus');
  if (start === -1) {
    fs.writeFileSync(file, `${current.trimEnd()}\n\n${section}`);
    return;
  }
  const next = current.indexOf('\n## ', start + 1);
  const rest = next === -1 ? '' : current.slice(next + 1);
  fs.writeFileSync(file, `${current.slice(0, start)}${section}${rest ? `\n${rest}` : ''}`);
}
