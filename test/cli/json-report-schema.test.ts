// The JSON report validates against the published schema (schema/agentwarden.report.schema.json), on the
// demo home and on a clean one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { materialize } from '../../src/core/fixture.js';
import { REPO, runCli } from '../helpers/cli.js';

const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'schema/agentwarden.report.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);
const clean = materialize({ files: { 'README.md': '# app\n' } });
afterAll(() => clean.cleanup());

describe('JSON report schema', () => {
  it.each([
    ['demo home', path.join(REPO, 'examples/demo-home'), path.join(REPO, 'examples/demo-home/work/app')],
    ['clean home', clean.home, clean.project],
  ])('%s report is valid', (_name, home, project) => {
    const report = JSON.parse(
      runCli(['audit', '--home', home, '--project', project, '--format', 'json']).stdout,
    );
    const ok = validate(report);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a report that breaks the contract', () => {
    const report = JSON.parse(
      runCli(['audit', '--home', clean.home, '--project', clean.project, '--format', 'json']).stdout,
    );
    report.findings.push({
      checkId: 'Bad Id',
      severity: 'severe',
      title: 't',
      message: 'm',
      fixable: false,
      seedRefs: [],
      frameworks: [],
    });
    expect(validate(report)).toBe(false);
  });
});
