// Writing the hook engine's V8 code cache (src/cli/hook-engine.ts). Needed only by the build and by
// `guard install` (`guard hook claude --engine-cache`), so a tool call never loads it: the hook bundles load
// this module on demand (scripts/build.mjs: dist/hook-chunks/engine-cache.js).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { engineCacheFile, loadEngine } from './hook-engine.js';

/**
 * Runs the engine on quiet calls in a throwaway home (so V8 compiles what such a call runs, and nothing that
 * changes V8's flags, as the shell parser's wasm set-up does), then writes the code cache headed by the
 * engine's build id (a new file renamed over the old one, so a running hook reads one or the other). Throws
 * when the engine has no header. Run by the build, and by `guard install` on the installed copy for the Node
 * it installs with (src/adapters/claude-code/hook-bundle.ts). (test/guard/hook-engine.test.ts checks that a
 * fresh process takes the cache.)
 */
export async function writeEngineCache(file: string, loaded = loadEngine(file)): Promise<void> {
  const { engine, script, id } = loaded;
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

/**
 * `guard hook claude --engine-cache` (run by `guard install` on the installed copy): prints `kept` when this
 * Node takes the engine's code cache, else writes one for it and prints `written`.
 */
export async function engineCacheCommand(file: string): Promise<number> {
  const loaded = loadEngine(file);
  if (!loaded.compiled) {
    process.stdout.write('kept\n');
    return 0;
  }
  await writeEngineCache(file, loaded);
  process.stdout.write('written\n');
  return 0;
}
