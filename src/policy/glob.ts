/**
 * Path patterns for protected paths and taint sources. No dependency: the hook loads this on every call.
 *
 * - `~/x` is relative to the home directory, `/x` is absolute, and a pattern without a `/` matches a file
 *   or directory name anywhere (`*.pem`, `.env*`), like a .gitignore line.
 * - `*` and `?` stay inside one path segment, `**` spans any number of segments (including none),
 *   `{a,b}` is an alternation and `[abc]` a character class.
 * - A pattern that matches a directory also matches everything below it: `~/.ssh` covers `~/.ssh/id_rsa`.
 */
export interface PathPattern {
  source: string;
  /** Matched against the path in its home-relative form (`~/...`) when it lies under home, else absolute. */
  re: RegExp;
}

const REGEX_SPECIAL = /[\\^$.+()|]/;

function segmentToRegex(glob: string): string {
  let out = '';
  let inClass = false;
  let braceDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch === '\\' ? '\\\\' : ch;
      continue;
    }
    if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '[' && glob.indexOf(']', i + 1) > i + 1) {
      inClass = true;
      out += '[';
      if (glob[i + 1] === '!') {
        out += '^';
        i++;
      }
    } else if (ch === '{') {
      braceDepth++;
      out += '(?:';
    } else if (ch === '}' && braceDepth > 0) {
      braceDepth--;
      out += ')';
    } else if (ch === ',' && braceDepth > 0) out += '|';
    else if (REGEX_SPECIAL.test(ch) || ch === '[' || ch === ']' || ch === '{' || ch === '}') out += `\\${ch}`;
    else out += ch;
  }
  return out + ')'.repeat(braceDepth);
}

/** Compiles one pattern. `caseInsensitive` follows the platform (macOS and Windows file systems). */
export function compilePathPattern(source: string, caseInsensitive: boolean): PathPattern {
  const trimmed = source.length > 1 ? source.replace(/\/+$/, '') : source;
  let anchored = trimmed === '~' || trimmed.startsWith('~/') || trimmed.startsWith('/');
  let segments = trimmed.split('/');
  // A leading `**/` is the same as no anchor at all.
  while (segments.length > 1 && segments[0] === '**') {
    segments = segments.slice(1);
    anchored = false;
  }
  let body = '';
  let slashDone = false;
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      if (last) body += '(?:/.*)?';
      else {
        body += `${index > 0 ? '/' : ''}(?:[^/]+/)*`;
        slashDone = true;
      }
      return;
    }
    if (index > 0 && !slashDone) body += '/';
    slashDone = false;
    body += segment === '~' && index === 0 ? '~' : segmentToRegex(segment);
  });
  // A pattern like `.env*` or `**/x` may sit at any depth: anchor it at a segment boundary.
  const prefix = anchored ? '^' : '(?:^|/)';
  const re = new RegExp(`${prefix}${body}(?:/.*)?$`, caseInsensitive ? 'i' : '');
  return { source, re };
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
