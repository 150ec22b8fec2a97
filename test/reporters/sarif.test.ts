import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type Plugin } from 'ajv';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/reporters/index.js';
import { artifactUri } from '../../src/reporters/sarif.js';
import { finding, HOME, leakyReport, mixedReport, RULES, report } from './_report.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// ajv-formats is CommonJS whose default export TypeScript's NodeNext typing does not line up with.
const addFormats = createRequire(import.meta.url)('ajv-formats') as Plugin<unknown>;

/** The official OASIS schema (see test/fixtures/sarif/SOURCE.md), made loadable by Ajv's draft-07 mode. */
function sarifValidator() {
  const file = path.join(here, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');
  const { $schema: _draft04, id, ...schema } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile({ $id: id, ...schema });
}

const validate = sarifValidator();

function sarif(r = mixedReport()) {
  return JSON.parse(renderReport(r, 'sarif', { color: false, rules: RULES }));
}

describe('sarif reporter', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    for (const r of [mixedReport(), leakyReport(), report([])]) {
      const log = sarif(r);
      const ok = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('the schema check can fail: a broken log is rejected', () => {
    const log = sarif();
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    log.runs[0].results[3].locations[0].physicalLocation.artifactLocation.uri = 'file:///a b.json';
    expect(validate(log)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining([
        '/runs/0/results/0/level',
        '/runs/0/results/1/locations/0/physicalLocation/region/startLine',
        '/runs/0/results/3/locations/0/physicalLocation/artifactLocation/uri',
      ]),
    );
  });

  it('describes the tool and one rule per check present, with docs, tags and a default level', () => {
    const log = sarif();
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'agentwarden', version: '1.2.3' });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'claude/critical-thing',
      'claude/info-thing',
      'claude/project-mcp-autoapprove',
      'deploy/medium-thing',
      'host/low-thing',
    ]);
    const rule = driver.rules[2];
    expect(rule).toMatchObject({
      id: 'claude/project-mcp-autoapprove',
      name: 'ClaudeProjectMcpAutoapprove',
      shortDescription: { text: 'Project MCP servers are auto-approved' },
      fullDescription: { text: 'A cloned repository can start any MCP server it declares.' },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'CC-H2', 'OWASP-LLM06'], 'security-severity': '8.0' },
    });
    expect(rule.help.text).toContain('Fix: Remove enableAllProjectMcpServers');
    expect(rule.help.markdown).toContain('**Why:** A cloned repository');
  });

  it('maps severities to levels and GitHub security-severity, and points each result at its rule', () => {
    const log = sarif();
    const rules = log.runs[0].tool.driver.rules;
    const byRule = Object.fromEntries(log.runs[0].results.map((r: { ruleId: string }) => [r.ruleId, r]));
    expect(byRule['claude/critical-thing']).toMatchObject({
      level: 'error',
      properties: { 'security-severity': '9.5' },
    });
    expect(byRule['claude/project-mcp-autoapprove'].level).toBe('error');
    expect(byRule['deploy/medium-thing'].level).toBe('warning');
    expect(byRule['host/low-thing'].level).toBe('note');
    expect(byRule['claude/info-thing'].level).toBe('note');
    expect(byRule['claude/info-thing'].properties['security-severity']).toBeUndefined();
    for (const r of log.runs[0].results) expect(rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('gives file:// locations with line and column when known; the project when the finding names no file', () => {
    const byRule = Object.fromEntries(sarif().runs[0].results.map((r: { ruleId: string }) => [r.ruleId, r]));
    expect(byRule['claude/project-mcp-autoapprove'].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: `file://${HOME}/work/app/.claude/settings.json` },
      region: { startLine: 3, startColumn: 5 },
    });
    expect(byRule['deploy/medium-thing'].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: `file://${HOME}/srv/compose.yml` },
    });
    // GitHub rejects results without a location.
    expect(byRule['claude/info-thing'].locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: `file://${HOME}/work/app/` } },
        message: { text: 'Not in a file: this finding is about the audited machine or account.' },
      },
    ]);
    for (const r of sarif().runs[0].results) expect(r.locations).toHaveLength(1);
  });

  it('encodes paths with spaces and URI-significant characters', () => {
    const file = '/Users/Jane Doe/My Projects/app #2/100% done/ü.json';
    expect(artifactUri(file)).toBe(
      'file:///Users/Jane%20Doe/My%20Projects/app%20%232/100%25%20done/%C3%BC.json',
    );
    const log = sarif(report([finding({ checkId: 'claude/x', severity: 'medium', file, line: 2 })]));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(artifactUri(file));
    expect(validate(log)).toBe(true);
    expect(new URL(artifactUri(file)).pathname).not.toContain(' ');
    expect(fileURLToPath(artifactUri(file))).toBe(file);
  });

  it('gives each result a stable fingerprint', () => {
    const a = sarif().runs[0].results;
    const b = sarif().runs[0].results;
    expect(a.map((r: { partialFingerprints: unknown }) => r.partialFingerprints)).toEqual(
      b.map((r: { partialFingerprints: unknown }) => r.partialFingerprints),
    );
    const prints = new Set(
      a.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['agentwarden/v1']),
    );
    expect(prints.size).toBe(a.length);
  });

  it('escapes check docs in the Markdown help: they are prose, not Markdown', () => {
    const rules = new Map(RULES);
    const doc = RULES.get('claude/project-mcp-autoapprove');
    if (!doc) throw new Error('fixture rule missing');
    rules.set('claude/project-mcp-autoapprove', { ...doc, why: 'Write of ~/** or Bash(*) gives it all' });
    const log = JSON.parse(renderReport(mixedReport(), 'sarif', { color: false, rules }));
    const rule = log.runs[0].tool.driver.rules.find(
      (r: { id: string }) => r.id === 'claude/project-mcp-autoapprove',
    );
    expect(rule.help.markdown).toContain('**Why:** Write of \\~/\\*\\* or Bash(\\*) gives it all');
    expect(rule.help.text).toContain('Why: Write of ~/** or Bash(*) gives it all');
  });

  it('builds a rule from the findings when the check is not in the catalogue', () => {
    const log = sarif(report([finding({ checkId: 'unknown/check', severity: 'low', fix: 'Do [this](x)' })]));
    const rule = log.runs[0].tool.driver.rules[0];
    expect(rule).toMatchObject({ id: 'unknown/check', shortDescription: { text: 'Title of unknown/check' } });
    expect(rule.defaultConfiguration.level).toBe('note');
    expect(rule.help.markdown).toContain('Do \\[this\\](x)');
  });
});
