import { createScanner } from 'jsonc-parser';
import { strictJsonViolation } from '../core/document/jsonc.js';

// jsonc-parser's SyntaxKind is an ambient const enum, which isolated modules cannot read: its values here.
const SyntaxKind = {
  CloseBraceToken: 2,
  CloseBracketToken: 4,
  CommaToken: 5,
  LineCommentTrivia: 12,
  BlockCommentTrivia: 13,
  LineBreakTrivia: 14,
  Trivia: 15,
  EOF: 17,
} as const;

export interface StrictJsonRewrite {
  text: string;
  comments: number;
  trailingCommas: number;
}

/**
 * Claude Code parses its settings as strict JSON and ignores a whole file that holds a comment or a trailing
 * comma. This rewrites such a file as strict JSON, keeping key order, indentation and every other byte:
 * comments are removed (there is nowhere in strict JSON to move them), a line that held only a comment
 * goes with it. Undefined when the text is not JSONC that becomes strict JSON this way.
 */
export function toStrictJson(text: string): StrictJsonRewrite | undefined {
  const cuts: [number, number][] = [];
  let comments = 0;
  let trailingCommas = 0;
  let pendingComma: number | undefined;
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) {
      comments++;
      cuts.push(commentCut(text, start, end));
    } else if (kind === SyntaxKind.CommaToken) {
      pendingComma = start;
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      if (pendingComma !== undefined) {
        trailingCommas++;
        cuts.push([pendingComma, pendingComma + 1]);
      }
      pendingComma = undefined;
    } else if (kind !== SyntaxKind.Trivia && kind !== SyntaxKind.LineBreakTrivia) {
      pendingComma = undefined;
    }
  }
  let out = '';
  let from = 0;
  for (const [start, end] of cuts.sort((a, b) => a[0] - b[0])) {
    if (start < from) continue;
    out += text.slice(from, start);
    from = end;
  }
  out += text.slice(from);
  if (strictJsonViolation(out) !== undefined) return undefined;
  try {
    JSON.parse(out);
  } catch {
    return undefined;
  }
  return { text: out, comments, trailingCommas };
}

/** The comment, the blanks before it, and its whole line when nothing else is on that line. */
function commentCut(text: string, start: number, end: number): [number, number] {
  let before = start;
  while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
  const lineStart = before === 0 || text[before - 1] === '\n';
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t' || text[after] === '\r'))
    after++;
  const lineEnd = after === text.length || text[after] === '\n';
  if (lineStart && lineEnd) return [before, Math.min(after + 1, text.length)];
  return [before, end];
}

/** `removed 2 comments and 1 trailing comma`, for the fix summary. */
export function describeStrictRewrite(r: StrictJsonRewrite): string {
  const parts = [
    r.comments > 0 && `${r.comments} comment${r.comments === 1 ? '' : 's'}`,
    r.trailingCommas > 0 && `${r.trailingCommas} trailing comma${r.trailingCommas === 1 ? '' : 's'}`,
  ].filter(Boolean);
  return (
    `made the file strict JSON first: removed ${parts.join(' and ')}, because Claude Code ignores a settings ` +
    'file that holds any, so none of its settings applied (nothing in it switches anything on)'
  );
}
