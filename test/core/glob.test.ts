// Globs that files supply (issue 16): the shell dialect (core/glob.ts), the policy's path patterns and MCP tool
// names are matched by linear-time programs, not RegExps built from the pattern. Each dialect is checked
// against the RegExp it replaced (the oracle, in the test only), and pathological patterns are checked by the
// number of steps a match takes, not by the clock.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellGlob } from '../../src/core/glob.js';
import { compileWildcard, type RunCost } from '../../src/core/linear-match.js';
import { compilePathPattern } from '../../src/policy/glob.js';
import { fuzzParams } from '../fuzz/_budget.js';

const text = (chars: string[], max: number) =>
  fc.array(fc.constantFrom(...chars), { maxLength: max }).map((a) => a.join(''));

/** The previous globToRegExp (src/scanners/shell/paths.ts), kept as the oracle. */
function shellOracle(pattern: string): RegExp {
  const validClass = (cls: string) => {
    try {
      new RegExp(cls);
      return true;
    } catch {
      return false;
    }
  };
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    const segmentStart = i === 0 || pattern[i - 1] === '/';
    if (ch === '*') body += segmentStart ? '(?!\\.)[^/]*' : '[^/]*';
    else if (ch === '?') body += segmentStart ? '[^/.]' : '[^/]';
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      const cls =
        end < 0
          ? undefined
          : `[${pattern
              .slice(i + 1, end)
              .replace(/^!/, '^')
              .replace(/\\/g, '\\\\')}]`;
      if (cls === undefined || !validClass(cls)) body += '\\[';
      else {
        body += cls;
        i = end;
      }
    } else body += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${body}$`);
}

/** The previous compilePathPattern (src/policy/glob.ts), kept as the oracle. */
function policyOracle(source: string, caseInsensitive: boolean): RegExp {
  const segmentToRegex = (glob: string) => {
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
      else if (/[\\^$.+()|[\]{}]/.test(ch)) out += `\\${ch}`;
      else out += ch;
    }
    return out + ')'.repeat(braceDepth);
  };
  const trimmed = source.length > 1 ? source.replace(/\/+$/, '') : source;
  let anchored = trimmed === '~' || trimmed.startsWith('~/') || trimmed.startsWith('/');
  let segments = trimmed.split('/');
  while (segments.length > 1 && segments[0] === '**') {
    segments = segments.slice(1);
    anchored = false;
  }
  let body = '';
  let slashDone = false;
  segments.forEach((segment, index) => {
    if (segment === '**') {
      if (index === segments.length - 1) body += '(?:/.*)?';
      else {
        body += `${index > 0 ? '/' : ''}(?:[^/]+/)*`;
        slashDone = true;
      }
      return;
    }
    if (index > 0 && !slashDone) body += '/';
    slashDone = false;
    body += segmentToRegex(segment);
  });
  return new RegExp(`${anchored ? '^' : '(?:^|/)'}${body}(?:/.*)?$`, caseInsensitive ? 'i' : '');
}

describe('shell globs (globToRegExp)', () => {
  it('agree with the RegExp they replace on generated patterns and paths', () => {
    fc.assert(
      fc.property(
        text(['a', 'b', '.', '/', '*', '?', '[', ']', '!', '-'], 9),
        text(['a', 'b', '.', '/', '-', '['], 10),
        (pattern, path) => {
          // `[]`, `[!]` and `[^…]` differ on purpose: JavaScript reads `[]` as an empty class, bash as a member.
          if (/\[!?\]|\[\^/.test(pattern)) return;
          expect(shellGlob(pattern).test(path), `${pattern} vs ${path}`).toBe(
            shellOracle(pattern).test(path),
          );
        },
      ),
      fuzzParams(3000),
    );
  });

  it('keep a dotfile out of a leading wildcard, also of ** and *?', () => {
    expect(shellGlob('/p/*').test('/p/.env')).toBe(false);
    expect(shellGlob('/p/**').test('/p/.env')).toBe(false);
    expect(shellGlob('/p/*?').test('/p/.env')).toBe(false);
    expect(shellGlob('/p/.*').test('/p/.env')).toBe(true);
    expect(shellGlob('/p/x*').test('/p/x.env')).toBe(true);
  });
});

describe('policy path patterns', () => {
  it('agree with the RegExp they replace on generated patterns and paths', () => {
    fc.assert(
      fc.property(
        text(['a', 'B', '.', '/', '~', '*', '?', '[', ']', '!', '{', '}', ','], 10),
        text(['a', 'b', 'B', '.', '/', '~', ','], 10),
        fc.boolean(),
        (pattern, path, ci) => {
          // Differences on purpose: `[]`/`[!]` (see above); a class the RegExp could not compile, where the
          // old code threw; a class reaching into a `{` group, which the RegExp read as class text.
          if (/\[!?\]|\[[^\]]*[{},]/.test(pattern)) return;
          let oracle: RegExp;
          try {
            oracle = policyOracle(pattern, ci);
          } catch {
            return;
          }
          expect(compilePathPattern(pattern, ci).re.test(path), `${pattern} vs ${path}`).toBe(
            oracle.test(path),
          );
        },
      ),
      fuzzParams(3000),
    );
  });

  it('do not throw on a pattern the RegExp could not compile; the bracket is then literal', () => {
    expect(compilePathPattern('/x/[z-a]', false).re.test('/x/[z-a]')).toBe(true);
    expect(() => compilePathPattern('{'.repeat(100_000), false)).not.toThrow();
  });
});

describe('MCP tool-name patterns', () => {
  it('* is any text, everything else literal', () => {
    expect(compileWildcard('mcp__github__*', false).test('mcp__github__create_issue')).toBe(true);
    expect(compileWildcard('mcp__git?ub__*', false).test('mcp__github__x')).toBe(false);
    expect(compileWildcard('mcp__a.b__*', false).test('mcp__aXb__x')).toBe(false);
  });
});

describe('pathological patterns cost at most text length × pattern size steps', () => {
  const n = 20_000;
  const long = 'a'.repeat(n);
  const bound = (patternLength: number) => (n + 1) * (4 * patternLength + 4);
  const cases: [string, (pattern: string, cost: RunCost) => boolean][] = [
    ['shell', (p, cost) => shellGlob(p).test(long, cost)],
    ['policy', (p, cost) => compilePathPattern(p, false).re.test(long, cost)],
    ['mcp', (p, cost) => compileWildcard(p, false).test(long, cost)],
  ];
  it.each(cases)('%s: *a*a*…*b on a long run of a', (_name, match) => {
    const pattern = `${'*a'.repeat(40)}*b`;
    const cost = { steps: 0 };
    expect(match(pattern, cost)).toBe(false);
    expect(cost.steps).toBeGreaterThan(n);
    expect(cost.steps).toBeLessThanOrEqual(bound(pattern.length));
  });

  it('policy: nested alternations and ** on a long path', () => {
    const pattern = `**/${'{a,a*}'.repeat(12)}/**/b`;
    const path = `/${'a/'.repeat(n / 2)}`;
    const cost = { steps: 0 };
    expect(compilePathPattern(pattern, false).re.test(path, cost)).toBe(false);
    expect(cost.steps).toBeLessThanOrEqual((path.length + 1) * (4 * pattern.length + 16));
  });
});
