// Matchers for patterns that files supply (issue 16): permission-rule globs and hook matchers are matched
// without a RegExp built from file content. Each is checked against the RegExp it replaces on generated
// patterns (the regex is the oracle here, in the test only), and on sizes the regex could not compile.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wildcardMatches } from '../../src/core/linear-match.js';
import { compileSafeRegex, safeRegexTest } from '../../src/core/safe-regex.js';
import { hookMatcherMatches, hookMatcherProblem } from '../../src/discover/claude-settings.js';
import {
  bashRuleMatches,
  pathPatternMatcher,
  pathPatternMatches,
} from '../../src/scanners/permissions/claude-rules.js';
import { fuzzParams } from '../fuzz/_budget.js';

const escapeRegex = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** The previous implementation of bashRuleMatches, kept as the oracle. */
function bashOracle(content: string, command: string): boolean {
  if (content === '*') return true;
  if (content.endsWith(':*')) return command.startsWith(content.slice(0, -2));
  let body = content;
  let optionalTail = false;
  if (body.endsWith(' *')) {
    body = body.slice(0, -2);
    optionalTail = true;
  }
  const re = body.split('*').map(escapeRegex).join('[\\s\\S]*');
  return new RegExp(`^${re}${optionalTail ? '(?:\\s[\\s\\S]*)?' : ''}$`).test(command);
}

/** The previous glob translation of pathPatternMatches (on an absolute glob), kept as the oracle. */
function pathOracle(rawGlob: string, absPath: string): boolean {
  const glob = rawGlob.replace(/\/+$/, '');
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
  return new RegExp(`^${out}(?:/[^]*)?$`).test(absPath);
}

const roots = { home: '/h', project: '/h/p', settingsRoot: '/h/p' };

describe('bashRuleMatches', () => {
  it('agrees with the regex it replaces on generated rules and commands', () => {
    const text = (chars: string[], max: number) =>
      fc.array(fc.constantFrom(...chars), { maxLength: max }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        text(['a', 'b', ' ', '*', ':', '.'], 10),
        text(['a', 'b', ' ', ':', '.', '\n'], 12),
        (rule, cmd) => {
          if (rule === '' || rule.trim() !== rule) return;
          expect(bashRuleMatches(rule, cmd)).toBe(bashOracle(rule, cmd));
        },
      ),
      fuzzParams(3000),
    );
  });

  it('reads the rule forms as before: a trailing " *" also matches the bare command, prefix:* is a prefix', () => {
    for (const [rule, cmd] of [
      ['curl *', 'curl'],
      ['curl *', 'curl -s x'],
      ['curl *', 'curlx'],
      ['npm run *', 'npm run'],
      ['git:*', 'git status'],
      ['a*b', 'ab'],
      ['a*b', 'a\nb'],
      ['rm -rf *', 'rm -rf build'],
    ])
      expect(bashRuleMatches(rule, cmd as string), `${rule} vs ${cmd}`).toBe(
        bashOracle(rule as string, cmd as string),
      );
  });

  it('matches a 4 MB rule without throwing, in either direction', () => {
    const huge = 'a'.repeat(4_000_000);
    expect(bashRuleMatches(`${huge} *`, 'aaa')).toBe(false);
    expect(bashRuleMatches(`${huge.slice(0, 500_000)} *`, `${huge.slice(0, 500_000)} x`)).toBe(true);
    expect(bashRuleMatches('*'.repeat(4_000_000), 'rm -rf /')).toBe(true);
    expect(bashRuleMatches(`rm ${'* '.repeat(1_000_000)}x`, 'rm -rf / x')).toBe(false);
  }, 120_000);
});

describe('pathPatternMatches', () => {
  it('agrees with the regex it replaces on generated globs and paths', () => {
    const part = fc.constantFrom('a', 'b', '/', '*', '**', '**/', '?', '.');
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 8 }).map((a) => `/${a.join('')}`),
        fc.array(fc.constantFrom('a', 'b', '/', '.'), { maxLength: 10 }).map((a) => `/${a.join('')}`),
        (glob, target) => {
          // `//x` is an absolute path in a rule: the glob reaches the matcher as given.
          expect(pathPatternMatches(`/${glob}`, target, roots)).toBe(pathOracle(glob, target));
          expect(pathPatternMatcher(`/${glob}`, roots)(target)).toBe(pathOracle(glob, target));
        },
      ),
      fuzzParams(3000),
    );
  });

  it('reads the rule forms as before: ~/, ./, a bare name at any depth, a directory covering its contents', () => {
    expect(pathPatternMatches('~/.ssh/**', '/h/.ssh/id_rsa', roots)).toBe(true);
    expect(pathPatternMatches('./.env.*', '/h/p/.env.local', roots)).toBe(true);
    expect(pathPatternMatches('./.env.*', '/h/p/sub/.env.local', roots)).toBe(false);
    expect(pathPatternMatches('.env', '/h/p/sub/.env', roots)).toBe(true);
    expect(pathPatternMatches('~/.aws', '/h/.aws/credentials', roots)).toBe(true);
    expect(pathPatternMatches('~/.aws', '/h/.awsx', roots)).toBe(false);
  });

  it('matches a 1 MB path pattern, and one of 500,000 wildcards, without throwing', () => {
    expect(pathPatternMatches(`./${'b/'.repeat(500_000)}`, '/h/p/.env', roots)).toBe(false);
    expect(pathPatternMatches(`~/${'**/'.repeat(300_000)}`, '/h/.ssh/id_rsa', roots)).toBe(true);
    expect(pathPatternMatches(`~/${'*/'.repeat(500_000)}`, '/h/.ssh/id_rsa', roots)).toBe(false);
    expect(pathPatternMatches(`//${'/'.repeat(1_000_000)}x`, '/x', roots)).toBe(false);
  }, 120_000);
});

