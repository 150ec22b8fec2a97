import * as path from 'node:path';
import type { Action } from '../policy/types.js';

/** What the detector found in a tool's output: rule names and a short excerpt, never the whole payload. */
export interface ToolInjection {
  score: number;
  rules: string[];
  excerpt: string;
  /**
   * Exact pieces of the output that are an attack beyond doubt: text hidden from a human reader, encoded
   * payloads that decode to instructions, and phrases of rules that decide alone. What the model sees can
   * have them replaced (`withoutInjection`); a paragraph only the model's wording score flags is left alone,
   * since replacing it on a false positive would take real content from the agent.
   */
  pieces: string[];
}

/** What replaces a removed piece in the output the model reads. */
export const REMOVED_MARKER = '[agentwarden: removed text that looked like a prompt injection]';
/** Rule evidence at least this strong decides alone (detect.ts DECISIVE_SCORE). */
const DECISIVE = 0.85;
const MAX_PIECES = 20;

/**
 * The head and the tail of a long output are scanned, not all of it: the detector's cost grows with the
 * text, and the PostToolUse hook is on the agent's path. An injection buried mid-page in a huge response
 * can slip through; the taint from where the content came from still applies.
 */
export const SCAN_HEAD_CHARS = 32 * 1024;
export const SCAN_TAIL_CHARS = 32 * 1024;
const MAX_DEPTH = 32;
const EXCERPT_CHARS = 60;

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Whether what this action returned comes from outside the user's own work: the web, an MCP server, a
 * file outside the project. Those are where indirect prompt injection arrives (CS-5, OC-H6).
 */
export function readsForeignContent(action: Action, project: string): boolean {
  if (action.kind === 'network' || action.kind === 'mcp' || action.mcp !== undefined) return true;
  if (action.kind === 'read' || action.kind === 'search')
    return action.paths.some((p) => !inside(path.resolve(project, p), project));
  return false;
}

/** Every string of a tool response, joined, up to `limit` characters (the agent's shape does not matter here). */
function collectText(value: unknown, limit: number): string {
  const parts: string[] = [];
  let size = 0;
  const walk = (v: unknown, depth: number) => {
    if (size >= limit || depth > MAX_DEPTH) return;
    if (typeof v === 'string') {
      parts.push(v);
      size += v.length + 1;
    } else if (Array.isArray(v)) for (const item of v) walk(item, depth + 1);
    else if (typeof v === 'object' && v !== null) for (const item of Object.values(v)) walk(item, depth + 1);
  };
  walk(value, 0);
  return parts.join('\n');
}

/** The text the detector reads: the whole of a short output, the head and tail of a long one. */
export function scannableText(response: unknown): string {
  const text = collectText(response, 64 * 1024 * 1024);
  if (text.length <= SCAN_HEAD_CHARS + SCAN_TAIL_CHARS) return text;
  return `${text.slice(0, SCAN_HEAD_CHARS)}\n\n${text.slice(-SCAN_TAIL_CHARS)}`;
}

/**
 * The detector's verdict on a tool's output, when it is an injection. The detector (and its model) is
 * loaded only here: most tool calls never need it, and every hook call pays for what it loads.
 */
export async function findToolInjection(response: unknown): Promise<ToolInjection | undefined> {
  const text = scannableText(response);
  if (text.trim() === '') return undefined;
  const [{ detectInjection }, { RULES }] = await Promise.all([
    import('../scanners/injection/detect.js'),
    import('../scanners/injection/rules.js'),
  ]);
  const verdict = detectInjection(text);
  if (!verdict.injection) return undefined;
  const hiddenRules = new Set(RULES.filter((r) => r.category === 'hidden-text').map((r) => r.id));
  const pieces = verdict.spans
    .filter(
      (s) =>
        s.hidden ||
        hiddenRules.has(s.rule) ||
        s.rule.startsWith('decoded-') ||
        (s.rule !== 'model' && s.score >= DECISIVE),
    )
    .map((s) => text.slice(s.start, s.end))
    .filter((p) => p.trim() !== '')
    // Longest first: a phrase inside a removed comment goes with the comment.
    .sort((a, b) => b.length - a.length)
    .slice(0, MAX_PIECES);
  const strongest = [...verdict.spans].sort((a, b) => b.score - a.score)[0];
  const excerpt = strongest ? text.slice(strongest.start, strongest.end).replace(/\s+/g, ' ').trim() : '';
  return {
    score: verdict.score,
    rules: [...new Set(verdict.spans.map((s) => s.rule))],
    excerpt: excerpt.length > EXCERPT_CHARS ? `${excerpt.slice(0, EXCERPT_CHARS - 1)}…` : excerpt,
    pieces: [...new Set(pieces)],
  };
}

/**
 * The response with each piece replaced by REMOVED_MARKER in every string, keeping its shape (Claude Code's
 * `updatedToolOutput` and OpenClaw's tool-result middleware replace the whole output). Counts replacements.
 */
export function withoutInjection(
  value: unknown,
  pieces: readonly string[],
  depth = 0,
): { value: unknown; replaced: number } {
  if (typeof value === 'string') {
    let out = value;
    let replaced = 0;
    for (const piece of pieces)
      if (out.includes(piece)) {
        out = out.split(piece).join(REMOVED_MARKER);
        replaced++;
      }
    return { value: out, replaced };
  }
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return { value, replaced: 0 };
  let replaced = 0;
  const visit = (item: unknown) => {
    const r = withoutInjection(item, pieces, depth + 1);
    replaced += r.replaced;
    return r.value;
  };
  if (Array.isArray(value)) return { value: value.map(visit), replaced };
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = visit(item);
  return { value: out, replaced };
}
