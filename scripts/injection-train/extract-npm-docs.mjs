// Extracts benign paragraphs of README/CONTRIBUTING/SECURITY/CHANGELOG markdown from the packages installed in
// node_modules under a permissive licence into bench/dev/injection/npm-docs.jsonl, one
// `{id, text, label: 0, source}` a line. The training script reads that file and never node_modules, so a retrain
// gives the same model from a clean clone whatever is installed; this script is how the file was made.
// Usage: node scripts/injection-train/extract-npm-docs.mjs
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from './generate.mjs';

const SEED = 13;
const LIMIT = 3000;
const PERMISSIVE =
  /^(?:MIT|ISC|Apache-2\.0|BSD-2-Clause|BSD-3-Clause|0BSD|BlueOak-1\.0\.0|Unlicense|CC0-1\.0)$/;
const root = new URL('../..', import.meta.url).pathname;
const nm = join(root, 'node_modules');
const out = join(root, 'bench/dev/injection/npm-docs.jsonl');

const packages = [];
for (const name of readdirSync(nm).sort()) {
  if (name.startsWith('.')) continue;
  if (name.startsWith('@'))
    for (const sub of readdirSync(join(nm, name)).sort()) packages.push(join(name, sub));
  else packages.push(name);
}
const rows = [];
for (const pkg of packages) {
  let license = '';
  try {
    license = String(JSON.parse(readFileSync(join(nm, pkg, 'package.json'), 'utf8')).license ?? '');
  } catch {
    continue;
  }
  if (!PERMISSIVE.test(license)) continue;
  for (const file of readdirSync(join(nm, pkg)).sort()) {
    if (!/^(?:readme|contributing|security|changelog|history)\.md$/i.test(file)) continue;
    const abs = join(nm, pkg, file);
    if (statSync(abs).size > 400_000) continue;
    readFileSync(abs, 'utf8')
      .split(/\n\s*\n/)
      .forEach((p, i) => {
        if (p.length >= 80 && p.length <= 1500 && /[a-z]{3,}\s+[a-z]{3,}/.test(p))
          rows.push({
            id: `doc-${pkg}-${file}-${i}`,
            text: p,
            label: 0,
            source: `npm:${pkg}/${file} (${license})`,
          });
      });
  }
}
// Spread the sample over packages rather than taking the first ones alphabetically.
const rand = mulberry32(SEED);
for (let i = rows.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [rows[i], rows[j]] = [rows[j], rows[i]];
}
const sample = rows.slice(0, LIMIT);
writeFileSync(out, `${sample.map((r) => JSON.stringify(r)).join('\n')}\n`);
console.log(`wrote ${sample.length} rows to ${out}`);
