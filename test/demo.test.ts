// `npm run demo` must report every problem planted in examples/demo-home (listed in PLANTED.md) at its
// file and line, and nothing for the benign skill.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from './helpers/cli.js';

const demo = path.join(REPO, 'examples/demo-home');

interface Planted {
  file: string;
  line: number | undefined;
  checkId: string;
}

/** Rows of the PLANTED.md table: one expectation per file named in the row. */
function planted(): Planted[] {
  const rows = fs
    .readFileSync(path.join(demo, 'PLANTED.md'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('| `'));
  return rows.flatMap((row) => {
    const cells = row.split(' | ');
    const files = [...(cells[0] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    const line = Number(cells[1]);
    const checkId = /`([^`]+)`/.exec(cells[3] ?? '')?.[1] ?? '';
    return files.map((file) => ({ file, line: Number.isFinite(line) ? line : undefined, checkId }));
  });
}

describe('the demo home', () => {
  const r = runCli(['audit', '--home', demo, '--project', path.join(demo, 'work/app'), '--format', 'json']);
  type Located = { checkId: string; file?: string; line?: number; severity?: string };
  // A grouped finding's items are findings in their own right, with their own check id, file and line.
  const findings: Located[] = JSON.parse(r.stdout).findings.flatMap((f: Located & { items?: Located[] }) => [
    f,
    ...(f.items ?? []),
  ]);
  const expected = planted();

  it('plants at least 25 problems', () => {
    expect(expected.length).toBeGreaterThanOrEqual(25);
  });

  it.each(expected.map((p) => [`${p.checkId} ${p.file}:${p.line ?? '-'}`, p] as const))(
    'reports %s',
    (_l, p) => {
      const abs = path.join(demo, p.file);
      const hit = findings.find(
        (f) => f.checkId === p.checkId && f.file === abs && (p.line === undefined || f.line === p.line),
      );
      expect(hit, `${p.checkId} at ${p.file}:${p.line}`).toBeDefined();
    },
  );

  it('reports nothing for the benign csv-tools skill', () => {
    expect(findings.filter((f) => f.file?.includes('csv-tools'))).toEqual([]);
  });

  it('every finding is one the demo plants (no noise)', () => {
    const keys = new Set(expected.map((p) => `${p.checkId} ${path.join(demo, p.file)}`));
    // Host checks, and what could not be determined on this machine (no Docker engine), describe the
    // machine running the test, not the demo home.
    const aboutMachine = (f: Located) => f.checkId.startsWith('host/') || (!f.file && f.severity === 'info');
    const unexpected = findings.filter((f) => !aboutMachine(f) && !keys.has(`${f.checkId} ${f.file}`));
    expect(unexpected).toEqual([]);
  });
});
