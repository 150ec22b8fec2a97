// Reporters render what they are given: the check metadata comes in as a parameter, so a report of another
// catalogue (guard rules, a subset of checks) needs no reporter change, and reporters load no check code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/reporters/index.js';
import { mixedReport, RULES } from './_report.js';

const REPORTERS = path.resolve(import.meta.dirname, '../../src/reporters');

describe('reporters take their catalogue as a parameter', () => {
  it('import no check module', () => {
    for (const file of fs.readdirSync(REPORTERS)) {
      const text = fs.readFileSync(path.join(REPORTERS, file), 'utf8');
      expect(text, file).not.toMatch(/from '\.\.\/checks\//);
    }
  });

  it('describe a finding from the catalogue passed in, and only from it', () => {
    const report = mixedReport();
    const known = JSON.parse(renderReport(report, 'sarif', { color: false, rules: RULES }));
    const empty = JSON.parse(renderReport(report, 'sarif', { color: false, rules: new Map() }));
    const ruleOf = (
      log: { runs: { tool: { driver: { rules: { id: string; fullDescription: { text: string } }[] } } }[] },
      id: string,
    ) => log.runs[0]?.tool.driver.rules.find((r) => r.id === id)?.fullDescription.text;
    const [id, doc] = [...RULES][0] ?? [];
    if (!id || !doc) throw new Error('test catalogue is empty');
    expect(ruleOf(known, id)).toBe(doc.why);
    expect(ruleOf(empty, id)).not.toBe(doc.why);
  });
});
