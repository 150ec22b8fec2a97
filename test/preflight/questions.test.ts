import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type MaterializedFixture, materialize } from '../../src/core/fixture.js';
import { toolsAnswer } from '../../src/preflight/questions.js';

const fixtures: MaterializedFixture[] = [];
afterAll(() => {
  for (const f of fixtures) f.cleanup();
});

describe('toolsAnswer', () => {
  it("names the OpenClaw state dir OpenClaw uses: the profile's, not a stale ~/.openclaw", () => {
    const fx = materialize({
      files: { '~/.openclaw': { dir: true }, '~/.openclaw-work/openclaw.json': '{}' },
      env: { OPENCLAW_PROFILE: 'work' },
    });
    fixtures.push(fx);
    expect(toolsAnswer(fx.ctx).openclawStateDir).toBe(path.join(fx.home, '.openclaw-work'));
  });

  it('falls back to the legacy ~/.clawdbot when only it exists, and names none when neither does', () => {
    const legacy = materialize({ files: { '~/.clawdbot': { dir: true } } });
    const none = materialize({ files: {} });
    fixtures.push(legacy, none);
    expect(toolsAnswer(legacy.ctx).openclawStateDir).toBe(path.join(legacy.home, '.clawdbot'));
    expect(toolsAnswer(none.ctx).openclawStateDir).toBeUndefined();
  });
});
