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
  /** The build id on the engine's first line (none: the engine never takes a cache). */
  id: string | undefined;
}

/** The engine's source, or undefined when there is no built engine (running from the sources). */
export function readEngine(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function usableCache(file: string, id: string | undefined): Buffer | undefined {
  if (!id) return undefined;
  try {
    const cache = fs.readFileSync(engineCacheFile(file));
    const header = Buffer.from(`${id}\n`);
    return cache.subarray(0, header.length).equals(header) ? cache.subarray(header.length) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the engine file (`source`, its text) as `require` would, with the code cache when it belongs to this engine. */
export function loadEngine(file: string, source = fs.readFileSync(file, 'utf8')): LoadedEngine {
  const id = ENGINE_HEADER.exec(source)?.[1];
  const cachedData = usableCache(file, id);
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
  return {
    engine: module.exports,
    script,
    compiled: !cachedData || script.cachedDataRejected === true,
    id,
  };
}
