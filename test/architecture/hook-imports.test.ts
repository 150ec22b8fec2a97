// The hook runs on every tool call of every agent: it must not pull in audit, reporter or CLI-framework
// code (DESIGN.md). esbuild's metafile lists every module the hook entry can load, lazy chunks included.
import * as path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');

describe('the hook path', () => {
  it('loads no checks, reporters, fix engine, guard rule catalogue, commander or picocolors', async () => {
    const result = await build({
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
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.includes('src/policy/'))).toBe(true);
    const forbidden = inputs.filter((i) =>
      /src\/(checks|reporters|fix|discover|policy\/rules)\/|src\/cli\/(program|audit|checklist)|node_modules\/(commander|picocolors)\//.test(
        i,
      ),
    );
    expect(forbidden).toEqual([]);
  });
});
