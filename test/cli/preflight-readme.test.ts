// The README's preflight sample is real output: every line it shows appears in what `preflight` prints
// for the bundled demo home today. Lines that describe this machine (listeners, firewall) are left out.
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli.js';
import { readmeSample } from '../helpers/readme.js';

it('every line of the README preflight sample is printed for the demo home', () => {
  const demo = path.join(REPO, 'examples/demo-home');
  const r = runCli(['preflight', '--home', demo, '--project', path.join(demo, 'work/app')], {
    env: { HOME: demo },
  });
  expect(r.stderr).toBe('');
  const lines = new Set(r.stdout.split('\n'));
  const sample = readmeSample('## Before a session: `preflight`');
  expect(sample.length).toBeGreaterThan(10);
  for (const line of sample) expect(lines.has(line), line).toBe(true);
});
