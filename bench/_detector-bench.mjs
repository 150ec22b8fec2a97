// Shared by the detector benches: loads a TypeScript module from src/ (bundled with esbuild into a temp
// file), reads a labelled corpus, splits it deterministically and measures precision/recall and speed.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { sharedDir } from './_lib.mjs';

export async function loadTs(entry) {
  const dir = mkdtempSync(join(tmpdir(), 'aw-bench-'));
  const outfile = join(dir, 'module.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'error',
  });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The shared corpora, looked up only when a bench reads one (bench/unseen.mjs reads none). */
function dataDir() {
  return process.env.AGENTWARDEN_DATA ?? join(sharedDir(), 'data');
}

export function readCorpus(file) {
  return readFileSync(join(dataDir(), file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** Tuning half = first byte of sha256(id) is even; the other half is held out. */
export function half(row) {
  return createHash('sha256').update(row.id).digest()[0] % 2 === 0 ? 'tune' : 'held-out';
}

export function score(rows, predict) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const errors = [];
  for (const row of rows) {
    const flagged = predict(row.text);
    if (flagged && row.label === 1) tp++;
    else if (flagged) {
      fp++;
      errors.push({ kind: 'FP', row });
    } else if (row.label === 1) {
      fn++;
      errors.push({ kind: 'FN', row });
    } else tn++;
  }
  const precision = tp / (tp + fp || 1);
  const recall = tp / (tp + fn || 1);
  return { n: rows.length, tp, fp, fn, tn, precision, recall, errors };
}

export function fmt(s) {
  return `n=${s.n} tp=${s.tp} fp=${s.fp} fn=${s.fn} precision=${s.precision.toFixed(3)} recall=${s.recall.toFixed(3)}`;
}

/** MB/s of fn over text, best of `rounds` runs (each at least ~200 ms). */
export function throughput(text, fn, rounds = 5) {
  const mb = Buffer.byteLength(text) / 1e6;
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    let iterations = 0;
    const started = performance.now();
    let elapsed = 0;
    do {
      fn(text);
      iterations++;
      elapsed = performance.now() - started;
    } while (elapsed < 200);
    best = Math.max(best, (mb * iterations) / (elapsed / 1000));
  }
  return best;
}

export function repeatTo(text, size = 4_000_000) {
  let out = text;
  while (out.length < size) out += `\n${text}`;
  return out;
}

/** About `size` characters of .js/.ts/.md/.json files from node_modules, in a stable order. */
export function sourceText(size = 8_000_000) {
  const root = new URL('../node_modules/', import.meta.url).pathname;
  const parts = [];
  let total = 0;
  const visit = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      if (total >= size) return;
      const abs = join(dir, name);
      const st = statSync(abs, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) visit(abs);
      else if (/\.(?:[cm]?js|ts|md|json)$/.test(name) && st.size < 1_000_000) {
        const text = readFileSync(abs, 'utf8');
        parts.push(text);
        total += text.length;
      }
    }
  };
  visit(root);
  return parts.join('\n');
}

/** `--errors KEY` prints the rows one result set got wrong (for inspecting the tuning half only). */
export function printErrorsIfAsked(results, fallback, width) {
  const at = process.argv.indexOf('--errors');
  if (at <= 0) return;
  for (const e of results[process.argv[at + 1] ?? fallback].errors)
    console.log(e.kind, e.row.id, JSON.stringify(e.row.text.slice(0, width)));
}

/** MB/s of a detector on each text, against an indexOf scan for `keyword` over the same text in the same run. */
export function compareThroughput({ label, detect, keyword, texts, targetMBs, rounds = 5 }) {
  const baselineScan = (t) => {
    let n = 0;
    for (let i = t.indexOf(keyword); i !== -1; i = t.indexOf(keyword, i + 1)) n++;
    return n;
  };
  for (const [name, text] of texts) {
    const baseline = throughput(text, baselineScan, rounds);
    const detector = throughput(text, detect, rounds);
    console.log(
      `${name}: ${(text.length / 1e6).toFixed(1)} MB, ${label}=${detector.toFixed(1)} MB/s, ` +
        `baseline indexOf('${keyword}')=${baseline.toFixed(0)} MB/s, ratio=${(detector / baseline).toFixed(4)} (target >= ${targetMBs} MB/s)`,
    );
  }
}
