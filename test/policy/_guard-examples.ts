// Runs a guard rule's example through the real policy: the built-in policy (or the example's own policy
// file) loaded from a temp home, the full shell analyser, and real paths read from the file system.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { guardPolicyOptions } from '../../src/guard/real-engine.js';
import { realPathOf } from '../../src/guard/real-path.js';
import {
  type DecisionExplanation,
  explainDecision,
  initialSessionState,
  loadPolicy,
} from '../../src/policy/index.js';
import type { ExampleAction, ExampleCase } from '../../src/policy/rules/define.js';
import type { Action } from '../../src/policy/types.js';
import { loadShellAnalyzer } from '../../src/scanners/shell/index.js';

export interface ExampleMachine {
  home: string;
  project: string;
  cleanup(): void;
}

// Not under the system temp dir: /tmp is a scratch directory to the policy, where writes never ask.
const FIXTURES = path.resolve(import.meta.dirname, '../../node_modules/.cache/agentwarden-rule-examples');

export function exampleMachine(): ExampleMachine {
  fs.mkdirSync(FIXTURES, { recursive: true });
  const home = fs.realpathSync(fs.mkdtempSync(path.join(FIXTURES, 'home-')));
  const project = path.join(home, 'work', 'app');
  fs.mkdirSync(project, { recursive: true });
  return { home, project, cleanup: () => fs.rmSync(home, { recursive: true, force: true }) };
}

function place(p: string, m: ExampleMachine): string {
  if (p === '~') return m.home;
  if (p.startsWith('~/')) return path.join(m.home, p.slice(2));
  return path.isAbsolute(p) ? p : path.join(m.project, p);
}

/** An example's MCP tool is named as a policy file names it: `mcp__<server>__<tool>`. */
function mcpOf(name: string | undefined): Action['mcp'] {
  const named = /^mcp__(.+?)__(.*)$/.exec(name ?? '');
  return named ? { server: named[1] ?? '', tool: named[2] ?? '' } : undefined;
}

function toAction(action: string | ExampleAction, m: ExampleMachine): Action {
  const base = { paths: [], urls: [], cwd: m.project, raw: {} };
  if (typeof action === 'string') return { ...base, tool: 'shell', kind: 'exec', command: action };
  const mcp = mcpOf(action.name);
  return {
    ...base,
    tool: action.name ?? `example ${action.kind}`,
    kind: action.kind,
    ...(mcp ? { mcp } : {}),
    paths: action.path === undefined ? [] : [place(action.path, m)],
    urls: action.url === undefined ? [] : [action.url],
  };
}

export async function runExample(example: ExampleCase): Promise<DecisionExplanation> {
  const m = exampleMachine();
  try {
    for (const [link, target] of Object.entries(example.links ?? {})) {
      const at = place(link, m);
      fs.mkdirSync(path.dirname(at), { recursive: true });
      fs.mkdirSync(place(target, m), { recursive: true });
      fs.symlinkSync(place(target, m), at);
    }
    if (example.policy !== undefined) {
      const file = path.join(m.home, '.config', 'agentwarden', 'policy.yaml');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, example.policy);
    }
    const loaded = await loadPolicy({
      ...guardPolicyOptions({ home: m.home, project: m.project, env: {} }),
      platform: 'linux',
    });
    if (!loaded.ok) throw new Error(loaded.error);
    const session = example.tainted
      ? { tainted: true, taintSources: ['WebFetch https://example.org/issue'] }
      : initialSessionState();
    return explainDecision(toAction(example.action, m), {
      policy: loaded.policy,
      shell: await loadShellAnalyzer(),
      session,
      home: m.home,
      project: m.project,
      sandboxed: example.sandboxed ?? false,
      realPath: realPathOf,
    });
  } finally {
    m.cleanup();
  }
}
