/**
 * The detector's statistical layer (model v2): logistic regression plus a small hidden layer of tanh units over
 * the dense features (hidden weights keep the sign of evidence; see scripts/train-injection-model.mjs). Inputs:
 * the text's structure and its intents in thirteen languages (structure.ts, intent.ts: who it
 * addresses, side-effect imperatives on sensitive objects, secrecy and persistence cues), the rules' evidence
 * (one dense feature per rule: its best score in the segment) and, weakly, hashed n-grams (features.ts),
 * Platt-calibrated. Weights come from
 * scripts/train-injection-model.mjs and ship as model.generated.json (int8-quantised, base64).
 */
import { featureBuffer, HASH_BITS, textFeatures } from './features.js';
import modelJson from './model.generated.json' with { type: 'json' };
import type { InjectionHit } from './rules.js';

export interface ModelFile {
  version: string;
  trainedOn: string;
  hashBits: number;
  bias: number;
  /** Hashed weights: base64 of int8 values, each times `scale`. */
  weights: string;
  scale: number;
  /** Weights of dense features (`s:<structure feature>`, `rule:<id>`, `hidden`). */
  dense: Record<string, number>;
  /**
   * Optional hidden layer over the dense features: unit h adds w2[h] * tanh(b1[h] + Σ w1[h][name] * value).
   * Absent: the model is the plain logistic regression.
   */
  hidden?: { b1: number[]; w2: number[]; w1: Array<Record<string, number>> };
  platt: { a: number; b: number };
  /** Below this logit (n-grams and structure) a segment skips the rules (chosen in training to pass nearly every injection). */
  gateLogit: number;
  /** Calibrated score at or above which a segment is an injection (chosen on the validation split). */
  threshold: number;
}

export interface InjectionModel extends Omit<ModelFile, 'weights'> {
  weights: Float32Array;
  /** The hidden layer's input weights by feature name, one entry per unit: one Map lookup per feature. */
  hiddenByName?: Map<string, Float64Array>;
}

export function decodeModel(file: ModelFile): InjectionModel {
  if (file.hashBits !== HASH_BITS)
    throw new Error(`injection model hashes ${file.hashBits} bits, code ${HASH_BITS}`);
  const bytes = Buffer.from(file.weights, 'base64');
  const weights = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) weights[i] = (((bytes[i] ?? 0) << 24) >> 24) * file.scale;
  let hiddenByName: Map<string, Float64Array> | undefined;
  if (file.hidden) {
    hiddenByName = new Map();
    const units = file.hidden.w2.length;
    file.hidden.w1.forEach((row, h) => {
      for (const [name, x] of Object.entries(row)) {
        let v = hiddenByName?.get(name);
        if (!v) {
          v = new Float64Array(units);
          hiddenByName?.set(name, v);
        }
        v[h] = x;
      }
    });
  }
  return { ...file, weights, ...(hiddenByName && { hiddenByName }) };
}

let shipped: InjectionModel | undefined;

/** The model shipped in the package, decoded on first use. */
export function shippedModel(): InjectionModel {
  shipped ??= decodeModel(modelJson as unknown as ModelFile);
  return shipped;
}

/**
 * Dense features of a segment: its structural features (structure.ts), the best score of each rule that hit
 * inside it, and whether it was hidden.
 */
export function denseFeatures(
  hits: readonly InjectionHit[],
  hidden: boolean,
  structure: ReadonlyMap<string, number> = new Map(),
): Map<string, number> {
  const dense = new Map(structure);
  for (const h of hits) dense.set(`rule:${h.ruleId}`, Math.max(dense.get(`rule:${h.ruleId}`) ?? 0, h.score));
  if (hidden) dense.set('hidden', 1);
  return dense;
}

let scratch = featureBuffer(4096);

/** Sum of hashed weights over text[start, end) and how many features there were. */
export function hashedSum(
  weights: Float32Array,
  text: string,
  start: number,
  end: number,
): { sum: number; n: number } {
  if (scratch.length < (end - start) * 2 + 8) scratch = featureBuffer(end - start);
  const n = textFeatures(text, start, end, scratch);
  let sum = 0;
  for (let k = 0; k < n; k++) sum += weights[scratch[k] as number] as number;
  return { sum, n };
}

/** The rules' contribution to a segment's logit. */
export function denseLogit(model: InjectionModel, dense: ReadonlyMap<string, number>): number {
  let logit = 0;
  for (const [name, value] of dense) logit += (model.dense[name] ?? 0) * value;
  const hidden = model.hidden;
  const byName = model.hiddenByName;
  if (hidden && byName) {
    const pre = Float64Array.from(hidden.b1);
    for (const [name, value] of dense) {
      const v = byName.get(name);
      if (v) for (let h = 0; h < v.length; h++) pre[h] = (pre[h] as number) + (v[h] as number) * value;
    }
    for (let h = 0; h < pre.length; h++) logit += (hidden.w2[h] ?? 0) * Math.tanh(pre[h] as number);
  }
  return logit;
}

export function calibrated(model: InjectionModel, logit: number): number {
  return 1 / (1 + Math.exp(-(model.platt.a * logit + model.platt.b)));
}
