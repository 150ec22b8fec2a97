/**
 * One model for the configuration files we audit and fix (Claude Code's JSONC settings, OpenClaw's JSON5
 * config, compose YAML): the parsed value, where each path sits in the text, and comment-preserving edits.
 */

import { lineStarts, type Position, positionAt, positionLocator } from '../text-position.js';

export type { Position };

export type DocumentFormat = 'jsonc' | 'json5' | 'yaml';

/** Keys and array indices from the top of the document down. */
export type JsonPath = (string | number)[];

/** An edit's new text, or why the edit cannot be made (the document is never partly edited). */
export type EditResult = { ok: true; text: string } | { ok: false; error: string };

export interface ConfigDocument {
  readonly format: DocumentFormat;
  readonly text: string;
  /** The plain value (objects, arrays, scalars) the document holds. */
  readonly value: unknown;
  /** True when the exact path exists. */
  has(path: JsonPath): boolean;
  /** The value at path, undefined when absent. */
  get(path: JsonPath): unknown;
  /** 1-based line/column of the key holding path (of the value for array items and the top), or of the nearest existing parent. */
  locate(path: JsonPath): Position;
  /** Sets the value at path, creating missing parent objects. */
  set(path: JsonPath, value: unknown): EditResult;
  /** Removes the property or array item at path; an absent path is no edit. */
  delete(path: JsonPath): EditResult;
  /** Appends one item to the array at path, creating the array when absent. */
  append(path: JsonPath, value: unknown): EditResult;
}

/** A parse error is a value: the message and where it is, never an exception. */
export type DocumentParse =
  | { ok: true; doc: ConfigDocument }
  | { ok: false; error: string; position: Position };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function offsetToPosition(text: string, offset: number): Position {
  return positionLocator(text)(offset);
}

/**
 * Positions of many offsets in one text, in any order: the line table is built once, on the first lookup, and
 * each lookup is a binary search (a document with 100,000 rules is located in linear time, not quadratic).
 */
export function positionIndex(text: string): (offset: number) => Position {
  let starts: number[] | undefined;
  return (offset) => {
    starts ??= lineStarts(text);
    return positionAt(starts, offset);
  };
}

/** The value at path, or where the walk stopped: `blockedAt` is the prefix whose value cannot hold the next key. */
export function lookup(root: unknown, p: JsonPath): { found: boolean; value: unknown; blockedAt?: JsonPath } {
  let cur: unknown = root;
  for (let i = 0; i < p.length; i++) {
    const key = p[i] as string | number;
    if (typeof key === 'number') {
      if (!Array.isArray(cur)) return { found: false, value: undefined, blockedAt: p.slice(0, i) };
      if (key < 0 || key >= cur.length) return { found: false, value: undefined };
      cur = cur[key];
    } else {
      if (!isRecord(cur)) return { found: false, value: undefined, blockedAt: p.slice(0, i) };
      if (!Object.hasOwn(cur, key)) return { found: false, value: undefined };
      cur = cur[key];
    }
  }
  return { found: true, value: cur };
}

/** Why an edit at path cannot be made (a parent is not an object or an array), or undefined. */
export function blockedEdit(root: unknown, p: JsonPath): string | undefined {
  const { blockedAt } = lookup(root, p);
  if (!blockedAt) return undefined;
  const want = typeof p[blockedAt.length] === 'number' ? 'an array' : 'an object';
  return `${blockedAt.join('.') || '(top level)'} is not ${want}`;
}

/** An object built from parsed members; `__proto__` becomes an own key, as JSON.parse makes it. */
export function ownProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true });
  else target[key] = value;
}

export interface Indentation {
  /** One level of indentation as the file writes it (two spaces when it shows none). */
  unit: string;
  eol: '\n' | '\r\n';
}

/** The file's own indentation (its first indented line) and line ending, so inserted text matches. */
export function detectIndentation(text: string): Indentation {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { unit: '\t', eol };
  return { unit: indent ? ' '.repeat(indent.length) : '  ', eol };
}

/** The last item matching: a repeated key means its last occurrence, as every JSON and YAML reader takes it. */
export function lastMatch<T>(items: readonly T[], match: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (match(items[i] as T)) return items[i];
  return undefined;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}
