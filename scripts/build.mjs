// Bundles the CLI with esbuild. Subcommands are dynamic imports, so each becomes its own chunk and
// `guard hook claude` (on every tool call of every agent) loads only what it needs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { secretPrecheckTable } from './secret-precheck-table.mjs';

// Start clean: chunk names carry content hashes, so stale chunks would otherwise pile up and ship.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

const ROOT = fileURLToPath(new URL('..', import.meta.url));
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

/**
 * A dynamic import of a builtin (`import("node:net")`) starts Node's ES module loader; in the hook's scripts it
 * becomes a `require` one tick later (the same module object). In a CommonJS script esbuild also wraps a
 * required builtin in __toESM, which copies every export: the builtin is taken as it is.
 */
const DYNAMIC_BUILTIN_IMPORT = /\bimport\("(node:[\w/]+)"\)/g;
const REQUIRED_LATER = 'Promise.resolve().then(() => require("$1"))';
const requireBuiltinsCjs = (code) =>
  code
    .replace(/__toESM\((require\("node:[\w/]+"\)), 1\)/g, '$1')
    .replace(DYNAMIC_BUILTIN_IMPORT, REQUIRED_LATER);

/**
 * In the hook's CommonJS scripts (the in-process engine, the secrets engine), node:crypto is required at the first
 * hash, not at load: loading it costs 5-20 ms, and the secrets engine, loaded for any text that may hold a secret,
 * hashes only a secret it found (the spend cache only with a budget). Only createHash is offered: importing
 * anything else from node:crypto there fails the build.
 */
const lazyCrypto = {
  name: 'lazy-node-crypto',
  setup(b) {
    b.onResolve({ filter: /^node:crypto$/ }, (args) =>
      args.kind === 'import-statement' ? { path: 'crypto', namespace: 'aw-lazy-crypto' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'aw-lazy-crypto' }, () => ({
      loader: 'js',
      contents: "export const createHash = (...args) => require('node:crypto').createHash(...args);",
    }));
  },
};

/**
 * The hook redacts an error's message only on its error paths (redactedErrorLine in src/cli/hook.ts): its dynamic
 * import of core/redact.js is the secrets engine script, loaded then, instead of 100 KB bundled into the entry.
 */
const redactionOnError = {
  name: 'hook-redaction-on-error',
  setup(b) {
    if (!precheckTable) return;
    b.onResolve({ filter: /[\\/]core[\\/]redact\.js$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: `./hook-chunks/${ENGINE_FILE}`, external: true } : undefined,
    );
  },
};

