/**
 * An optional, user-supplied ONNX text classifier next to the built-in detector (issue 13): a BERT-style
 * sequence classifier (inputs `input_ids`, `attention_mask`, `token_type_ids`; output logits `[1, N]`) with
 * its WordPiece `vocab.txt`. Long text is read in overlapping windows of the model's length and scored by its
 * most suspicious window. The verdict is the built-in detector's OR the classifier's (`withClassifier`).
 *
 * The runtime, onnxruntime-node, is not a dependency: the user installs it (docs/injection-onnx.md says why). It
 * is imported only when a model is configured, so nothing else loads it or needs it installed. Its API is used
 * through the small structural types below, so the tool type-checks and builds without it.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InjectionVerdict } from './detect.js';
import { parseVocab, type Vocab, wordPieceTokens } from './wordpiece.js';

/** The onnxruntime-node version the seam is tested with (docs/injection-onnx.md and .ci/run install the same). */
export const ORT_VERSION = '1.31.1';
const ORT_PACKAGE = 'onnxruntime-node';

export type OrtTensorType = 'int64' | 'int32' | 'float32';

export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
}

interface OrtValueMetadata {
  readonly name: string;
  readonly isTensor: boolean;
  readonly type?: string;
  readonly shape?: ReadonlyArray<number | string>;
}

export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly OrtValueMetadata[];
  readonly outputMetadata: readonly OrtValueMetadata[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

/** The part of onnxruntime-node this module uses. */
export interface OrtRuntime {
  InferenceSession: { create(model: Uint8Array, options?: Record<string, unknown>): Promise<OrtSession> };
  Tensor: new (type: OrtTensorType, data: BigInt64Array | Int32Array, dims: readonly number[]) => OrtTensor;
}

export type RuntimeLoader = () => Promise<OrtRuntime>;

/** A problem with the configured classifier (runtime, model, vocabulary): one line for the user. */
export class OnnxClassifierError extends Error {
  override name = 'OnnxClassifierError';
}

const firstLine = (err: unknown) => String((err as Error)?.message ?? err).split('\n')[0];

/**
 * onnxruntime-node, imported on first use; a missing package is one actionable line. `importer` is Node's
 * `import()` (tests simulate a missing package with their own).
 */
export async function importRuntime(
  // A variable specifier: the bundler leaves the import to run time, and TypeScript needs no types for it.
  importer: (specifier: string) => Promise<unknown> = (specifier) => import(specifier),
): Promise<OrtRuntime> {
  try {
    return (await importer(ORT_PACKAGE)) as OrtRuntime;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes(`'${ORT_PACKAGE}'`))
      throw new OnnxClassifierError(
        `${ORT_PACKAGE} is not installed: npm install ${ORT_PACKAGE}@${ORT_VERSION}`,
      );
    throw new OnnxClassifierError(`${ORT_PACKAGE} could not be loaded: ${firstLine(err)}`);
  }
}

export interface OnnxClassifierOptions {
  /** The .onnx file. */
  model: string;
  /** The model's WordPiece vocab.txt. */
  vocab: string;
  /** Lower-case and strip accents before WordPiece (uncased models, the default); false for cased ones. */
  lowerCase?: boolean;
  /** Which output class means injection (default 1). */
  injectionLabel?: number;
  /** The classifier decides at this probability (default 0.5). */
  threshold?: number;
  /** Tokens per window including [CLS] and [SEP]; default the model's fixed length, else 512. */
  maxLength?: number;
  /** Tests replace the runtime; the default imports onnxruntime-node. */
  loadRuntime?: RuntimeLoader;
}

export interface ClassifierVerdict {
  /** Probability of the injection class in the most suspicious window. */
  score: number;
  injection: boolean;
  /** Where that window is in the text. */
  start: number;
  end: number;
  /** How many windows were run. */
  windows: number;
}

export interface OnnxClassifier {
  /** The model file, as configured. */
  readonly file: string;
  classify(text: string): Promise<ClassifierVerdict>;
  release(): Promise<void>;
}

const TEXT_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids'];
const INTEGER_TYPES = new Set(['int64', 'int32']);
const FLOAT_TYPES = new Set(['float32', 'float64']);
const DEFAULT_MAX_LENGTH = 512;

function readFileOrThrow(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new OnnxClassifierError(
      `${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? firstLine(err)}`,
    );
  }
}

interface InputPlan {
  name: string;
  type: 'int64' | 'int32';
}

