import { describe, expect, it } from 'vitest';
import { installDirOf } from '../../src/guard/real-engine.js';

describe('installDirOf', () => {
  it('is the dist folder the running dist/cli.js sits in', () => {
    expect(installDirOf('/opt/agentwarden/dist/cli.js')).toBe('/opt/agentwarden/dist');
    expect(installDirOf('/home/u/.npm/_npx/1/node_modules/agentwarden/dist/cli.js')).toBe(
      '/home/u/.npm/_npx/1/node_modules/agentwarden/dist',
    );
  });

  it('is unknown for anything else (tests, other layouts): nothing extra is protected then', () => {
    expect(installDirOf(undefined)).toBeUndefined();
    expect(installDirOf('/work/node_modules/vitest/vitest.mjs')).toBeUndefined();
  });
});