describe('safe regex (hook matchers)', () => {
  it('agrees with RegExp on generated matchers of the supported forms', () => {
    const atom = fc.oneof(
      fc.constantFrom('a', 'b', 'B', '.', '_', '\\w', '\\d', '\\s', '\\.', '[ab]', '[^a]', '[a-c_]', '\\W'),
      fc.constantFrom('^', '$'),
    );
    const quant = fc.constantFrom('', '', '*', '+', '?', '*?', '{2}', '{1,2}', '{0,}');
    const seq = fc
      .array(
        fc.tuple(atom, quant).map(([a, q]) => (a === '^' || a === '$' ? a : a + q)),
        { maxLength: 5 },
      )
      .map((a) => a.join(''));
    const group = fc.tuple(seq, seq, quant).map(([x, y, q]) => `(${x}|${y})${q}`);
    const regex = fc.array(fc.oneof(seq, group), { minLength: 1, maxLength: 3 }).map((a) => a.join(''));
    const subject = fc.array(fc.constantFrom('a', 'b', 'B', '_', '1', ' ', '.', '\n'), { maxLength: 8 });
    fc.assert(
      fc.property(regex, subject, (source, chars) => {
        const text = chars.join('');
        const compiled = compileSafeRegex(source);
        expect(compiled.ok).toBe(true);
        if (compiled.ok) expect(safeRegexTest(compiled.program, text)).toBe(new RegExp(source).test(text));
      }),
      fuzzParams(3000),
    );
  });

  it('matches the matchers real settings use', () => {
    expect(hookMatcherMatches('Edit|Write|MultiEdit', 'Write')).toBe(true);
    expect(hookMatcherMatches('mcp__.*', 'Bash')).toBe(false);
    expect(hookMatcherMatches('^(Bash|Read)$', 'Read')).toBe(true);
    expect(hookMatcherMatches('^(Bash|Read)$', 'ReadX')).toBe(false);
    expect(hookMatcherMatches('Notebook.*|Edit', 'Edit')).toBe(true);
    expect(hookMatcherMatches('Task', 'Agent')).toBe(true);
    expect(hookMatcherMatches('Ta.k', 'Agent')).toBe(true);
  });

  it('names what it cannot evaluate, and credits such a matcher with no tool', () => {
    for (const matcher of ['(B)\\1', '(?=Bash)Bash', '\\bBash', `(${'a|'.repeat(2_000_000)}Bash)`, '(Bash']) {
      expect(hookMatcherProblem(matcher)).toBeTypeOf('string');
      expect(hookMatcherMatches(matcher, 'Bash')).toBe(false);
    }
    expect(hookMatcherProblem('Bash|Write')).toBeUndefined();
    expect(hookMatcherProblem('mcp__.*')).toBeUndefined();
  });

  it('evaluates a matcher that backtracks catastrophically in RegExp in linear time', () => {
    const compiled = compileSafeRegex('^(a+)+$');
    expect(compiled.ok).toBe(true);
    if (compiled.ok) expect(safeRegexTest(compiled.program, `${'a'.repeat(5000)}!`)).toBe(false);
  });
});

describe('wildcardMatches (sshd Include globs)', () => {
  it('matches * and ? over whole names, other characters literally, at any pattern size', () => {
    expect(wildcardMatches('*.conf', '50-cloud-init.conf')).toBe(true);
    expect(wildcardMatches('*.conf', '50-cloud-init.conf.bak')).toBe(false);
    expect(wildcardMatches('a?c', 'abc')).toBe(true);
    expect(wildcardMatches('a.c', 'abc')).toBe(false);
    expect(wildcardMatches('[ab]', '[ab]')).toBe(true);
    expect(wildcardMatches(`${'*'.repeat(100_000)}x`, 'abx')).toBe(true);
    expect(wildcardMatches('(a+)+$', 'aaaa')).toBe(false);
  });
});
