// Public openclaw.json files (test/fixtures/real/openclaw, sources in SOURCES.md) audited as a home's
// config: no check may crash on them, and every finding about the config points at a line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openclawChecks } from '../../../src/checks/openclaw/index.js';
import { type MaterializedFixture, materialize } from '../../../src/core/fixture.js';
import { runAudit } from '../../../src/core/run-audit.js';

const CORPUS = path.resolve(import.meta.dirname, '../../fixtures/real/openclaw');
// Where OpenClaw finds each name: a legacy clawdbot.json in ~/.clawdbot; a moltbot.json only through
// $OPENCLAW_CONFIG_PATH (OpenClaw has no moltbot.json location). Same layout as bench/real-openclaw.mjs.
const LAYOUT: Record<string, { dir: string; env?: string }> = {
  'openclaw.json': { dir: '.openclaw' },
  'clawdbot.json': { dir: '.clawdbot' },
  'moltbot.json': { dir: 'moltbot', env: 'OPENCLAW_CONFIG_PATH' },
};
const configs = fs
  .readdirSync(CORPUS)
  .flatMap((d) =>
    Object.keys(LAYOUT)
      .filter((name) => fs.existsSync(path.join(CORPUS, d, name)))
      .map((name) => `${d}/${name}`),
  )
  .sort();

const made: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of made) f.cleanup();
});

describe('OpenClaw audit on real configurations', () => {
  it('has the sample, legacy names included', () => {
    expect(configs.length).toBeGreaterThanOrEqual(55);
    expect(configs.filter((c) => c.endsWith('/clawdbot.json')).length).toBeGreaterThanOrEqual(8);
    expect(configs.filter((c) => c.endsWith('/moltbot.json')).length).toBeGreaterThanOrEqual(4);
  });

  it.each(configs)('%s: no crash, every config finding has a line', async (entry) => {
    const name = path.basename(entry);
    const { dir, env } = LAYOUT[name] as { dir: string; env?: string };
    const f = materialize({
      files: {
        [`~/${dir}`]: { dir: true, mode: 0o700 },
        [`~/${dir}/${name}`]: { content: fs.readFileSync(path.join(CORPUS, entry), 'utf8'), mode: 0o600 },
      },
      ...(env && { env: { [env]: `~/${dir}/${name}` } }),
    });
    made.push(f);
    const { findings } = await runAudit(f.ctx, openclawChecks);
    const config = path.join(f.home, dir, name);
    // The config was found and read where OpenClaw would look (a finding points into it).
    expect(findings.some((x) => x.file === config)).toBe(true);
    for (const x of findings) {
      expect(x.message, x.checkId).not.toMatch(/could not complete/);
      if (x.file === config) expect(x.line, `${x.checkId}: ${x.message}`).toBeGreaterThanOrEqual(1);
    }
  });
});
