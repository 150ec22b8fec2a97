import {
  type ConfigDocument,
  type DocumentFormat,
  deepEqual,
  type EditResult,
  parseDocument,
} from '../core/document/index.js';
import type { FixPlan } from '../core/finding.js';

export type EditPlan = Extract<FixPlan, { kind: 'json-set' | 'json-append' }>;

export interface PlanEditResult {
  text: string;
  /** Descriptions of the plans that changed something. */
  applied: string[];
  /** Plans that could not apply, with the reason. */
  refused: string[];
}

/**
 * Applies set / append plans to a document's text through its ConfigDocument (comments and layout kept),
 * re-parsing after each edit. Idempotent: a set to the current value and an append of items already
 * present change nothing.
 */
export function applyEditPlans(original: string, format: DocumentFormat, plans: EditPlan[]): PlanEditResult {
  let text = original;
  const applied: string[] = [];
  const refused: string[] = [];
  for (const plan of plans) {
    const parsed = parseDocument(text, format);
    if (!parsed.ok) {
      refused.push(`${plan.description}: file stopped parsing`);
      break;
    }
    const { doc } = parsed;
    const edits: ((d: ConfigDocument) => EditResult)[] = [];
    if (plan.kind === 'json-set') {
      if (deepEqual(doc.get(plan.path), plan.value)) continue;
      edits.push((d) => d.set(plan.path, plan.value));
    } else {
      const have = doc.get(plan.path);
      const items = Array.isArray(have) ? have : [];
      const missing = plan.values.filter(
        (v, i) => !items.some((c) => deepEqual(c, v)) && plan.values.findIndex((w) => deepEqual(w, v)) === i,
      );
      if (missing.length === 0) continue;
      // A new array is written whole; an existing one gets each item appended in place.
      if (have === undefined) edits.push((d) => d.set(plan.path, missing));
      else for (const v of missing) edits.push((d) => d.append(plan.path, v));
    }
    let failed: string | undefined;
    let next = text;
    for (const edit of edits) {
      const again = parseDocument(next, format);
      if (!again.ok) {
        failed = 'the edit would not parse';
        break;
      }
      const result = edit(again.doc);
      if (!result.ok) {
        failed = result.error;
        break;
      }
      next = result.text;
    }
    if (failed !== undefined) refused.push(`${plan.description}: ${failed}`);
    else {
      text = next;
      applied.push(plan.description);
    }
  }
  return { text, applied, refused };
}
