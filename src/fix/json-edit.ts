import { applyEdits, type FormattingOptions, format, modify } from 'jsonc-parser';
import type { FixPlan } from '../core/finding.js';
import { isRecord, type JsonPath, parseJsonc } from '../core/jsonc.js';

export type JsonPlan = Extract<FixPlan, { kind: 'json-set' | 'json-append' }>;

export interface JsonEditResult {
  text: string;
  /** Descriptions of the plans that changed something. */
  applied: string[];
  /** Plans that could not apply, with the reason. */
  refused: string[];
}

/** Keeps the file's own indentation (first indented line) and line endings. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent ? indent.length : 2, eol };
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

/**
 * Sets a value formatting only the inserted text. jsonc-parser's own formatting reflows the whole line
 * before an insertion (turning a neighbour's `["a"]` into three lines); formatting the edit plus one
 * character either side keeps neighbours as the user wrote them and still indents the new text.
 */
function setValue(text: string, p: JsonPath, value: unknown, formattingOptions: FormattingOptions): string {
  const raw = modify(text, p, value, {});
  const edit = raw[0];
  if (raw.length !== 1 || !edit) return applyEdits(text, modify(text, p, value, { formattingOptions }));
  const out = applyEdits(text, raw);
  const start = Math.max(0, edit.offset - 1);
  let end = edit.offset + edit.content.length + 1;
  // A range ending between \r and \n makes the formatter drop the \r as trailing whitespace (mixed EOLs).
  if (out[end - 1] === '\r' && out[end] === '\n') end++;
  const range = { offset: start, length: end - start };
  return applyEdits(out, format(out, range, formattingOptions));
}

/** The value at path, or why the path cannot hold a value (a parent is not an object). */
function lookup(root: unknown, p: JsonPath): { value: unknown; blockedBy?: string } {
  let cur: unknown = root;
  for (let i = 0; i < p.length; i++) {
    const key = p[i] as string | number;
    if (cur === undefined) return { value: undefined };
    if (typeof key === 'number' ? !Array.isArray(cur) : !isRecord(cur))
      return { value: undefined, blockedBy: p.slice(0, i).join('.') || '(top level)' };
    cur = typeof key === 'number' ? (cur as unknown[])[key] : (cur as Record<string, unknown>)[key];
  }
  return { value: cur };
}

/**
 * Applies json-set / json-append plans to JSONC text with jsonc-parser (comments and layout kept).
 * Idempotent: a set to the current value and an append of items already present change nothing.
 */
export function applyJsonPlans(original: string, plans: JsonPlan[]): JsonEditResult {
  let text = original;
  const applied: string[] = [];
  const refused: string[] = [];
  const formattingOptions = detectFormatting(original);
  for (const plan of plans) {
    const parsed = parseJsonc(text);
    if (!parsed.ok) {
      refused.push(`${plan.description}: file stopped parsing`);
      break;
    }
    const found = lookup(parsed.doc.value, plan.path);
    const where = plan.path.join('.');
    if (found.blockedBy !== undefined) {
      refused.push(`${plan.description}: ${found.blockedBy} is not an object`);
      continue;
    }
    try {
      if (plan.kind === 'json-set') {
        if (deepEqual(found.value, plan.value)) continue;
        text = setValue(text, plan.path, plan.value, formattingOptions);
      } else {
        if (found.value !== undefined && !Array.isArray(found.value)) {
          refused.push(`${plan.description}: ${where} is not an array`);
          continue;
        }
        const current = (found.value as unknown[] | undefined) ?? [];
        const missing = plan.values.filter(
          (v, i) =>
            !current.some((c) => deepEqual(c, v)) && plan.values.findIndex((w) => deepEqual(w, v)) === i,
        );
        if (missing.length === 0) continue;
        if (found.value === undefined) {
          text = setValue(text, plan.path, missing, formattingOptions);
        } else {
          for (const v of missing) {
            text = applyEdits(
              text,
              modify(text, [...plan.path, -1], v, { formattingOptions, isArrayInsertion: true }),
            );
          }
        }
      }
      applied.push(plan.description);
    } catch (err) {
      refused.push(`${plan.description}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { text, applied, refused };
}
