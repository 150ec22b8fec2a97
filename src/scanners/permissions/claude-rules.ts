import * as path from 'node:path';
import { charTest, type Program, ProgramBuilder, runProgram } from '../../core/linear-match.js';

/** A permission rule `Tool` or `Tool(content)`. */
export interface PermissionRule {
  tool: string;
  content: string | undefined;
}

export function parsePermissionRule(rule: string): PermissionRule | undefined {
  const m = /^\s*([A-Za-z0-9_]+)(?:\(([\s\S]*)\))?\s*$/.exec(rule);
  if (!m?.[1]) return undefined;
  const content = m[2]?.trim();
  return { tool: m[1], content: content === undefined || content === '' ? undefined : content };
}

/** A pattern's parts: fixed text, `?` (one character but `/`) and the wildcards. */
type GlobToken =
  | { t: 'lit'; text: string }
  | { t: 'one' }
  /** `*` in a path: any text within one segment. */
  | { t: 'seg' }
  /** `**` (and `*` in a Bash rule): any text. */
  | { t: 'any' }
  /** `**` then `/`: nothing, or any text ending in `/`. */
  | { t: 'dirs' };

type Wildcard = Extract<GlobToken, { t: 'seg' | 'any' | 'dirs' }>['t'];

/**
 * Adds a wildcard, folding it into the wildcard before it (`***` is one wildcard, and so are two
 * globstar-slashes in a row, or one followed by `*`), so a pattern has at most one wildcard between two fixed
 * characters and its program stays as small as the text it can match.
 */
function pushWildcard(out: GlobToken[], t: Wildcard): void {
  const last = out[out.length - 1];
  if (!last || last.t === 'lit' || last.t === 'one') out.push({ t });
  else if (last.t === 'any') return;
  else if (t === 'any' || (last.t === 'dirs' && t === 'seg')) out[out.length - 1] = { t: 'any' };
  else if (last.t !== t) out.push({ t });
}

interface CompiledGlob {
  kind: 'bash' | 'path';
  /** The pattern without the tail handled by `tail`. */
  body: string;
  tail: 'none' | 'word' | 'subpath';
  /** Fewest characters a matching text has: a shorter text is rejected without compiling anything. */
  minLength: number;
  program?: Program;
}

/** Compiled patterns, by kind and source; a settings file repeats few distinct patterns many times. */
const COMPILED = new Map<string, CompiledGlob>();

function compiled(key: string, make: () => CompiledGlob): CompiledGlob {
  let hit = COMPILED.get(key);
  if (!hit) {
    if (COMPILED.size >= 2000) COMPILED.clear();
    hit = make();
    COMPILED.set(key, hit);
  }
  return hit;
}

/** The pattern's parts; a Bash rule knows only `*`, a path pattern also `**`, `**` + `/` and `?`. */
function tokensOf(glob: CompiledGlob): GlobToken[] {
  const { body } = glob;
  const out: GlobToken[] = [];
  let run = 0;
  const flush = (i: number) => {
    if (i > run) out.push({ t: 'lit', text: body.slice(run, i) });
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '*') {
      flush(i);
      if (glob.kind === 'bash') pushWildcard(out, 'any');
      else if (body[i + 1] === '*') {
        const slashAfter = body[i + 2] === '/';
        pushWildcard(out, slashAfter ? 'dirs' : 'any');
        i += slashAfter ? 2 : 1;
      } else pushWildcard(out, 'seg');
      run = i + 1;
    } else if (ch === '?' && glob.kind === 'path') {
      flush(i);
      out.push({ t: 'one' });
      run = i + 1;
    }
  }
  flush(body.length);
  return out;
}

/** Characters every match must have: all but the wildcards (a `**` + `/` needs none). */
function minLengthOf(body: string, kind: 'bash' | 'path'): number {
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '*') n++;
    else if (kind === 'path' && body[i + 1] === '*') i += body[i + 2] === '/' ? 2 : 1;
  }
  return n;
}

function programOf(glob: CompiledGlob): Program {
  if (glob.program) return glob.program;
  const b = new ProgramBuilder();
  for (const token of tokensOf(glob)) {
    if (token.t === 'lit') b.literal(token.text);
    else if (token.t === 'one') b.test({ kind: 'not-slash' });
    else if (token.t === 'seg') b.star({ kind: 'not-slash' });
    else if (token.t === 'any') b.star({ kind: 'any' });
    else
      b.optional(() => {
        b.star({ kind: 'any' });
        b.test(charTest('/'));
      });
  }
  // `Bash(cmd *)` also matches the bare command; a path pattern also covers what is below it.
  if (glob.tail === 'word')
    b.optional(() => {
      b.test({ kind: 'space' });
      b.star({ kind: 'any' });
    });
  else if (glob.tail === 'subpath')
    b.optional(() => {
      b.test(charTest('/'));
      b.star({ kind: 'any' });
    });
  glob.program = b.finishWhole();
  return glob.program;
}

