import { type DocumentFormat, formatFor, isRecord, parseDocument } from '../core/document/index.js';
import { strictJsonViolation } from '../core/document/jsonc.js';
import type { FixPlan } from '../core/finding.js';
import { latentGrants } from '../discover/claude-latent.js';
import { applyEditPlans, type EditPlan } from './edit-plans.js';
import { describeStrictRewrite, toStrictJson } from './strict-json.js';

/** What `--fix` would do to one document with its plans, computed without touching the disk. */
export type DocumentEditOutcome =
  | { status: 'changed'; text: string; applied: string[]; notes: string[] }
  | { status: 'unchanged'; notes: string[] }
  | { status: 'skipped'; reason: string };

/** Why a config file's text cannot be edited (it does not parse, or does not hold an object), or undefined. */
export function notEditable(text: string, format: DocumentFormat): string | undefined {
  const parsed = parseDocument(text, format);
  if (!parsed.ok) return `does not parse (${parsed.error} at line ${parsed.position.line})`;
  if (!isRecord(parsed.doc.value))
    return `does not hold ${format === 'yaml' ? 'a mapping' : 'a JSON object'}`;
  return undefined;
}

/**
 * The one message for a refused fix: making a file Claude Code ignores strict JSON would put in force what it
 * grants. `ignored` is why Claude Code ignores it ("a comment at line 2"). Used by the fix engine (the
 * `--fix` summary) and by the checks (a finding whose fix will be refused is reported as not fixable, with
 * this reason), so both say the same.
 */
export function ignoredFileRefusal(ignored: string, grants: string[]): string {
  return (
    `Claude Code ignores this file (${ignored}), so none of it is in force, and making it strict JSON would ` +
    `also switch on its ${grants.join(', ')}. Review those, remove the comments and trailing commas by hand, ` +
    'then rerun `agentwarden audit --fix`'
  );
}

/**
 * The text edits start from. `jsonc` plans only ever target Claude Code's JSON files, which Claude Code
 * parses strictly: a fix written into a file it ignores would be reported as done and never apply, so such
 * a file is made strict JSON first (or left alone, saying why). `ignored` is why Claude Code ignores it.
 */
function loadableBase(
  original: string,
  format: DocumentFormat,
): { ok: true; text: string; notes: string[]; ignored?: string } | { ok: false; reason: string } {
  const violation = format === 'jsonc' ? strictJsonViolation(original) : undefined;
  if (!violation) return { ok: true, text: original, notes: [] };
  const ignored = `a ${violation.what} at line ${violation.position.line}`;
  const strict = toStrictJson(original);
  if (!strict)
    return {
      ok: false,
      reason:
        `Claude Code ignores this file (${ignored}) and it could not be rewritten as strict JSON, so a fix ` +
        'here would never apply; not modified',
    };
  return { ok: true, text: strict.text, notes: [describeStrictRewrite(strict)], ignored };
}

/**
 * Making an ignored file strict JSON puts everything in it in force for the first time. When the fixed file
 * would still switch something on (a latent allow rule, hooks, MCP servers…), the fix is refused: the user
 * reviews those and repairs the syntax, then reruns. Writing the fix into the file while keeping it ignored
 * is no alternative — it would be reported as done and never apply.
 */
function latentRefusal(text: string, format: DocumentFormat, ignored: string): string | undefined {
  const parsed = parseDocument(text, format);
  const grants = parsed.ok && isRecord(parsed.doc.value) ? latentGrants(parsed.doc.value) : [];
  return grants.length === 0 ? undefined : `${ignoredFileRefusal(ignored, grants)}; not modified`;
}

/**
 * Applies edit plans to a document's text in memory: made loadable first when Claude Code ignores it, refused
 * when that would switch on latent grants. `exists` false: the file is created from `original`. With no
 * plans, only the strict-JSON rewrite is planned.
 */
export function planDocumentEdit(
  original: string,
  exists: boolean,
  format: DocumentFormat,
  plans: EditPlan[],
): DocumentEditOutcome {
  const invalid = exists ? notEditable(original, format) : undefined;
  if (invalid) return { status: 'skipped', reason: `${invalid}; not modified` };
  const base = loadableBase(original, format);
  if (!base.ok) return { status: 'skipped', reason: base.reason };
  const { text, applied: edited, refused } = applyEditPlans(base.text, format, plans);
  const applied = [...base.notes, ...edited];
  const notes = refused.map((r) => `not applied: ${r}`);
  if (applied.length === 0 || (exists && text === original)) return { status: 'unchanged', notes };
  if (notEditable(text, format))
    return { status: 'skipped', reason: 'the edit would not parse; not modified' };
  const refusal = base.ignored && latentRefusal(text, format, base.ignored);
  if (refusal) return { status: 'skipped', reason: refusal };
  return { status: 'changed', text, applied, notes };
}

/**
 * Why `--fix` will leave an existing Claude Code JSON file alone with these plans (the edits and strict-JSON
 * rewrites aimed at it), or undefined when it will apply them. The same computation the fix engine runs.
 */
export function fixRefusal(file: string, text: string, plans: FixPlan[]): string | undefined {
  const edits = plans.filter((p): p is EditPlan => p.kind === 'json-set' || p.kind === 'json-append');
  if (edits.length === 0 && !plans.some((p) => p.kind === 'strict-json')) return undefined;
  const format = edits.find((p) => p.format)?.format ?? formatFor(file);
  const outcome = planDocumentEdit(text, true, format, edits);
  return outcome.status === 'skipped' ? outcome.reason.replace(/; not modified$/, '') : undefined;
}
