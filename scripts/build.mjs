// Bundles the CLI with esbuild. Subcommands are dynamic imports, so each becomes its own chunk and
// `guard hook claude` (on every tool call of every agent) loads only what it needs.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// Start clean: chunk names carry content hashes, so stale chunks would otherwise pile up and ship.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const shared = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  // jsonc-parser's `main` is a UMD build whose internal require()s esbuild cannot follow; use its ESM build.
  mainFields: ['module', 'main'],
  target: 'node20.12',
  sourcemap: false,
  minifySyntax: true,
  define: { __AGENTWARDEN_VERSION__: JSON.stringify(pkg.version) },
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __awCreateRequire } from 'node:module';\nconst require = __awCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

// The hook (src/cli/main.ts imports './hook.js' for `guard hook`) is built apart from the CLI: dist/hook.js
// holds only what a call answered by the warm helper needs; the in-process engine is one more chunk.
// Every extra ESM chunk costs a file read through the async loader on each tool call (~1-2 ms each).
await build({
  ...shared,
  entryPoints: { hook: 'src/cli/hook.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'hook-chunks/[name]-[hash]',
  external: ['web-tree-sitter', 'tree-sitter-bash'],
});

await build({
  ...shared,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  external: ['web-tree-sitter', 'tree-sitter-bash', './hook.js'],
});
