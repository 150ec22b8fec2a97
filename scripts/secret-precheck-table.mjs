// The secrets precheck's table (`literalsOf` in src/scanners/secrets/precheck.ts, with the engine's token runs
// from detect.ts), computed at build time from the same rules instead of on every hook call. The source files are
// read as they are and only given an `export` line in a throwaway bundle. Used by scripts/build.mjs and by the
// test that proves the hook's secret gate answers exactly as the engine does.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXPOSED = { 'precheck.ts': 'literalsOf', 'detect.ts': 'isShapeRule, TOKEN_RUNS' };

/** `{ anyCase, exact, shapes, anyLongToken, patterns, minLength, tokenChars, maxChars }`; throws when the names moved. */
export async function secretPrecheckTable() {
  const out = await build({
    stdin: {
      contents: [
        "import { literalsOf, PRECHECK_MAX_CHARS, precheckPatterns } from './src/scanners/secrets/precheck.ts';",
        "import { isShapeRule, TOKEN_RUNS } from './src/scanners/secrets/detect.ts';",
        "import { SECRET_RULES } from './src/scanners/secrets/rules.ts';",
        'const tokenChars = [...TOKEN_RUNS.tokenChar].map((on, c) => (on ? String.fromCharCode(c) : "")).join("");',
        'export default { ...literalsOf(SECRET_RULES, isShapeRule), patterns: precheckPatterns(SECRET_RULES),',
        '  minLength: TOKEN_RUNS.minLength,',
        '  tokenChars, tokenCharCodes: TOKEN_RUNS.tokenChar.length, maxChars: PRECHECK_MAX_CHARS };',
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    define: { __AGENTWARDEN_VERSION__: '"build"' },
    logLevel: 'silent',
    plugins: [
      {
        name: 'expose-precheck-internals',
        setup(b) {
          b.onLoad({ filter: /[\\/]scanners[\\/]secrets[\\/](precheck|detect)\.ts$/ }, (args) => ({
            contents: `${readFileSync(args.path, 'utf8')}\nexport { ${EXPOSED[path.basename(args.path)]} };\n`,
            loader: 'ts',
          }));
        },
      },
    ],
  });
  const code = out.outputFiles[0].text;
  const { default: table } = await import(
    `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
  );
  return table;
}
