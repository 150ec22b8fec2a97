import * as path from 'node:path';

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

function escapeRegex(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether a Bash rule's content selects a command: no content or `*` is every command, `prefix:*` is the
 * legacy prefix form, otherwise `*` matches any text and a trailing ` *` also matches the bare command.
 */
export function bashRuleMatches(content: string | undefined, command: string): boolean {
  if (content === undefined || content === '*') return true;
  if (content.endsWith(':*')) return command.startsWith(content.slice(0, -2));
  let body = content;
  let optionalTail = false;
  if (body.endsWith(' *')) {
    body = body.slice(0, -2);
    optionalTail = true;
  }
  const re = body
    .split('*')
    .map((part) => escapeRegex(part))
    .join('[\\s\\S]*');
  return new RegExp(`^${re}${optionalTail ? '(?:\\s[\\s\\S]*)?' : ''}$`).test(command);
}

function globToRegexSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        out += slashAfter ? '(?:[^]*/)?' : '[^]*';
        i += slashAfter ? 2 : 1;
      } else out += '[^/]*';
    } else if (ch === '?') out += '[^/]';
    else out += escapeRegex(ch);
  }
  return out;
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

/** Whether a Read/Edit-style path pattern covers an absolute path (a directory pattern covers its contents). */
export function pathPatternMatches(pattern: string | undefined, absPath: string, roots: PathRoots): boolean {
  if (pattern === undefined) return true;
  const glob = absolutePathGlob(pattern, roots).replace(/\/+$/, '');
  return new RegExp(`^${globToRegexSource(glob)}(?:/[^]*)?$`).test(absPath);
}
