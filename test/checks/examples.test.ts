// ONE generic test for every check: each bad example must produce a finding of that check,
// each good example none, and no example may crash the check.
import { afterAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../src/checks/index.js';
import { type MaterializedFixture, materialize } from '../../src/core/fixture.js';
import { runCheck } from '../../src/core/run-audit.js';

const fixtures: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of fixtures) f.cleanup();
});

describe.each(allChecks.map((c) => [c.id, c] as const))('%s', (_id, check) => {
  it.each(check.examples.bad.map((e) => [e.name, e] as const))(
    'flags bad example: %s',
    async (_name, example) => {
      const fx = materialize(example);
      fixtures.push(fx);
      const findings = await runCheck(check, fx.ctx);
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        expect(f.checkId).toBe(check.id);
        expect(f.message).not.toMatch(/could not complete/);
      }
    },
  );
  it.each(check.examples.good.map((e) => [e.name, e] as const))(
    'passes good example: %s',
    async (_name, example) => {
      const fx = materialize(example);
      fixtures.push(fx);
      expect(await runCheck(check, fx.ctx)).toEqual([]);
    },
  );
});