/** The text inputs the model declares, checked, and its fixed sequence length if it has one. */
function planInputs(session: OrtSession, file: string): { inputs: InputPlan[]; fixedLength?: number } {
  const inputs: InputPlan[] = [];
  let fixedLength: number | undefined;
  for (const name of session.inputNames) {
    if (!TEXT_INPUTS.includes(name))
      throw new OnnxClassifierError(
        `${file}: input "${name}" is not one of ${TEXT_INPUTS.join(', ')} (a BERT-style text classifier is expected)`,
      );
    const meta = session.inputMetadata.find((m) => m.name === name);
    const shape = meta?.shape ?? [];
    if (!meta?.isTensor || !INTEGER_TYPES.has(meta.type ?? '') || shape.length !== 2)
      throw new OnnxClassifierError(
        `${file}: input "${name}" must be an int64 or int32 tensor [batch, sequence] (is ${meta?.type ?? 'not a tensor'} [${shape.join(', ')}])`,
      );
    if (typeof shape[0] === 'number' && shape[0] !== 1)
      throw new OnnxClassifierError(
        `${file}: input "${name}" has a fixed batch of ${shape[0]}; 1 or dynamic is needed`,
      );
    if (typeof shape[1] === 'number') {
      if (fixedLength !== undefined && fixedLength !== shape[1])
        throw new OnnxClassifierError(`${file}: inputs disagree on the sequence length`);
      fixedLength = shape[1];
    }
    inputs.push({ name, type: meta.type as InputPlan['type'] });
  }
  if (!inputs.some((i) => i.name === 'input_ids'))
    throw new OnnxClassifierError(`${file}: the model has no input_ids input`);
  return { inputs, fixedLength };
}

/** The output holding the class scores: `logits`, else one named like probabilities, else the first. */
function planOutput(session: OrtSession, file: string): { name: string; probabilities: boolean } {
  const names = session.outputNames;
  const name = names.find((n) => n === 'logits') ?? names.find((n) => /prob/i.test(n)) ?? names[0];
  const meta = session.outputMetadata.find((m) => m.name === name);
  if (!name || !meta?.isTensor || !FLOAT_TYPES.has(meta.type ?? ''))
    throw new OnnxClassifierError(
      `${file}: output "${name}" must be a float32 or float64 tensor of class scores (is ${meta?.type ?? 'not a tensor'})`,
    );
  return { name, probabilities: name !== 'logits' && /prob/i.test(name) };
}

/** Probability of class `label` from one row of scores: sigmoid for one logit, softmax for several. */
export function classProbability(row: readonly number[], label: number, probabilities: boolean): number {
  const [first = 0] = row;
  if (row.length === 1) {
    const p = probabilities ? first : 1 / (1 + Math.exp(-first));
    return label === 1 ? p : 1 - p;
  }
  if (probabilities) return row[label] ?? 0;
  const max = Math.max(...row);
  const exps = row.map((v) => Math.exp(v - max));
  return (exps[label] ?? 0) / exps.reduce((a, b) => a + b, 0);
}

/** Start offsets of windows of `size` tokens over `count`, overlapping by half, the last one flush with the end. */
export function windowStarts(count: number, size: number): number[] {
  if (count <= size) return [0];
  const stride = Math.max(1, Math.floor(size / 2));
  const starts: number[] = [];
  for (let s = 0; s + size < count; s += stride) starts.push(s);
  starts.push(count - size);
  return starts;
}

