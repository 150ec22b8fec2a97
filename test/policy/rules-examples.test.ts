// ONE generic test for every guard rule: each example gets the verdict it is filed under. A deny or ask
// example is decided by the rule itself (or names the rule that decides instead, and why, and the rule still
// fires). A shell effect's examples must show the effect in the analysis; low and harmless effects never
// decide on their own: the role's cell for their capability does.
import { describe, expect, it } from 'vitest';
import { EXAMPLE_VERDICTS, exampleCase, type GuardRule } from '../../src/policy/rules/define.js';
import { GUARD_RULES, ruleMatches } from '../../src/policy/rules/index.js';
import { runExample } from './_guard-examples.js';

function cases(rule: GuardRule) {
  return EXAMPLE_VERDICTS.flatMap((verdict) =>
    (rule.examples[verdict] ?? []).map((e) => {
      const example = exampleCase(e);
      const shown = typeof example.action === 'string' ? example.action : JSON.stringify(example.action);
      return [
        `${verdict}: ${shown}${example.policy ? ` (policy ${example.policy.trim()})` : ''}`,
        verdict,
        example,
      ] as const;
    }),
  );
}

const testable = GUARD_RULES.filter((r) => cases(r).length > 0);

describe.each(testable.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  const shellEffect = rule.id.startsWith('shell/') && rule.risks !== undefined;
  it.each(cases(rule))('%s', async (_name, verdict, example) => {
    const { decision, rulesFired, analysis } = await runExample(example);
    const context = { decision, rulesFired: rulesFired.map((r) => `${r.verdict} ${r.ruleId}`) };
    expect(decision.verdict, JSON.stringify(context)).toBe(verdict);
    if (shellEffect) {
      const ids = (analysis?.effects ?? []).map((e) => `shell/${e.id}`);
      expect(
        ids.some((id) => ruleMatches(rule.id, id)),
        `effects: ${ids.join(', ')}`,
      ).toBe(true);
    }
    if (verdict === 'allow') {
      const stricter = rulesFired.filter((r) => ruleMatches(rule.id, r.ruleId) && r.verdict !== 'allow');
      expect(stricter).toEqual([]);
      return;
    }
    if (example.decidedBy) {
      expect(example.decidedBy.why.length).toBeGreaterThan(10);
      expect(decision.ruleId, JSON.stringify(context)).toBe(example.decidedBy.rule);
      if (!shellEffect) expect(rulesFired.some((r) => ruleMatches(rule.id, r.ruleId))).toBe(true);
      return;
    }
    expect(ruleMatches(rule.id, decision.ruleId), JSON.stringify(context)).toBe(true);
    for (const ref of decision.seedRefs) expect(rule.seedRefs).toContain(ref);
  });
});

describe('rules without examples', () => {
  it('say why, and name the test that covers them instead', () => {
    const untested = GUARD_RULES.filter((r) => cases(r).length === 0);
    for (const r of untested) expect(r.untestable, r.id).toMatch(/.{20,}\(test\/[\w./-]+\)$/);
  });
});
