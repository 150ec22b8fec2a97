// Public openclaw.json files (test/fixtures/real/openclaw, sources in SOURCES.md) audited as a home's
// config: no check may crash on them, and every finding about the config points at a line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openclawChecks } from '../../../src/checks/openclaw/index.js';
import { type MaterializedFixture, materialize } from '../../../src/core/fixture.js';
import { runAudit } from '../../../src/core/run-audit.js';

const CORPUS = path.resolve(import.meta.dirname, '../../fixtures/real/openclaw');
const configs = fs
  .readdirSync(CORPUS)
  .filter((d) => fs.existsSync(path.join(CORPUS, d, 'openclaw.json')))
  .sort();

const made: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of made) f.cleanup();
});

describe('OpenClaw audit on real configurations', () => {
  it('has the sample', () => {
    expect(configs.length).toBeGreaterThanOrEqual(40);
  });

  it.each(configs)('%s: no crash, every config finding has a line', async (dir) => {
    const f = materialize({
      files: {
        '~/.openclaw': { dir: true, mode: 0o700 },
        '~/.openclaw/openclaw.json': {
          content: fs.readFileSync(path.join(CORPUS, dir, 'openclaw.json'), 'utf8'),
          mode: 0o600,
        },
      },
    });
    made.push(f);
    const { findings } = await runAudit(f.ctx, openclawChecks);
    const config = path.join(f.home, '.openclaw', 'openclaw.json');
    for (const x of findings) {
      expect(x.message, x.checkId).not.toMatch(/could not complete/);
      if (x.file === config) expect(x.line, `${x.checkId}: ${x.message}`).toBeGreaterThanOrEqual(1);
    }
  });
});