function matchGlob(glob: CompiledGlob, text: string): boolean {
  return glob.minLength <= text.length && runProgram(programOf(glob), text);
}

/**
 * Whether a Bash rule's content selects a command: no content or `*` is every command, `prefix:*` is the
 * legacy prefix form, otherwise `*` matches any text and a trailing ` *` also matches the bare command.
 * Matched in linear time without a RegExp, whatever the rule's size.
 */
export function bashRuleMatches(content: string | undefined, command: string): boolean {
  if (content === undefined || content === '*') return true;
  if (content.endsWith(':*')) return command.startsWith(content.slice(0, -2));
  // The fixed start of the rule without its optional ` *` tail (`curl *` also matches `curl`).
  if (!command.startsWith(fixedPrefix(content.endsWith(' *') ? content.slice(0, -2) : content, '*')))
    return false;
  const glob = compiled(`bash\0${content}`, () => {
    const optionalTail = content.endsWith(' *');
    const body = optionalTail ? content.slice(0, -2) : content;
    return { kind: 'bash', body, tail: optionalTail ? 'word' : 'none', minLength: minLengthOf(body, 'bash') };
  });
  return matchGlob(glob, command);
}

function pathGlob(glob: string): CompiledGlob {
  return { kind: 'path', body: glob, tail: 'subpath', minLength: minLengthOf(glob, 'path') };
}

export interface PathRoots {
  home: string;
  project: string;
  /** What a leading `/` is relative to: the settings file's root (the project for project files). */
  settingsRoot: string;
}

/** Turns a Read/Edit rule path or a sandbox path into an absolute glob. */
export function absolutePathGlob(pattern: string, roots: PathRoots): string {
  if (pattern.startsWith('//')) return pattern.slice(1);
  if (pattern === '~') return roots.home;
  if (pattern.startsWith('~/')) return path.posix.join(roots.home, pattern.slice(2));
  if (pattern.startsWith('/')) return path.posix.join(roots.settingsRoot, pattern);
  const rel = pattern.startsWith('./') ? pattern.slice(2) : pattern;
  // gitignore: a pattern with no inner slash matches at any depth below the project.
  const anyDepth = !pattern.startsWith('./') && !rel.replace(/\/$/, '').includes('/');
  return path.posix.join(roots.project, anyDepth ? `**/${rel}` : rel);
}

/** Cut by hand: `/\/+$/` backtracks quadratically over a long run of slashes. */
function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '/') end--;
  return text.slice(0, end);
}

/** The fixed text before a pattern's first wildcard: a text that does not start with it cannot match. */
function fixedPrefix(glob: string, wildcards: string): string {
  for (let i = 0; i < glob.length; i++) if (wildcards.includes(glob[i] as string)) return glob.slice(0, i);
  return glob;
}

/**
 * A Read/Edit-style path pattern (or sandbox path) prepared once for many paths: a path is first checked
 * against the pattern's fixed start, and the pattern is compiled only for the paths that pass.
 */
export function pathPatternMatcher(
  pattern: string | undefined,
  roots: PathRoots,
): (absPath: string) => boolean {
  if (pattern === undefined) return () => true;
  const glob = withoutTrailingSlashes(absolutePathGlob(pattern, roots));
  const prefix = fixedPrefix(glob, '*?');
  let compiledGlob: CompiledGlob | undefined;
  return (absPath) => {
    if (!absPath.startsWith(prefix)) return false;
    compiledGlob ??= pathGlob(glob);
    return matchGlob(compiledGlob, absPath);
  };
}

/** Whether a Read/Edit-style path pattern covers an absolute path (a directory pattern covers its contents). */
export function pathPatternMatches(pattern: string | undefined, absPath: string, roots: PathRoots): boolean {
  if (pattern === undefined) return true;
  const glob = withoutTrailingSlashes(absolutePathGlob(pattern, roots));
  if (!absPath.startsWith(fixedPrefix(glob, '*?'))) return false;
  return matchGlob(
    compiled(`path\0${glob}`, () => pathGlob(glob)),
    absPath,
  );
}