export async function loadOnnxClassifier(opts: OnnxClassifierOptions): Promise<OnnxClassifier> {
  const file = opts.model;
  const label = opts.injectionLabel ?? 1;
  const threshold = opts.threshold ?? 0.5;
  const lowerCase = opts.lowerCase ?? true;
  if (!Number.isInteger(label) || label < 0)
    throw new OnnxClassifierError(`injection label ${label}: a class index (0, 1, …) is expected`);
  if (!(threshold >= 0 && threshold <= 1))
    throw new OnnxClassifierError(`classifier threshold ${threshold}: a probability in [0, 1] is expected`);
  const modelBytes = readFileOrThrow(file, 'model');
  let vocab: Vocab;
  try {
    vocab = parseVocab(readFileOrThrow(opts.vocab, 'vocabulary').toString('utf8'));
  } catch (err) {
    if (err instanceof OnnxClassifierError) throw err;
    throw new OnnxClassifierError(`vocabulary ${opts.vocab}: ${firstLine(err)}`);
  }
  const ort = await (opts.loadRuntime ?? (() => importRuntime()))();
  let session: OrtSession;
  try {
    session = await ort.InferenceSession.create(new Uint8Array(modelBytes), { logSeverityLevel: 4 });
  } catch (err) {
    throw new OnnxClassifierError(`${file}: not a loadable ONNX model (${firstLine(err)})`);
  }
  // Input and output metadata came with onnxruntime-node 1.22; an older install cannot be checked.
  if (!Array.isArray(session.inputMetadata) || !Array.isArray(session.outputMetadata))
    throw new OnnxClassifierError(
      `the installed onnxruntime-node is too old to describe a model: npm install onnxruntime-node@${ORT_VERSION}`,
    );
  const { inputs, fixedLength } = planInputs(session, file);
  const output = planOutput(session, file);
  if (opts.maxLength !== undefined && fixedLength !== undefined && opts.maxLength !== fixedLength)
    throw new OnnxClassifierError(`${file}: the model's sequence length is fixed at ${fixedLength}`);
  const maxLength = fixedLength ?? opts.maxLength ?? DEFAULT_MAX_LENGTH;
  if (!Number.isInteger(maxLength) || maxLength < 3)
    throw new OnnxClassifierError(`${file}: a window needs at least 3 tokens ([CLS], one token, [SEP])`);

  const tensor = (type: InputPlan['type'], values: number[]) =>
    new ort.Tensor(type, type === 'int64' ? BigInt64Array.from(values, BigInt) : Int32Array.from(values), [
      1,
      values.length,
    ]);

  async function scoreWindow(ids: number[]): Promise<number> {
    const length = fixedLength ?? ids.length + 2;
    const padding = length - ids.length - 2;
    const feeds: Record<string, OrtTensor> = {};
    for (const input of inputs) {
      const values =
        input.name === 'input_ids'
          ? [vocab.cls, ...ids, vocab.sep, ...Array(padding).fill(vocab.pad)]
          : input.name === 'attention_mask'
            ? [...Array(ids.length + 2).fill(1), ...Array(padding).fill(0)]
            : Array(length).fill(0);
      feeds[input.name] = tensor(input.type, values);
    }
    let result: OrtTensor | undefined;
    try {
      result = (await session.run(feeds))[output.name];
    } catch (err) {
      throw new OnnxClassifierError(`${file}: inference failed (${firstLine(err)})`);
    }
    const dims = result?.dims ?? [];
    const classes = dims[1] ?? 0;
    // One logit is a sigmoid over two classes: label 1 is that logit, label 0 its complement.
    if (dims.length !== 2 || dims[0] !== 1 || classes < 1 || label >= Math.max(classes, 2))
      throw new OnnxClassifierError(
        `${file}: output "${output.name}" is [${dims.join(', ')}]; [1, N] class scores with a class ${label} (the injection label) are expected`,
      );
    const p = classProbability(Array.from(result?.data as ArrayLike<number>), label, output.probabilities);
    if (!(p >= 0 && p <= 1))
      throw new OnnxClassifierError(
        `${file}: output "${output.name}" gave ${p} for class ${label}, not a probability (logits read as probabilities?)`,
      );
    return p;
  }

  return {
    file,
    async classify(text: string): Promise<ClassifierVerdict> {
      const tokens = wordPieceTokens(vocab, text, lowerCase);
      // No words, nothing for the classifier to judge ([CLS] [SEP] alone scores whatever the model's prior is).
      if (tokens.length === 0) return { score: 0, injection: false, start: 0, end: 0, windows: 0 };
      const size = maxLength - 2;
      const starts = windowStarts(tokens.length, size);
      let best = { score: -1, start: 0, end: 0 };
      for (const s of starts) {
        const window = tokens.slice(s, s + size);
        const score = await scoreWindow(window.map((t) => t.id));
        if (score > best.score)
          best = { score, start: window[0]?.start ?? 0, end: window[window.length - 1]?.end ?? 0 };
      }
      return { ...best, injection: best.score >= threshold, windows: starts.length };
    },
    release: () => session.release(),
  };
}

/**
 * The built-in verdict OR the classifier's: an injection if either says so. When the classifier says so, the
 * higher of the two scores and a `classifier` span over the most suspicious window; when it does not, the
 * built-in verdict unchanged (its score is on the detector's scale, the classifier's on another threshold).
 */
export function withClassifier(
  verdict: InjectionVerdict,
  file: string,
  c: ClassifierVerdict,
): InjectionVerdict {
  if (!c.injection) return verdict;
  const reason = `classifier ${path.basename(file)}: score ${c.score.toFixed(2)}`;
  return {
    score: Math.max(verdict.score, c.score),
    injection: true,
    spans: [
      ...verdict.spans,
      { start: c.start, end: c.end, rule: 'classifier', score: c.score, reason },
    ].sort((a, b) => a.start - b.start || b.score - a.score),
    reasons: [...verdict.reasons, reason],
  };
}
