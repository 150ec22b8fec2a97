// Trains the injection detector's logistic regression and writes src/scanners/injection/model.generated.json.
// Deterministic: fixed seed, fixed data order. Usage: node scripts/train-injection-model.mjs [--check]
// (--check: retrain and compare with the shipped model instead of writing it; exit 1 if they differ).
//
// Data (sources and licences: scripts/injection-train/SOURCES.md):
//   - the TUNING half of data/injection.jsonl (sha256(id) first byte even; bench/injection-detector.mjs reports
//     the other half, which is never trained on),
//   - generated rows (scripts/injection-train/generate.mjs): injections in many styles, benign imperative text,
//   - benign paragraphs from the README/docs of permissively licensed npm packages, frozen in
//     bench/dev/injection/npm-docs.jsonl (scripts/injection-train/extract-npm-docs.mjs): training never reads
//     node_modules, so a retrain from a clean clone gives the same model,
//   - the train splits of dev5-dev8, bench/dev/indep and bench/dev/retired (DEV_TRAIN below; val never).
// 15 % of the rows (by sha256 of id) are a validation split: Platt scaling and the threshold are fitted there.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { half, loadTs, readCorpus } from '../bench/_detector-bench.mjs';
import { generateRows, injectionTexts, mulberry32, VALIDATION_STYLES } from './injection-train/generate.mjs';

const SEED = 13;
const GENERATED_PER_LABEL = 6000;
const EPOCHS = 5;
const L2 = 3e-4;
/**
 * N-grams memorise a corpus's style; a stronger pull to zero keeps them a weak component beside the structure
 * (1e-2 with 2^14 hashed features: the same or better on every unseen dev set than 3e-3 with 2^16).
 */
const NGRAM_L2 = 1e-2;
const MAX_VALIDATION_FPR = 0.01;
const NO_NGRAMS = process.env.AW_NO_NGRAMS === '1';
const GATE_MARGIN = Number(process.env.AW_GATE_MARGIN ?? 1);
const GATE_QUANTILE = Number(process.env.AW_GATE_QUANTILE ?? 0.01);
/** Share of real documentation paragraphs that also appear with an injection planted in them. */
const PLANTED_SHARE = 0.6;
const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'src/scanners/injection/model.generated.json');

const engine = await loadTs(join(root, 'scripts/injection-train/engine-entry.ts'));
const {
  textFeatures,
  featureBuffer,
  findRuleHits,
  denseFeatures,
  structureFeatures,
  normalizeForScan,
  findHiddenRegions,
  detectInjection,
  HASH_BITS,
} = engine;

