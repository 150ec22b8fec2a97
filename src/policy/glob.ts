/**
 * Path patterns for protected paths and taint sources. No package dependency: the hook loads this on every call.
 *
 * - `~/x` is relative to the home directory, `/x` is absolute, and a pattern without a `/` matches a file
 *   or directory name anywhere (`*.pem`, `.env*`), like a .gitignore line.
 * - `*` and `?` stay inside one path segment, `**` spans any number of segments (including none),
 *   `{a,b}` is an alternation and `[abc]` a character class.
 * - A pattern that matches a directory also matches everything below it: `~/.ssh` covers `~/.ssh/id_rsa`.
 */
import { bracketClass, NOT_SLASH } from '../core/glob.js';
import {
  type CharTest,
  charTest,
  ProgramBuilder,
  runProgram,
  type TextMatcher,
} from '../core/linear-match.js';

export interface PathPattern {
  source: string;
  /**
   * Matched against the path in its home-relative form (`~/...`) when it lies under home, else absolute; in
   * linear time, with no RegExp built from the pattern (a project policy can come from a cloned repository).
   */
  re: TextMatcher;
}

/** One segment's parts: a character test, `*` (any text within the segment), or a `{a,b}` alternation. */
type SegmentNode = { t: 'test'; test: CharTest } | { t: 'star' } | { t: 'alt'; branches: SegmentNode[][] };

/** Deeper `{` are literal: a pattern's nesting must not exhaust the stack. */
const MAX_BRACE_DEPTH = 16;

/** Parses a segment from `at` up to the end, or (inside braces) up to the `,` or `}` that ends a branch. */
function parseSegment(glob: string, at: number, depth: number): { nodes: SegmentNode[]; end: number } {
  const nodes: SegmentNode[] = [];
  let i = at;
  for (; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (depth > 0 && (ch === ',' || ch === '}')) break;
    if (ch === '*') nodes.push({ t: 'star' });
    else if (ch === '?') nodes.push({ t: 'test', test: NOT_SLASH });
    else if (ch === '{' && depth < MAX_BRACE_DEPTH) {
      const branches: SegmentNode[][] = [];
      let next = i + 1;
      for (;;) {
        const branch = parseSegment(glob, next, depth + 1);
        branches.push(branch.nodes);
        next = branch.end + 1;
        // An unclosed `{` runs to the end of the segment.
        if (branch.end >= glob.length || glob[branch.end] === '}') break;
      }
      nodes.push({ t: 'alt', branches });
      i = next - 1;
    } else {
      const cls = ch === '[' ? bracketClass(glob, i) : undefined;
      nodes.push({ t: 'test', test: cls ? cls.test : charTest(ch) });
      if (cls) i = cls.end;
    }
  }
  return { nodes, end: i };
}

function emitSegment(b: ProgramBuilder, nodes: readonly SegmentNode[]): void {
  for (const node of nodes) {
    if (node.t === 'test') b.test(node.test);
    else if (node.t === 'star') b.star(NOT_SLASH);
    else b.alternatives(node.branches.map((branch) => () => emitSegment(b, branch)));
  }
}

/** The longest run of fixed characters outside any alternation: text every match of the segment holds. */
function longestLiteral(nodes: readonly SegmentNode[]): string {
  let best = '';
  let run = '';
  for (const node of nodes) {
    if (node.t === 'test' && node.test.kind === 'char') run += node.test.ch;
    else run = '';
    if (run.length > best.length) best = run;
  }
  return best;
}

const SLASH = charTest('/');

/** `/` and then any text: what a pattern that names a directory also covers. */
function emitBelow(b: ProgramBuilder): void {
  b.optional(() => {
    b.test(SLASH);
    b.star({ kind: 'any' });
  });
}

/**
 * One pattern, compiled the first time it is matched (hook budget: building the default policy compiled
 * every protected-path and taint pattern on each call, ~5 ms, though a quiet command matches none of them).
 * `caseInsensitive` follows the platform (macOS and Windows file systems).
 */
export function compilePathPattern(source: string, caseInsensitive: boolean): PathPattern {
  let compiled: TextMatcher | undefined;
  return {
    source,
    re: {
      test: (text, cost) => {
        compiled ??= compileNow(source, caseInsensitive);
        return compiled.test(text, cost);
      },
    },
  };
}

function compileNow(source: string, caseInsensitive: boolean): TextMatcher {
  let end = source.length;
  while (end > 1 && source[end - 1] === '/') end--;
  const trimmed = source.slice(0, end);
  const glob = caseInsensitive ? trimmed.toLowerCase() : trimmed;
  let anchored = glob === '~' || glob.startsWith('~/') || glob.startsWith('/');
  let segments = glob.split('/');
  // A leading `**/` is the same as no anchor at all.
  while (segments.length > 1 && segments[0] === '**') {
    segments = segments.slice(1);
    anchored = false;
  }
  const b = new ProgramBuilder();
  // A pattern like `.env*` or `**/x` may sit at any depth: it starts at the start or after a `/`.
  if (!anchored)
    b.optional(() => {
      b.star({ kind: 'any' });
      b.test(SLASH);
    });
  let slashDone = false;
  // Text every match contains: a path without it is rejected by one `includes`, without running the program.
  let needle = '';
  segments.forEach((segment, index) => {
    if (segment === '**') {
      if (index === segments.length - 1) emitBelow(b);
      else {
        if (index > 0) b.test(SLASH);
        b.repeat(() => {
          b.test(NOT_SLASH);
          b.star(NOT_SLASH);
          b.test(SLASH);
        });
        slashDone = true;
      }
      return;
    }
    if (index > 0 && !slashDone) b.test(SLASH);
    slashDone = false;
    const nodes = parseSegment(segment, 0, 0).nodes;
    const run = longestLiteral(nodes);
    if (run.length > needle.length) needle = run;
    emitSegment(b, nodes);
  });
  emitBelow(b);
  const program = b.finishWhole();
  return {
    test: (text, cost) => {
      const folded = caseInsensitive ? text.toLowerCase() : text;
      return folded.includes(needle) && runProgram(program, folded, false, cost);
    },
  };
}

/** The form patterns are matched against: `~/rest` under home, the normalised absolute path elsewhere. */
export function matchablePath(absolute: string, home: string): string {
  const normal = normalizeAbsolute(absolute);
  const homeNormal = normalizeAbsolute(home);
  if (normal === homeNormal) return '~';
  if (homeNormal !== '/' && normal.startsWith(`${homeNormal}/`)) return `~${normal.slice(homeNormal.length)}`;
  return normal;
}

/** Collapses `.`, `..` and repeated slashes without touching the file system (no symlink resolution). */
export function normalizeAbsolute(p: string): string {
  const parts: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function matchesAny(patterns: readonly PathPattern[], candidate: string): PathPattern | undefined {
  for (const pattern of patterns) if (pattern.re.test(candidate)) return pattern;
  return undefined;
}

/** True when `child` is `parent` or lies below it (both absolute). */
export function isInside(child: string, parent: string): boolean {
  const c = normalizeAbsolute(child);
  const p = normalizeAbsolute(parent);
  return c === p || p === '/' || c.startsWith(`${p}/`);
}
