import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openclawGuardStatus } from '../../../src/adapters/openclaw/status.js';
import { HARDENED_CONFIG, openclawHome } from '../../../src/checks/openclaw/_openclaw.js';
import guardCoverage from '../../../src/checks/openclaw/guard-coverage.js';
import type { FixtureEntry } from '../../../src/core/check.js';
import { type MaterializedFixture, materialize } from '../../../src/core/fixture.js';
import { runCheck } from '../../../src/core/run-audit.js';

const made: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of made) f.cleanup();
});

const ENABLED = "plugins: { allow: ['agentwarden'], entries: { agentwarden: { enabled: true } } }";
const plugin = (cli = '/opt/agentwarden/dist/cli.js'): Record<string, string | FixtureEntry> => ({
  '~/.openclaw/extensions/agentwarden': { dir: true, mode: 0o700 },
  '~/.openclaw/extensions/agentwarden/openclaw.plugin.json': '{"id":"agentwarden","configSchema":{}}',
  '~/.openclaw/extensions/agentwarden/index.js': `const CLI = ${JSON.stringify(cli)};\n`,
  '/opt/agentwarden/dist/cli.js': '// agentwarden\n',
});

async function findings(config: string, extra: Record<string, string | FixtureEntry> = {}) {
  const f = materialize(openclawHome(config, extra));
  made.push(f);
  return { f, found: await runCheck(guardCoverage, f.ctx) };
}

describe('openclaw/guard-coverage', () => {
  it('no plugin: low, pointing at guard install openclaw', async () => {
    const { found } = await findings(HARDENED_CONFIG);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'low' });
    expect(found[0]?.fix).toContain('agentwarden guard install openclaw');
  });

  it('enabled in the config but missing from disk: high, the Gateway would start unguarded', async () => {
    const { found } = await findings(HARDENED_CONFIG.replace('plugins: { allow: [] }', ENABLED));
    expect(found.map((x) => x.severity)).toEqual(['high']);
    expect(found[0]?.message).toMatch(/missing from .*extensions\/agentwarden/);
    expect(found[0]?.message).toContain('unguarded');
  });

  it('an allowlist without the plugin is a broken install (high); plugins.deny switches it off (medium)', async () => {
    const allow = await findings("{ plugins: { allow: ['telegram'] } }\n", plugin());
    expect(allow.found.map((x) => x.severity)).toEqual(['high']);
    expect(allow.found[0]?.message).toContain('plugins.allow does not list agentwarden');
    const deny = await findings(
      "{ tools: { exec: { security: 'allowlist' } }, plugins: { deny: ['agentwarden'] } }\n",
      plugin(),
    );
    expect(deny.found.map((x) => x.severity)).toEqual(['medium']);
    expect(deny.found[0]?.message).toContain('switched off (plugins.deny lists agentwarden)');
  });

  it('a world-writable plugin file is refused by OpenClaw: high, naming the file', async () => {
    const { f, found } = await findings(HARDENED_CONFIG.replace('plugins: { allow: [] }', ENABLED), {
      ...plugin(),
      '~/.openclaw/extensions/agentwarden/index.js': {
        content: 'const CLI = "/opt/agentwarden/dist/cli.js";\n',
        mode: 0o666,
      },
    });
    expect(found.map((x) => x.severity)).toEqual(['high']);
    expect(found[0]?.message).toContain(
      `${path.join(f.home, '.openclaw/extensions/agentwarden/index.js')} is writable by anyone`,
    );
  });

  it('loaded but pointing at a removed agentwarden: medium (it blocks every call)', async () => {
    const { found } = await findings(
      HARDENED_CONFIG.replace('plugins: { allow: [] }', ENABLED),
      plugin('/opt/gone/cli.js'),
    );
    expect(found.map((x) => x.severity)).toEqual(['medium']);
    expect(found[0]?.message).toContain('no longer there');
  });

  it('agent exec gap: reported only where exec runs without approval', async () => {
    const full = await findings(`{ ${ENABLED} }\n`, plugin());
    expect(full.found.map((x) => x.severity)).toEqual(['low']);
    expect(full.found[0]?.message).toContain('openclaw agent exec');
    const sandboxed = await findings(
      `{ ${ENABLED}, agents: { defaults: { sandbox: { mode: 'all' } } } }\n`,
      plugin(),
    );
    expect(sandboxed.found).toEqual([]);
  });

  it('guard status reads the same files: installed, with the CLI under the system root', async () => {
    const { f } = await findings(HARDENED_CONFIG.replace('plugins: { allow: [] }', ENABLED), plugin());
    const where = { home: f.home, env: { HOME: f.home } };
    expect(openclawGuardStatus({ ...where, systemRoot: f.systemRoot })).toMatchObject({
      installed: true,
      loads: true,
      problems: [],
    });
    // A CLI path outside home is looked up under the system root: another root does not hold it.
    expect(openclawGuardStatus({ ...where, systemRoot: path.join(f.root, 'elsewhere') }).problems).toEqual([
      expect.stringContaining('no longer there'),
    ]);
  });
});
