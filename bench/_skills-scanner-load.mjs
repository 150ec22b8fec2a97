// Loads the skills scanner and the shell analyser from src/ as ONE esbuild bundle. The shell analyser's
// tree-sitter packages stay external (they locate their wasm next to themselves), and CommonJS dependencies
// (yaml) get a real `require`, so the bundle runs as ESM. Used by bench/skills-scanner.mjs and
// bench/unseen.mjs (skills mode).
import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export async function loadSkillsScanner() {
  const repo = path.resolve(import.meta.dirname, '..');
  const outDir = path.join(repo, 'node_modules', '.cache', 'agentwarden-bench');
  mkdirSync(outDir, { recursive: true });
  const bundle = path.join(outDir, `skills-scanner-${process.pid}.mjs`);
  await build({
    stdin: {
      contents:
        "export * from './src/scanners/skills/index.ts';\nexport { loadShellAnalyzer } from './src/scanners/shell/index.ts';\n",
      resolveDir: repo,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.12',
    mainFields: ['module', 'main'],
    outfile: bundle,
    external: ['web-tree-sitter', 'tree-sitter-bash'],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  });
  try {
    return await import(pathToFileURL(bundle).href);
  } finally {
    rmSync(bundle, { force: true });
  }
}

/** The options every bench scans with: no organisation or verified sources, no extra hosts. */
export async function benchScanOptions(scanner) {
  return {
    analyzer: await scanner.loadShellAnalyzer(),
    config: { organisationSources: [], verifiedSources: [], allowedDomains: [] },
    home: '/home/dev',
  };
}
