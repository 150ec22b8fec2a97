// Bundles the CLI with esbuild. Subcommands are dynamic imports, so each becomes its own chunk and
// `guard hook claude` (on every tool call of every agent) loads only what it needs.
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { secretPrecheckTable } from './secret-precheck-table.mjs';

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

/**
 * The hook's secrets engine (issue 8, hook budget). Every hook call redacts its reason and log entry and scans
 * what it was sent; loading the engine for that (80 KB of rules, compiled and evaluated, plus building the
 * precheck's literal table: ~25-35 ms of CPU and a young-generation GC on a loaded 2-CPU machine) cost more than
 * deciding. In the hook bundle, imports of the engine and of redactText go to a gate (src/guard/secret-gate.ts)
 * holding the precheck table computed here; the engine itself is a CommonJS file next to the chunks, required
 * synchronously the first time a text may hold a secret. Same answers: the engine runs that same precheck first.
 * When the table cannot be computed (names moved in the secrets module), the hook is built as before and says so.
 */
let precheckTable;
try {
  precheckTable = await secretPrecheckTable();
} catch (err) {
  console.warn(`build: secrets precheck table not computed (${String(err?.message ?? err).split('\n')[0]})`);
}

const PRECHECK_DECLARATION = 'let literals: Literals | undefined;';
const ENGINE_FILE = 'secrets-engine.cjs';

/** The engine's own precheck starts from the table too (when the gate lets a text through). */
const seedPrecheck = {
  name: 'precomputed-secrets-precheck',
  setup(b) {
    if (!precheckTable) return;
    const { anyCase, exact, shapes, anyLongToken } = precheckTable;
    b.onLoad({ filter: /[\\/]scanners[\\/]secrets[\\/]precheck\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(PRECHECK_DECLARATION)) return undefined;
      const seeded = `let literals: Literals | undefined = ${JSON.stringify({ anyCase, exact, shapes, anyLongToken })};`;
      return { contents: source.replace(PRECHECK_DECLARATION, seeded), loader: 'ts' };
    });
  },
};

/** The hook's imports of scanners/secrets/detect.js and core/redact.js become the gate. */
const secretGate = {
  name: 'hook-secret-gate',
  setup(b) {
    if (!precheckTable) return;
    const src = fileURLToPath(new URL('../src/', import.meta.url));
    b.onResolve({ filter: /(^|[\\/])(scanners[\\/]secrets[\\/]detect|core[\\/]redact)\.js$/ }, (args) =>
      args.kind === 'import-statement' && args.importer.startsWith(src)
        ? { path: 'gate', namespace: 'aw-secret-gate' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'aw-secret-gate' }, () => ({
      resolveDir: src,
      loader: 'js',
      contents: [
        "import { createRequire } from 'node:module';",
        "import { secretGate } from './guard/secret-gate.ts';",
        `const gate = secretGate(${JSON.stringify(precheckTable)}, () =>`,
        '  createRequire(import.meta.url)(',
        `    /[\\/]hook-chunks[\\/][^\\/]+$/.test(import.meta.url) ? './${ENGINE_FILE}' : './hook-chunks/${ENGINE_FILE}',`,
        '  ),',
        ');',
        'export function findSecrets(text, opts) { return gate.findSecrets(text, opts); }',
        'export function redactText(text) { return gate.redactText(text); }',
      ].join('\n'),
    }));
  },
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
  plugins: [secretGate, seedPrecheck],
});

if (precheckTable)
  await build({
    ...shared,
    banner: {},
    format: 'cjs',
    stdin: {
      contents:
        "export { findSecrets } from './src/scanners/secrets/detect.ts';\nexport { redactText } from './src/core/redact.ts';",
      resolveDir: fileURLToPath(new URL('..', import.meta.url)),
      loader: 'ts',
    },
    outfile: `dist/hook-chunks/${ENGINE_FILE}`,
    plugins: [seedPrecheck],
  });

await build({
  ...shared,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  external: ['web-tree-sitter', 'tree-sitter-bash', './hook.js'],
});
