// The README's demo sample is real output: every line it shows appears in what `audit` prints for the
// bundled demo home today (the sample leaves out the long why/fix lines, not the others' order or wording).
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli.js';
import { readmeSample } from '../helpers/readme.js';

it('every line of the README demo sample is printed by the demo audit', () => {
  const demo = path.join(REPO, 'examples/demo-home');
  const r = runCli(['audit', '--home', demo, '--project', path.join(demo, 'work/app')]);
  const lines = new Set(r.stdout.split('\n'));
  const sample = readmeSample('## Try it on the bundled insecure demo');
  expect(sample.length).toBeGreaterThan(8);
  for (const line of sample) expect(lines.has(line), line).toBe(true);
});
