// The in-process engine of `guard hook claude` as one CommonJS file with a V8 code cache beside it (issue 8,
// hook budget). As ES modules the engine was a dozen chunks, each resolved, read and compiled on every call
// the warm helper did not answer; as one script whose compiled code V8 reads back from the cache, a call
// skips most of that. scripts/build.mjs writes both. The cache is used only when its first line names the
// engine's build (the engine's own first line) and V8 accepts it (same V8 version and flags as the build);
// otherwise the engine is compiled as usual, as it is under another Node version than the build's. The cache
// sits beside the code it is compiled from and is as trusted as that code: whoever can replace it can
// replace the script.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

export type ClaudeEngine = typeof import('../adapters/claude-code/run.js');

export const ENGINE_FILE = 'hook-engine.cjs';
export const engineCacheFile = (engine: string) => `${engine}.cache`;

/** The engine's first line, written by the build: `// agentwarden hook engine <build id>`. */
const ENGINE_HEADER = /^\/\/ agentwarden hook engine ([0-9a-f]{16})\n/;

export interface LoadedEngine {
  engine: ClaudeEngine;
  script: vm.Script;
  /** True when V8 compiled the engine (no usable cache), false when it took the cache. */
  compiled: boolean;
}

function usableCache(file: string, source: string): Buffer | undefined {
  const id = ENGINE_HEADER.exec(source)?.[1];
  if (!id) return undefined;
  try {
    const cache = fs.readFileSync(engineCacheFile(file));
    const header = Buffer.from(`${id}\n`);
    return cache.subarray(0, header.length).equals(header) ? cache.subarray(header.length) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the engine file as `require` would, with the code cache when it belongs to this engine. */
export function loadEngine(file: string): LoadedEngine {
  const source = fs.readFileSync(file, 'utf8');
  const cachedData = usableCache(file, source);
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, __awImport) {${source}\n})`,
    { filename: file, ...(cachedData ? { cachedData } : {}) },
  );
  const module = { exports: {} as ClaudeEngine };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  // The engine's dynamic imports (the build rewrites them): resolved from this bundle, beside the engine.
  const importModule = (specifier: string) => import(specifier);
  wrapper.call(
    module.exports,
    module.exports,
    createRequire(file),
    module,
    file,
    path.dirname(file),
    importModule,
  );
  return { engine: module.exports, script, compiled: !cachedData || script.cachedDataRejected === true };
}

/**
 * Build time: runs the engine on quiet calls in a throwaway home (so V8 compiles what such a call runs, and
 * nothing that changes V8's flags, as the shell parser's wasm set-up does), then writes the code cache headed by
 * the engine's build id (a new file renamed over the old one, so a running hook reads one or the other). Throws
 * when the engine has no header. Also run by `guard install` on the installed copy, for the Node it installs
 * with (src/adapters/claude-code/hook-bundle.ts). (test/guard/hook-engine.test.ts checks that a fresh process
 * takes the cache.)
 */
export async function writeEngineCache(file: string, loaded = loadEngine(file)): Promise<void> {
  const { engine, script } = loaded;
  const id = ENGINE_HEADER.exec(fs.readFileSync(file, 'utf8'))?.[1];
  if (!id) throw new Error(`${file} has no build id on its first line`);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-engine-cache-'));
  try {
    const cwd = path.join(home, 'project');
    fs.mkdirSync(cwd);
    const calls: [string, Record<string, unknown>][] = [
      ['Bash', { command: 'git status' }],
      ['Read', { file_path: path.join(cwd, 'README.md') }],
      ['Edit', { file_path: path.join(cwd, 'README.md'), old_string: 'a', new_string: 'b' }],
    ];
    for (const [tool, input] of calls) {
      const payload = {
        session_id: 'cache',
        cwd,
        hook_event_name: 'PreToolUse',
        tool_name: tool,
        tool_input: input,
      };
      await engine.runClaudeHook(JSON.stringify(payload), { home, env: { HOME: home }, cwd });
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
  const cache = engineCacheFile(file);
  const staged = `${cache}.tmp-${process.pid}`;
  fs.writeFileSync(staged, Buffer.concat([Buffer.from(`${id}\n`), script.createCachedData()]));
  fs.renameSync(staged, cache);
}
