// `npm start` audits this repository as the project: its examples/ demo home must not be reported as the
// user's problem. A directory holding .agentwarden-fixture is skipped by walks from above it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_MARKER } from '../../src/core/files.js';
import { materialize } from '../../src/core/fixture.js';
import { REPO, runCli } from '../helpers/cli.js';

// The demo's planted instruction files (an injected instruction, a password): reported by two checks, so
// the test does not hang on one detector's tuning.
const demoClaudeMd = ['work/app/CLAUDE.md', '.claude/CLAUDE.md']
  .map((f) => fs.readFileSync(path.join(REPO, 'examples/demo-home', f), 'utf8'))
  .join('\n');
const empty = materialize({ files: {} });
afterAll(() => empty.cleanup());

function claudeFindingFiles(home: string, project: string): string[] {
  const r = runCli(['audit', '--home', home, '--project', project, '--only', 'claude', '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).findings.flatMap((f: { file?: string }) => (f.file ? [f.file] : []));
}

describe('fixture trees marked with .agentwarden-fixture', () => {
  it('the repository ships its demo home marked', () => {
    expect(fs.statSync(path.join(REPO, 'examples/demo-home', FIXTURE_MARKER)).isFile()).toBe(true);
  });

  it('auditing this repository as the project (npm start) reports nothing under examples/', () => {
    const files = claudeFindingFiles(empty.home, REPO);
    expect(files.filter((f) => f.startsWith(path.join(REPO, 'examples')))).toEqual([]);
  });

  it('a nested CLAUDE.md is reported without the marker and skipped with it', () => {
    const unmarked = materialize({ files: { 'packages/demo/CLAUDE.md': demoClaudeMd } });
    const marked = materialize({
      files: { 'packages/demo/CLAUDE.md': demoClaudeMd, [`packages/demo/${FIXTURE_MARKER}`]: 'demo\n' },
    });
    try {
      const nested = (p: string) => path.join(p, 'packages/demo/CLAUDE.md');
      expect(claudeFindingFiles(unmarked.home, unmarked.project)).toContain(nested(unmarked.project));
      expect(claudeFindingFiles(marked.home, marked.project)).not.toContain(nested(marked.project));
    } finally {
      unmarked.cleanup();
      marked.cleanup();
    }
  });

  it('the demo itself (the walk root) is still audited', () => {
    const demo = path.join(REPO, 'examples/demo-home');
    const files = claudeFindingFiles(demo, path.join(demo, 'work/app'));
    expect(files).toContain(path.join(demo, 'work/app/CLAUDE.md'));
  });
});
