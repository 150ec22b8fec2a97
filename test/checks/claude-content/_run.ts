import { afterAll } from 'vitest';
import type { Check, CheckExample } from '../../../src/core/check.js';
import { type MaterializedFixture, materialize } from '../../../src/core/fixture.js';
import { runCheck } from '../../../src/core/run-audit.js';

const fixtures: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of fixtures) f.cleanup();
});

/** Builds a fake machine; removed after the test file. */
export function machine(
  files: CheckExample['files'],
  opts: Omit<CheckExample, 'name' | 'files'> = {},
): MaterializedFixture {
  const fx = materialize({ files, ...opts });
  fixtures.push(fx);
  return fx;
}

export async function findingsOf(check: Check, fx: MaterializedFixture) {
  return runCheck(check, fx.ctx);
}
