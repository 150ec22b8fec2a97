/**
 * Tiny ONNX classifiers written by hand for the tests (no download, no Python): a small protobuf encoder for
 * the few ModelProto fields a graph needs (onnx.proto3 field numbers), and a bag-of-embeddings text model
 * Gather(embedding, input_ids) -> ReduceMean over the sequence -> MatMul -> Add -> logits [1, 2]
 * (optionally -> Softmax, named `probabilities`), whose weights make chosen vocabulary tokens drive the score.
 */

import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

type Field = Uint8Array;

function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const tag = (field: number, wire: number) => varint((field << 3) | wire);
const int = (field: number, value: number | bigint): Field =>
  Uint8Array.from([...tag(field, 0), ...varint(value)]);
const bytes = (field: number, value: Uint8Array): Field =>
  concat([Uint8Array.from([...tag(field, 2), ...varint(value.length)]), value]);
const str = (field: number, value: string): Field => bytes(field, new TextEncoder().encode(value));
const msg = (field: number, ...parts: Field[]): Field => bytes(field, concat(parts));

/** TensorProto.DataType */
export const FLOAT = 1;
export const INT64 = 7;

function tensor(name: string, dims: number[], values: number[]): Field[] {
  return [
    ...dims.map((d) => int(1, d)),
    int(2, FLOAT),
    str(8, name),
    bytes(9, new Uint8Array(Float32Array.from(values).buffer)),
  ];
}

/** ValueInfoProto with a tensor type; a string dimension is symbolic. */
function valueInfo(name: string, elemType: number, shape: Array<number | string>): Field[] {
  const dims = shape.map((d) => msg(1, typeof d === 'number' ? int(1, d) : str(2, d)));
  return [str(1, name), msg(2, msg(1, int(1, elemType), msg(2, ...dims)))];
}

interface Node {
  op: string;
  inputs: string[];
  outputs: string[];
  ints?: Record<string, number[]>;
  int?: Record<string, number>;
}

function node({ op, inputs, outputs, ints = {}, int: scalars = {} }: Node): Field[] {
  return [
    ...inputs.map((i) => str(1, i)),
    ...outputs.map((o) => str(2, o)),
    str(4, op),
    // AttributeProto: name 1, type 20 (INT 2, INTS 7), i 3, ints 8.
    ...Object.entries(ints).map(([name, vs]) =>
      msg(5, str(1, name), int(20, 7), ...vs.map((v) => int(8, v))),
    ),
    ...Object.entries(scalars).map(([name, v]) => msg(5, str(1, name), int(20, 2), int(3, v))),
  ];
}

/**
 * The test vocabulary, one [token, [injection-ness, benign-ness]] per id: a few words drive the injection
 * score, the rest pull it down; the special tokens are neutral.
 */
export const VOCAB: Array<[string, [number, number]]> = [
  ['[PAD]', [0, 0]],
  ['[UNK]', [0, 1]],
  ['[CLS]', [0, 0]],
  ['[SEP]', [0, 0]],
  ['ignore', [8, 0]],
  ['previous', [2, 0]],
  ['instructions', [2, 0]],
  ['reveal', [4, 0]],
  ['secret', [3, 0]],
  ['the', [0, 1]],
  ['install', [0, 1]],
  ['package', [0, 1]],
  ['please', [0, 1]],
  ['run', [0, 1]],
  ['tests', [0, 1]],
  ['##s', [0, 1]],
  ['.', [0, 1]],
];

export const VOCAB_TXT = `${VOCAB.map(([token]) => token).join('\n')}\n`;

/** Writes `<dir>/<name>.onnx` (the text model over VOCAB) and `<dir>/vocab.txt`; returns their paths. */
export function writeTinyClassifier(
  dir: string,
  spec: Omit<TextModelSpec, 'embeddings'> = {},
  name = 'tiny',
): { model: string; vocab: string } {
  const model = path.join(dir, `${name}.onnx`);
  const vocab = path.join(dir, 'vocab.txt');
  fs.writeFileSync(model, textModel({ embeddings: VOCAB.map(([, e]) => e), ...spec }));
  fs.writeFileSync(vocab, VOCAB_TXT);
  return { model, vocab };
}

/** Whether onnxruntime-node is installed here (CI installs it; a plain `npm install` does not). */
export function runtimeInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('onnxruntime-node');
    return true;
  } catch {
    return false;
  }
}

export interface TextModelSpec {
  /** One embedding row per vocabulary id: [injection-ness, benign-ness]. */
  embeddings: Array<[number, number]>;
  /** Extra graph inputs (attention_mask, token_type_ids), declared and left unused. */
  extraInputs?: string[];
  /** Sequence dimension: symbolic (default) or a fixed length. */
  sequence?: number | string;
  /** input_ids element type (INT64 unless a test wants a bad model). */
  idsType?: number;
  /** End with Softmax and name the output `probabilities` instead of `logits`. */
  softmax?: boolean;
  /** Logits per input: 2 (benign, injection) or 1 (injection logit). */
  classes?: 1 | 2;
}

/** A model whose logits are [benign-ness, injection-ness] averaged over the window's tokens. */
export function textModel(spec: TextModelSpec): Uint8Array {
  const classes = spec.classes ?? 2;
  const seq = spec.sequence ?? 'sequence';
  const dim = 2;
  const weights = classes === 2 ? [0, 1, 1, 0] : [1, -1];
  const bias = classes === 2 ? [0, 0] : [0];
  const out = spec.softmax ? 'probabilities' : 'logits';
  const idsType = spec.idsType ?? INT64;
  const nodes: Node[] = [
    // Ids of another type are cast first, so the model is valid and only its declared input type is wrong.
    ...(idsType === INT64
      ? []
      : [{ op: 'Cast', inputs: ['input_ids'], outputs: ['ids'], int: { to: INT64 } }]),
    { op: 'Gather', inputs: ['embedding', idsType === INT64 ? 'input_ids' : 'ids'], outputs: ['embedded'] },
    {
      op: 'ReduceMean',
      inputs: ['embedded'],
      outputs: ['pooled'],
      ints: { axes: [1] },
      int: { keepdims: 0 },
    },
    { op: 'MatMul', inputs: ['pooled', 'weight'], outputs: ['projected'] },
    { op: 'Add', inputs: ['projected', 'bias'], outputs: [spec.softmax ? 'logits' : out] },
    ...(spec.softmax ? [{ op: 'Softmax', inputs: ['logits'], outputs: [out], int: { axis: 1 } }] : []),
  ];
  const graph = [
    ...nodes.map((n) => msg(1, ...node(n))),
    str(2, 'tiny-injection-classifier'),
    msg(5, ...tensor('embedding', [spec.embeddings.length, dim], spec.embeddings.flat())),
    msg(5, ...tensor('weight', [dim, classes], weights)),
    msg(5, ...tensor('bias', [classes], bias)),
    msg(11, ...valueInfo('input_ids', idsType, [1, seq])),
    ...(spec.extraInputs ?? []).map((name) => msg(11, ...valueInfo(name, INT64, [1, seq]))),
    msg(12, ...valueInfo(out, FLOAT, [1, classes])),
  ];
  // ModelProto: ir_version 1, producer_name 2, graph 7, opset_import 8 (version 2); opset 13 keeps axes attributes.
  return concat([int(1, 8), str(2, 'agentwarden-tests'), msg(7, ...graph), msg(8, int(2, 13))]);
}
