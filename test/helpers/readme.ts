import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from './cli.js';

/** The non-empty lines of the first ```console block after a README heading (a sample of real output). */
export function readmeSample(heading: string): string[] {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const at = readme.indexOf(heading);
  if (at < 0) throw new Error(`README has no section ${heading}`);
  const block = /```console\n([\s\S]*?)```/.exec(readme.slice(at))?.[1];
  if (!block) throw new Error(`README has no sample under ${heading}`);
  return block.split('\n').filter((l) => l.trim() !== '');
}