// Generated rows validate by style (leave-one-style-out: VALIDATION_STYLES are never trained on, and the
// threshold is chosen on them). Corpus and doc rows: whole source documents go to one side (rows built on the
// same page or email share its words), so the figures are not inflated by near-duplicates of training rows.
const group = (row) => (row.source ?? row.id).replace(/^planted:/, '').split(/[+#[]/)[0];
const isValidation = (row) =>
  isDevRow(row)
    ? false
    : row.style
      ? VALIDATION_STYLES.has(row.style)
      : createHash('sha256')
          .update(`val:${group(row)}`)
          .digest()[0] < 38;

const corpus = readCorpus('injection.jsonl').filter((r) => half(r) === 'tune');
const readJsonl = (file) =>
  readFileSync(join(root, file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
const realDocs = readJsonl('bench/dev/injection/real-docs.jsonl');
const npmDocs = readJsonl('bench/dev/injection/npm-docs.jsonl');

/**
 * Real documentation with an injected instruction planted between two of its sentences or paragraphs: the
 * host is text the model also sees unaltered as a negative, so only the planted instruction tells them apart.
 * A planted row goes to the host document's side of the split; validation hosts get validation phrasings.
 */
function plantedRows(docs) {
  const rand = mulberry32(SEED + 1);
  const hosts = docs.filter(() => rand() < PLANTED_SHARE);
  const [trainHosts, valHosts] = [hosts.filter((r) => !isValidation(r)), hosts.filter(isValidation)];
  const plant = (host, instruction, i) => {
    const cuts = [...host.text.matchAll(/[.!?:]\s+(?=[A-Z])|\n/g)].map((m) => m.index + m[0].length);
    const at = cuts.length ? cuts[Math.floor(rand() * cuts.length)] : host.text.length;
    const sep = rand() < 0.5 ? ' ' : '\n\n';
    return {
      id: `planted-${i}-${host.id}`,
      text: `${host.text.slice(0, at).trimEnd()}${sep}${instruction}${sep}${host.text.slice(at).trimStart()}`.trim(),
      label: 1,
      source: `planted:${host.source}`,
    };
  };
  const trainTexts = injectionTexts(SEED + 2, trainHosts.length, false);
  const valTexts = injectionTexts(SEED + 3, valHosts.length, true);
  return [
    ...trainHosts.map((h, i) => plant(h, trainTexts[i], i)),
    ...valHosts.map((h, i) => plant(h, valTexts[i], i + trainHosts.length)),
  ];
}

/**
 * The `train` splits of the hand-written dev sets: dev5 (business requests, split steps, tables, code comments,
 * tool-use, twelve languages, benign near-twins), dev6 (security writing that describes attacks, and injections
 * planted in such documents), dev7 (injections in 72 carriers and 20 languages, some obfuscated; benign
 * imperative documentation and near-twins), dev8 (multilingual injections, benign writing); the train split of
 * the independent writer's set (bench/dev/indep) and of the retired held-out sets (bench/dev/retired, odd
 * lines). Their `val` splits are never trained on: bench/dev/injection/eval-dev.mjs and bench/unseen.mjs report
 * them. Each row is named `dev:<file>:<id>` so ids from different files do not collide.
 */
const DEV_TRAIN = [
  ['bench/dev/injection/dev5-handwritten.jsonl', (r) => r.split === 'train'],
  ['bench/dev/injection/dev6-security-writing.jsonl', (r) => r.split === 'train'],
  ['bench/dev/injection/dev7-diverse.jsonl', (r) => r.split === 'train'],
  ['bench/dev/injection/dev8-multilingual.jsonl', (r) => r.split === 'train'],
  ['bench/dev/injection/dev8-benign-writing.jsonl', (r) => r.split === 'train'],
  ['bench/dev/indep/injection-indep.jsonl', (r) => r.split === 'train'],
  ['bench/dev/retired/injection-train.jsonl', () => true],
];
const devTrain = DEV_TRAIN.flatMap(([file, keep]) => {
  const name = file.split('/').pop().replace('.jsonl', '');
  return readJsonl(file)
    .filter(keep)
    .map(({ id, text, label }) => ({ id: `dev:${name}:${id}`, text, label, source: `${name}:${id}` }));
});
const isDevRow = (row) => row.id.startsWith('dev:');

const rows = [
  ...corpus,
  ...devTrain,
  ...generateRows(SEED, GENERATED_PER_LABEL),
  ...npmDocs,
  ...realDocs,
  ...plantedRows(realDocs),
];
const train = rows.filter((r) => !isValidation(r));
const validation = rows.filter(isValidation);

/**
 * Evidence of injection (a rule, a cue class meeting another, an AI addressed, secrecy, override, authority)
 * may only push towards injection: hard negatives that QUOTE attacks (security articles, agent rules) taught
 * an unconstrained model that "ignore previous instructions" or "AI, send…" mean benign, which held on its
 * own templates and failed on other authors' text. Quoting is the rules' job (isMention damping). Only
 * features that describe ordinary documents (code, doc vocabulary, length, bare counts) may weigh against.
 */
const NEGATIVE_ALLOWED = new Set([
  's:words',
  's:doc-ratio',
  's:human-doc',
  's:code',
  's:act',
  's:you',
  's:user',
  's:reply',
  's:sensitive',
  's:target',
  's:url',
  's:email-address',
  's:persist',
  's:meta',
  's:config',
  's:describe',
  's:describe*meta',
  's:subject*describe',
  's:relative*describe',
  's:ticks',
  's:table-rows',
  's:list-items',
  'i:meta',
  'i:prohibit',
  'i:quoted',
  'i:meta*shape',
  'i:prohibit*shape',
  'i:quoted*shape',
]);
const mayBeNegative = (name) => NEGATIVE_ALLOWED.has(name);
/**
 * Counts of one cue class alone ("AI" mentioned, a reply mentioned, an action verb) are left out: they are a
 * bag of words by another name, and taught the model that documentation ABOUT assistants ("the AI assistant
 * can summarise your inbox") is an injection. The crosses (cue classes meeting in a sentence) carry the shape.
 */
const UNUSED_DENSE = new Set(
  (process.env.AW_KEEP_COUNTS
    ? []
    : [
        'ai',
        'you',
        'act',
        'sensitive',
        'target',
        'secrecy',
        'persist',
        'override',
        'authority',
        'user',
        'reply',
        'config',
        'persona',
      ]
  ).map((c) => `s:${c}`),
);

const DENSE_NAMES = [];
const denseIndex = new Map();
const denseId = (name) => {
  if (!denseIndex.has(name)) {
    denseIndex.set(name, DENSE_NAMES.length);
    DENSE_NAMES.push(name);
  }
  return denseIndex.get(name);
};

/** Sparse example: hashed indices with their values (count / sqrt(total)), dense pairs, label. */
function example(text, hidden, label) {
  const counts = new Map();
  const buffer = featureBuffer(text.length);
  const n = textFeatures(text, 0, text.length, buffer);
  for (let k = 0; k < n; k++) counts.set(buffer[k], (counts.get(buffer[k]) ?? 0) + 1);
  const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
  const idx = Int32Array.from(counts.keys());
  const val = Float64Array.from(counts.values(), (c) => c * norm);
  const dense = [...denseFeatures(findRuleHits(text), hidden, structureFeatures(text, 0, text.length))]
    .filter(([k]) => !UNUSED_DENSE.has(k))
    .map(([k, v]) => [denseId(k), v]);
  return { idx, val, dense, label };
}

function examplesOf(row) {
  const text = normalizeForScan(row.text).text;
  const list = [example(text, false, row.label)];
  // The detector scores hidden markup (comments, display:none) on its own: train on it the same way.
  for (const r of findHiddenRegions(text))
    if (r.innerEnd - r.innerStart >= 20)
      list.push(example(text.slice(r.innerStart, r.innerEnd), true, row.label));
  return list;
}

// Corpus rows are real text, not templates: they count CORPUS_WEIGHT times so 12 000 generated rows do not
// drown them.
const CORPUS_WEIGHT = 4;
/**
 * The sets added in round 5 (dev8, the independent writer's and the retired held-out train splits) count once:
 * at CORPUS_WEIGHT they outweighed the corpus (its held-out half lost 6 points of recall).
 */
const NEW_DEV = /^dev:(?:dev8|injection-)/;
const trainSet = train.flatMap((r) => {
  const list = examplesOf(r);
  if (NEW_DEV.test(r.id)) return list;
  return r.id.startsWith('inj-') || isDevRow(r)
    ? Array.from({ length: CORPUS_WEIGHT }, () => list).flat()
    : list;
});
const size = 1 << HASH_BITS;
const positives = trainSet.filter((e) => e.label === 1).length;
const classWeight = {
  1: trainSet.length / (2 * positives),
  0: trainSet.length / (2 * (trainSet.length - positives)),
};
const LR = 0.5;
/**
 * A small hidden layer over the dense features (HIDDEN tanh units; 0 = the plain logistic regression): it
 * can make products the linear part cannot ("an AI addressed AND an action AND no security-writing cue").
 * Evidence of injection keeps its sign through it: a unit's weights on features that may not weigh against are
 * >= 0, and every unit's output weight is >= 0, so such a feature can only raise the score.
 */
const HIDDEN = Number(process.env.AW_HIDDEN ?? 8);
/**
 * Units start at -HIDDEN_BIAS minus up to 1. At 0.5 they learn mostly "any strong cue" detectors (the shipped
 * model); at 2.5 (tried) they stay silent and the dev figures fall back to the plain regression's.
 */
const HIDDEN_BIAS = Number(process.env.AW_HIDDEN_BIAS ?? 0.5);
const D = DENSE_NAMES.length;
const negativeOk = DENSE_NAMES.map((name) => mayBeNegative(name));

/** The model trained from `seed` (order of the examples, initial hidden weights). */
function trainModel(seed) {
  const w = new Float64Array(size);
  const g2 = new Float64Array(size).fill(1e-8);
  const dw = new Float64Array(D);
  const dg2 = new Float64Array(D).fill(1e-8);
  let bias = 0;
  let bg2 = 1e-8;
  const w1 = new Float64Array(HIDDEN * D);
  const w1g2 = new Float64Array(HIDDEN * D).fill(1e-8);
  const b1 = new Float64Array(HIDDEN);
  const b1g2 = new Float64Array(HIDDEN).fill(1e-8);
  const w2 = new Float64Array(HIDDEN).fill(0.1);
  const w2g2 = new Float64Array(HIDDEN).fill(1e-8);
  const init = mulberry32(seed + 7);
  for (let k = 0; k < w1.length; k++) w1[k] = init() * 0.2;
  for (let h = 0; h < HIDDEN; h++) b1[h] = -HIDDEN_BIAS - init();
  const rand = mulberry32(seed);
  const order = trainSet.map((_, i) => i);
  const act = new Float64Array(HIDDEN);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let loss = 0;
    for (const k of order) {
      const e = trainSet[k];
      let z = bias;
      for (let t = 0; t < e.idx.length; t++) z += w[e.idx[t]] * e.val[t];
      for (const [d, v] of e.dense) z += dw[d] * v;
      for (let h = 0; h < HIDDEN; h++) {
        let pre = b1[h];
        const row = h * D;
        for (const [d, v] of e.dense) pre += w1[row + d] * v;
        act[h] = Math.tanh(pre);
        z += w2[h] * act[h];
      }
      const p = 1 / (1 + Math.exp(-z));
      const cw = classWeight[e.label];
      loss += -cw * (e.label ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12));
      const g = cw * (p - e.label);
      // AdaGrad: rare n-grams still learn, frequent ones settle.
      for (let t = 0; t < (NO_NGRAMS ? 0 : e.idx.length); t++) {
        const i = e.idx[t];
        const gi = g * e.val[t] + NGRAM_L2 * w[i];
        g2[i] += gi * gi;
        w[i] -= (LR * gi) / Math.sqrt(g2[i]);
      }
      for (const [d, v] of e.dense) {
        const gi = g * v + L2 * dw[d];
        dg2[d] += gi * gi;
        dw[d] -= (LR * gi) / Math.sqrt(dg2[d]);
        if (dw[d] < 0 && !negativeOk[d]) dw[d] = 0;
      }
      for (let h = 0; h < HIDDEN; h++) {
        const a = act[h];
        const gw2 = g * a + L2 * w2[h];
        const gPre = g * w2[h] * (1 - a * a);
        w2g2[h] += gw2 * gw2;
        w2[h] = Math.max(0, w2[h] - (LR * 0.2 * gw2) / Math.sqrt(w2g2[h]));
        b1g2[h] += gPre * gPre;
        b1[h] -= (LR * 0.2 * gPre) / Math.sqrt(b1g2[h]);
        const row = h * D;
        for (const [d, v] of e.dense) {
          const k = row + d;
          const gi = gPre * v + L2 * w1[k];
          w1g2[k] += gi * gi;
          w1[k] -= (LR * 0.2 * gi) / Math.sqrt(w1g2[k]);
          if (w1[k] < 0 && !negativeOk[d]) w1[k] = 0;
        }
      }
      bg2 += g * g;
      bias -= (LR * g) / Math.sqrt(bg2);
    }
    console.log(`epoch ${epoch + 1}: loss ${(loss / order.length).toFixed(4)}`);
  }
  return { w, dw, bias, w1, b1, w2 };
}

const { w, dw, bias, w1, b1, w2 } = trainModel(SEED);
const act = new Float64Array(HIDDEN);
/** The hidden layer's contribution for dense pairs [[index, value]…] (the features `keep` lets through). */
function hiddenLogit(denseList, keep = () => true) {
  let z = 0;
  for (let h = 0; h < HIDDEN; h++) {
    let pre = b1[h];
    const row = h * D;
    for (const [d, v] of denseList) if (keep(d)) pre += w1[row + d] * v;
    act[h] = Math.tanh(pre);
    z += w2[h] * act[h];
  }
  return z;
}

// Quantise to int8 so the shipped file stays small; the model is rebuilt from the quantised weights below so
// calibration and threshold are fitted on exactly what ships.
let maxAbs = 0;
for (const x of w) maxAbs = Math.max(maxAbs, Math.abs(x));
const scale = maxAbs / 127 || 1;
const q = Buffer.alloc(size);
for (let i = 0; i < size; i++) q.writeInt8(Math.max(-127, Math.min(127, Math.round(w[i] / scale))), i);
const dense = Object.fromEntries(DENSE_NAMES.map((name, d) => [name, Number(dw[d].toFixed(4))]));
const file = {
  version: '2',
  trainedOn: `data/injection.jsonl tuning half (${corpus.length} rows) + ${GENERATED_PER_LABEL * 2} generated + ${npmDocs.length} npm doc paragraphs + real-docs + train splits of ${DEV_TRAIN.map(([f]) => f.split('/').slice(-2).join('/')).join(', ')} (${devTrain.length} rows), seed ${SEED}`,
  hashBits: HASH_BITS,
  bias: Number(bias.toFixed(4)),
  weights: q.toString('base64'),
  scale,
  dense,
  ...(HIDDEN > 0 && {
    hidden: {
      b1: Array.from(b1, (x) => Number(x.toFixed(4))),
      w2: Array.from(w2, (x) => Number(x.toFixed(4))),
      w1: Array.from({ length: HIDDEN }, (_, h) =>
        Object.fromEntries(
          DENSE_NAMES.map((name, d) => [name, Number(w1[h * D + d].toFixed(4))]).filter(([, x]) => x !== 0),
        ),
      ),
    },
  }),
  platt: { a: 1, b: 0 },
  gateLogit: 0,
  threshold: 0.5,
};

/** Features the detector has before it runs the rules: structure and intents (structure.ts), hidden. */
const isCheap = (name) => name.startsWith('s:') || name.startsWith('i:') || name === 'hidden';

// Gate: segments whose n-gram and structure logit is below it skip the rules. Set under all but 1 % of
// training injections, less a margin, so the rules still see almost every injected segment. The margin is 1
// (was 1.5): with the hard dev7 injections in training, 1.5 let 98 % of ordinary source and doc segments
// through to the rules (84 % before); 1 lets 94 % through at the same dev figures (0.5: 84 %, but the
// corpus held-out half loses 4 points of recall).
const ngramLogits = trainSet
  .filter((e) => e.label === 1)
  .map((e) => {
    let z = bias;
    for (let t = 0; t < e.idx.length; t++) z += q.readInt8(e.idx[t]) * scale * e.val[t];
    for (const [d, v] of e.dense) if (isCheap(DENSE_NAMES[d])) z += dw[d] * v;
    z += hiddenLogit(e.dense, (d) => isCheap(DENSE_NAMES[d]));
    return z;
  })
  .sort((x, y) => x - y);
file.gateLogit = Number(
  ((ngramLogits[Math.floor(ngramLogits.length * GATE_QUANTILE)] ?? 0) - GATE_MARGIN).toFixed(4),
);

// Platt scaling on validation logits (the detector's score is the max over segments, so fit on its raw score).
const rawModel = engine.decodeModel(file);
const logit = (p) => Math.log(Math.max(p, 1e-9) / Math.max(1 - p, 1e-9));
const valScores = validation.map((r) => ({
  z: logit(detectInjection(r.text, { model: rawModel, threshold: 2 }).score),
  y: r.label,
}));
let a = 1;
let b = 0;
for (let it = 0; it < 2000; it++) {
  let ga = 0;
  let gb = 0;
  for (const { z, y } of valScores) {
    const p = 1 / (1 + Math.exp(-(a * z + b)));
    ga += (p - y) * z;
    gb += p - y;
  }
  a -= (0.5 * ga) / valScores.length;
  b -= (0.5 * gb) / valScores.length;
}
file.platt = { a: Number(a.toFixed(4)), b: Number(b.toFixed(4)) };

// Threshold: the lowest calibrated score at which the false-positive rate is within budget on two kinds of
// benign text the model never trained on: real documentation (validation paragraphs, whole files held out)
// and the `calibrate` half of bench/dev/injection/dev4-generated.jsonl (near-twins of injections written apart
// from this generator). Its `report` half and the other dev sets are only measured. The held-out generated
// styles are not used: their benign rows are a few dozen templates, and the threshold they set (0.96-0.97)
// missed most injections written by other authors.
const model = engine.decodeModel(file);
const scoreOf = (text) => detectInjection(text, { model, threshold: 2 }).score;
const scored = validation.map((r) => ({ s: scoreOf(r.text), y: r.label, style: r.style }));
/** The score above which at most MAX_VALIDATION_FPR of these benign scores lie. */
function budgetThreshold(scores) {
  const sorted = [...scores].sort((x, y) => y - x);
  return (sorted[Math.floor(sorted.length * MAX_VALIDATION_FPR)] ?? 0) + 1e-4;
}
const realBenign = scored.filter((x) => x.y === 0 && !x.style).map((x) => x.s);
const dev4Calibrate = readFileSync(join(root, 'bench/dev/injection/dev4-generated.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line))
  .filter((r) => r.split === 'calibrate')
  .map((r) => ({ s: scoreOf(r.text), y: r.label }));
const threshold = Math.max(
  0.5,
  budgetThreshold(realBenign),
  budgetThreshold(dev4Calibrate.filter((x) => x.y === 0).map((x) => x.s)),
);
file.threshold = Number(threshold.toFixed(4));
const report = (label, list) => {
  const tp = list.filter((x) => x.y === 1 && x.s >= threshold).length;
  const fp = list.filter((x) => x.y === 0 && x.s >= threshold).length;
  const pos = list.filter((x) => x.y === 1).length;
  const neg = list.length - pos;
  console.log(
    `${label}: n=${list.length} precision=${(tp / (tp + fp || 1)).toFixed(3)} recall=${(tp / (pos || 1)).toFixed(3)} fpr=${(fp / (neg || 1)).toFixed(4)}`,
  );
};
console.log(`threshold=${file.threshold} platt=${JSON.stringify(file.platt)}`);
report(
  'validation, held-out styles (leave-one-style-out)',
  scored.filter((x) => x.style),
);
const kindOf = (r) => (r.style ? 'style' : r.id.split('-')[0]);
for (const kind of ['inj', 'doc', 'planted'])
  report(
    `validation, ${{ inj: 'corpus tuning half', doc: 'real doc paragraphs', planted: 'injections planted in real docs' }[kind]}`,
    scored.filter((_, i) => kindOf(validation[i]) === kind),
  );
report('dev4 calibrate half (threshold chosen here)', dev4Calibrate);
for (const style of [...VALIDATION_STYLES].sort())
  report(
    `  style ${style}`,
    scored.filter((x) => x.style === style),
  );
if (process.argv.includes('--errors'))
  validation.forEach((r, i) => {
    if (scored[i].s >= threshold !== (r.label === 1))
      console.log(r.label ? 'FN' : 'FP', scored[i].s.toFixed(2), r.id, JSON.stringify(r.text.slice(0, 160)));
  });
const written = `${JSON.stringify(file)}\n`;
if (process.argv.includes('--check')) {
  // Reproducibility: the shipped model must be what this trainer makes from this tree, byte for byte.
  const same = readFileSync(out, 'utf8') === written;
  console.log(same ? `${out} is reproduced byte for byte` : `${out} differs from what this trainer makes`);
  process.exit(same ? 0 : 1);
}
writeFileSync(out, written);
console.log(`wrote ${out} (${(statSync(out).size / 1024).toFixed(0)} KB)`);
