import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../src/checks/index.js';
import { AREAS } from '../../src/core/check.js';
import { renderChecksDoc, updateReadmeChecks } from '../../src/core/checks-doc.js';
import { SEED_ITEMS } from '../../src/core/seed-items.js';

const seedIds = new Set(SEED_ITEMS.map((i) => i.id));

describe('check catalogue', () => {
  it('has checks', () => {
    expect(allChecks.length).toBeGreaterThan(0);
  });

  it('ids are unique, area/kebab-case, and start with a known area', () => {
    const ids = allChecks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of allChecks) {
      expect(c.id).toMatch(/^[a-z]+\/[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(AREAS).toContain(c.area);
    }
  });

  it.each(allChecks.map((c) => [c.id, c] as const))('%s has docs, examples and known seed ids', (_id, c) => {
    expect(c.title.length).toBeGreaterThan(5);
    expect(c.docs.why.length).toBeGreaterThan(20);
    expect(c.docs.fix.length).toBeGreaterThan(10);
    expect(c.examples.bad.length).toBeGreaterThan(0);
    expect(c.examples.good.length).toBeGreaterThan(0);
    expect(c.seedRefs.length).toBeGreaterThan(0);
    for (const ref of c.seedRefs) expect(seedIds.has(ref), `unknown seed id ${ref}`).toBe(true);
  });

  it('docs/checks.md is up to date (run `npm run docs`)', () => {
    const committed = fs.readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderChecksDoc(allChecks));
  });

  it('the README check table is up to date (run `npm run docs`)', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('<!-- checks:start');
    expect(readme).toBe(updateReadmeChecks(readme, allChecks));
  });
});