// The hook (src/cli/main.ts imports './hook.js' for `guard hook`) is built apart from the CLI: dist/hook.js
// holds only what a call answered by the warm helper needs. A call decided in-process runs the engine script
// below (dist/hook-engine.cjs); the chunks serve the warm helper, OpenClaw and the fail-closed answers.
// Every extra ESM chunk costs a file read through the async loader on each tool call (~1-2 ms each).
// dist/hook.js is one file (what it imports statically is small and pure, so its copies in the chunks do no
// harm): each ES module it imported cost a resolve and a read on every call. What it loads on demand are the
// entries of a second, split build, named without hashes so hook.js can name them.
const HOOK_ENTRIES = {
  'adapters/claude-code/run': 'claude-run',
  'adapters/claude-code/output': 'output',
  'adapters/openclaw/run': 'openclaw-run',
  'guard/watchdog-log': 'watchdog-log',
  // Writing the engine's code cache (`guard install` only).
  'cli/hook-engine-cache': 'engine-cache',
};
const hookEntries = {
  name: 'hook-entries',
  setup(b) {
    b.onResolve({ filter: /\.js$/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const key = path.relative(path.join(ROOT, 'src'), path.resolve(args.resolveDir, args.path));
      const name = HOOK_ENTRIES[key.replace(/\.js$/, '')];
      return name ? { path: `./hook-chunks/${name}.js`, external: true } : undefined;
    });
  },
};
await build({
  ...shared,
  entryPoints: { hook: 'src/cli/hook.ts' },
  outdir: 'dist',
  external: ['web-tree-sitter', 'tree-sitter-bash'],
  plugins: [hookEntries, redactionOnError],
});
// The installed Claude Code hook starts from dist/hook.cjs (src/cli/hook-entry.ts): the same code as hook.js,
// as CommonJS, so a tool call does not start Node's ES module loader for its entry (issue 8).
await build({
  ...shared,
  format: 'cjs',
  banner: {
    js: "#!/usr/bin/env node\nconst __awHookUrl = require('node:url').pathToFileURL(__filename).href;",
  },
  define: { ...shared.define, 'import.meta.url': '__awHookUrl' },
  entryPoints: { hook: 'src/cli/hook-entry.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  external: ['web-tree-sitter', 'tree-sitter-bash'],
  plugins: [hookEntries, redactionOnError],
});
writeFileSync('dist/hook.cjs', requireBuiltinsCjs(readFileSync('dist/hook.cjs', 'utf8')));
await build({
  ...shared,
  entryPoints: Object.fromEntries(Object.entries(HOOK_ENTRIES).map(([src, name]) => [name, `src/${src}.ts`])),
  outdir: 'dist/hook-chunks',
  splitting: true,
  chunkNames: '[name]-[hash]',
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
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile: `dist/hook-chunks/${ENGINE_FILE}`,
    plugins: [seedPrecheck, lazyCrypto],
  });

/**
 * Node builtins in the hook's ES modules are taken with the `require` every chunk's banner makes, not imported:
 * importing one makes Node build an ES module facade that reads every export, and reading node:fs's loads the
 * stream modules (issue 8: ~2 % of a hook call's CPU). Same objects, bound before the module's body runs.
 */
const BUILTIN_IMPORT = /^import (?:\* as (\w+)|\{([^}]*)\}|(\w+)) from "(node:[\w/]+)";\n/gm;
const REQUIRE_BANNER = 'const require = __awCreateRequire(import.meta.url);\n';
function requireBuiltins(file) {
  const bound = [];
  const code = readFileSync(file, 'utf8')
    .replace(BUILTIN_IMPORT, (_line, namespace, named, name, specifier) => {
      const binding = namespace ?? name ?? `{ ${named.trim().replace(/\s+as\s+/g, ': ')} }`;
      bound.push(`const ${binding} = require("${specifier}");\n`);
      return '';
    })
    .replace(DYNAMIC_BUILTIN_IMPORT, REQUIRED_LATER);
  const at = code.indexOf(REQUIRE_BANNER) + REQUIRE_BANNER.length;
  if (at < REQUIRE_BANNER.length) throw new Error(`build: ${file} has no require banner`);
  writeFileSync(file, code.slice(0, at) + bound.join('') + code.slice(at));
}
requireBuiltins('dist/hook.js');
for (const f of readdirSync('dist/hook-chunks'))
  if (f.endsWith('.js')) requireBuiltins(`dist/hook-chunks/${f}`);

/**
 * The in-process engine (src/cli/hook-engine.ts): src/adapters/claude-code/run.ts and all it may load, as one
 * CommonJS script, headed by a build id, with a V8 code cache beside it. Builtins are required as they are
 * (esbuild's namespace wrapper copies every export; nothing imports a builtin's default). Other dynamic
 * imports (web-tree-sitter) go through the loader's `__awImport`: a script compiled from a code cache loses
 * its dynamic import callback in Node 20.
 */
const ENGINE = 'dist/hook-engine.cjs';
await build({
  ...shared,
  format: 'cjs',
  banner: { js: "const __awEngineUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { ...shared.define, 'import.meta.url': '__awEngineUrl' },
  entryPoints: { 'hook-engine': 'src/adapters/claude-code/run.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  external: ['web-tree-sitter', 'tree-sitter-bash'],
  plugins: [secretGate, seedPrecheck, lazyCrypto],
});
const engineCode = requireBuiltinsCjs(readFileSync(ENGINE, 'utf8')).replace(
  /\bimport\(("[\w@/.-]+")\)/g,
  '__awImport($1)',
);
if (/\bimport\(/.test(engineCode))
  throw new Error(`build: ${ENGINE} has a dynamic import the loader cannot serve`);
const engineId = createHash('sha256').update(engineCode).digest('hex').slice(0, 16);
writeFileSync(ENGINE, `// agentwarden hook engine ${engineId}\n${engineCode}`);
{
  // The cache is written by a child process running the engine the way a hook call does.
  const driver = await build({
    stdin: {
      contents: "export { writeEngineCache } from './src/cli/hook-engine-cache.ts';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'warning',
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'aw-build-'));
  const script = path.join(dir, 'write-engine-cache.mjs');
  writeFileSync(script, `${driver.outputFiles[0].text}\nawait writeEngineCache(process.argv[2]);\n`);
  const run = spawnSync(process.execPath, [script, path.resolve(ENGINE)], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  if (run.status !== 0)
    console.warn(`build: no code cache for the hook engine (${run.stderr.trim().split('\n')[0]})`);
}

await build({
  ...shared,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  external: ['web-tree-sitter', 'tree-sitter-bash', './hook.js'],
});
