// The hook runs on every tool call of every agent: it must not pull in audit, reporter or CLI-framework
// code (DESIGN.md). esbuild's metafile lists every module the hook entry can load, lazy chunks included.
import * as path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');

function buildHook() {
  return build({
    entryPoints: [path.join(REPO, 'src/cli/hook.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    outdir: path.join(REPO, 'node_modules/.cache/agentwarden-arch'),
    mainFields: ['module', 'main'],
    external: ['web-tree-sitter', 'tree-sitter-bash'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
}

describe('the hook path', () => {
  it('loads no checks, reporters, fix engine, guard rule catalogue, commander or picocolors', async () => {
    const result = await buildHook();
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.includes('src/policy/'))).toBe(true);
    const forbidden = inputs.filter((i) =>
      /src\/(checks|reporters|fix|discover|policy\/rules)\/|src\/cli\/(program|audit|checklist)|node_modules\/(commander|picocolors)\//.test(
        i,
      ),
    );
    expect(forbidden).toEqual([]);
  });

  it('decides a call without a command without loading the shell analysis', async () => {
    const { metafile } = await buildHook();
    const outputs = metafile.outputs;
    const entry = Object.keys(outputs).find((o) =>
      outputs[o]?.entryPoint?.endsWith('src/adapters/claude-code/run.ts'),
    );
    expect(entry).toBeDefined();
    // Everything the in-process decision loads before any dynamic import.
    const loaded = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file) || !outputs[file]) return;
      loaded.add(file);
      for (const i of outputs[file].imports) if (i.kind === 'import-statement') visit(i.path);
    };
    visit(entry as string);
    const modules = [...loaded].flatMap((o) => Object.keys(outputs[o]?.inputs ?? {}));
    expect(modules.some((m) => m.includes('src/policy/decide.ts'))).toBe(true);
    expect(
      modules.filter((m) => /src\/scanners\/shell\/(rules\/|analyze|capabilities|parse)/.test(m)),
    ).toEqual([]);
  });
});
