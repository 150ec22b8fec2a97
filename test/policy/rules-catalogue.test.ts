import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/core/seed-items.js';
import { updatePolicyDoc } from '../../src/policy/rules/doc.js';
import { PIPELINE_RULE_IDS, POLICY_RULE_IDS } from '../../src/policy/rules/ids.js';
import { findGuardRule, GUARD_RULES } from '../../src/policy/rules/index.js';
import { SHELL_EFFECT_FAMILIES, SHELL_EFFECT_IDS } from '../../src/scanners/shell/effect-ids.js';
import { CAPABILITIES } from '../../src/scanners/shell/types.js';

const REPO = path.resolve(import.meta.dirname, '../..');

// Every id tsc lets decide(), the shell rules and the pipeline emit (see src/policy/rules/ids.ts).
const EMITTABLE = [
  ...POLICY_RULE_IDS,
  ...PIPELINE_RULE_IDS,
  ...Object.values(SHELL_EFFECT_IDS).flatMap((ids) => ids.map((id) => `shell/${id}`)),
  ...SHELL_EFFECT_FAMILIES.map((f) => `shell/${f}-anything`),
  ...CAPABILITIES.map((c) => `role/builder/${c}`),
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('guard rule catalogue', () => {
  it('has an entry for every rule id the guard can emit', () => {
    const missing = EMITTABLE.filter((id) => !findGuardRule(id));
    expect(missing).toEqual([]);
  });

  it('has no entry for an id nothing emits, and no id twice', () => {
    const ids = GUARD_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const stale = GUARD_RULES.filter((r) => !EMITTABLE.some((id) => findGuardRule(id) === r));
    expect(stale.map((r) => r.id)).toEqual([]);
  });

  it('a family does not swallow an id that has its own entry', () => {
    expect(findGuardRule('shell/terraform-destroy')?.id).toBe('shell/terraform-destroy');
    expect(findGuardRule('shell/terraform-apply')?.id).toBe('shell/terraform-<subcommand>');
    expect(findGuardRule('role/reader/write')?.id).toBe('role/<role>/<capability>');
    expect(findGuardRule('shell/not-an-effect')).toBeUndefined();
  });

  it('cites known seed items and says what each rule stops', () => {
    for (const r of GUARD_RULES) {
      expect(r.seedRefs.length, r.id).toBeGreaterThan(0);
      for (const ref of r.seedRefs) expect(SEED_IDS.has(ref), `${r.id}: ${ref}`).toBe(true);
      expect(r.title.length, r.id).toBeGreaterThan(8);
      expect(r.verdict.length, r.id).toBeGreaterThan(2);
    }
  });

  // Adapters build some decisions and log entries themselves; their literal ids must be catalogued too.
  it('every literal rule id in the source is catalogued', () => {
    const literal = /\bruleId(?::\s*|\s*=\s*)'([^']+)'/g;
    const found: string[] = [];
    for (const file of sourceFiles(path.join(REPO, 'src'))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(literal)) found.push(m[1] as string);
    }
    expect(found.length).toBeGreaterThan(3);
    expect(found.filter((id) => !findGuardRule(id))).toEqual([]);
  });

  it('docs/policy.md has the generated rule tables, up to date (run `npm run docs`)', () => {
    const doc = fs.readFileSync(path.join(REPO, 'docs/policy.md'), 'utf8');
    expect(doc).toContain('<!-- guard-rules:start');
    expect(doc).toContain('| `shell/rm-recursive` |');
    expect(doc).toBe(updatePolicyDoc(doc, GUARD_RULES));
  });
});
