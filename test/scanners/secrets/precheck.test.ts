import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  capturingGroups,
  findSecrets,
  findSecretsWithoutPrecheck,
  mayHoldSecretText,
} from '../../../src/scanners/secrets/detect.js';
import { groupEnd, literalPrefixes, PRECHECK_MAX_CHARS } from '../../../src/scanners/secrets/precheck.js';
import { SECRET_RULES, type SecretRule } from '../../../src/scanners/secrets/rules.js';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');

function rows(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

/** The labelled secrets dev sets in this repository (secrets with and without a prefix, and benign look-alikes). */
const TEXTS = [
  ...rows(path.join(REPO, 'bench', 'dev', 'secrets-context.jsonl')),
  ...rows(path.join(REPO, 'bench', 'dev', 'secrets-benign.jsonl')),
  ...rows(path.join(REPO, 'bench', 'dev', 'secrets-dev5.jsonl')),
];

/** A rule's pattern without what fast-check cannot generate (`\b`, lookarounds, back references). */
function generable(source: string): string {
  let out = source.replaceAll('\\b', '');
  for (let at = out.search(/\(\?<?[=!]/); at !== -1; at = out.search(/\(\?<?[=!]/)) {
    const end = groupEnd(out, at);
    out = out.slice(0, at) + (end < 0 ? '' : out.slice(end + 1));
  }
  return out.replace(/\\[1-9]/g, 'x');
}

/** Texts made from a rule's own pattern (fast-check generates matching strings), set in prose and code. */
function ruleSamples(rule: SecretRule): string[] {
  // Without `i`: a string written in the pattern's own case matches the case-insensitive rule too.
  const re = new RegExp(`^(?:${generable(rule.re.source)})$`, rule.re.flags.replace(/[gimyd]/g, ''));
  const values = fc.sample(fc.stringMatching(re, { size: 'xsmall' }), { numRuns: 6, seed: 8 });
  return values
    .filter((v) => v.length <= 400)
    .flatMap((v) => [v, `export TOKEN=${v}\n`, `see ${v} here`, `{"k": "${v}"}`]);
}

describe('literalPrefixes', () => {
  it.each([
    ['\\bsk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{20,1000}', ['sk-ant-api', 'sk-ant-admin']],
    ['\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20}', ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_']],
    ['\\b(?:A3T[A-Z0-9]|AKIA|ASIA)[A-Z2-7]{16}\\b', ['A3T', 'AKIA', 'ASIA']],
    ['\\bxox[ab]-\\d{8}|\\bxoxe\\.xox[bp]-\\d', ['xoxa-', 'xoxb-', 'xoxe.xoxb-', 'xoxe.xoxp-']],
    ['\\b(?:ab|[cd]e)', ['ab', 'ce', 'de']],
    ['\\bk[0-9A-Za-z]{20}', ['k']],
    ['\\bSG\\.[A-Za-z0-9_-]{20,24}', ['SG.']],
    ['\\bhf_[A-Za-z0-9]{30}', ['hf_']],
    ['\\bab+c', ['ab']],
    ['\\babc?d', ['ab']],
  ])('%s starts with one of %j', (source, expected) => {
    expect(literalPrefixes(source)).toEqual(expected);
  });

  it.each([
    '\\b[A-Za-z0-9]{40}',
    '\\b(?:ab)?cd',
    '\\ba?b',
    '(?<![A-Z])AKIA',
    '\\b\\d{8}:AA',
    '\\b[^a]bc',
    '\\b\\w+key',
  ])('%s has no literal prefix every match starts with', (source) => {
    expect(literalPrefixes(source)).toBeUndefined();
  });

  it('finds one for every shape rule, so the shortcut applies to texts with long token runs too', () => {
    const shape = SECRET_RULES.filter(
      (r) => !r.anyCase && !r.gated && r.group === undefined && r.re.source.startsWith('\\b'),
    );
    expect(shape.length).toBeGreaterThan(50);
    const without = shape.filter((r) => literalPrefixes(r.re.source) === undefined).map((r) => r.id);
    expect(without).toEqual([]);
  });
});

describe('capturingGroups', () => {
  it.each([
    ['a(b)c', 1],
    ['(?:a)(b)', 1],
    ['(?=a)(?!b)(?<=c)(?<!d)', 0],
    ['(?<name>a)', 1],
    ['[(]\\(a\\)', 0],
    ['((a)|(b))', 3],
  ])('%s has %i', (source, n) => {
    expect(capturingGroups(source)).toBe(n);
    // The number the regex engine itself reports.
    expect((new RegExp(`${source}|`).exec('')?.length ?? 1) - 1).toBe(n);
  });

  it('agrees with the regex engine on every rule', () => {
    for (const r of SECRET_RULES)
      expect(capturingGroups(r.re.source), r.id).toBe(
        (new RegExp(`${r.re.source}|`).exec('')?.length ?? 1) - 1,
      );
  });
});

describe('mayHoldSecret: the precheck never hides a secret', () => {
  /** The engine's hits in `text`, with and without placeholders; each must pass the precheck. */
  function checked(text: string): number {
    let found = 0;
    for (const includePlaceholders of [false, true]) {
      const hits = findSecretsWithoutPrecheck(text, { includePlaceholders });
      if (hits.length === 0) continue;
      found++;
      expect(mayHoldSecretText(text), `${hits[0]?.ruleId}: ${text.slice(0, 80)}`).toBe(true);
      expect(findSecrets(text, { includePlaceholders }).map((h) => h.start)).toEqual(
        hits.map((h) => h.start),
      );
    }
    return found;
  }

  it(`holds for the ${TEXTS.length} texts of the secrets dev sets`, () => {
    let found = 0;
    for (const text of TEXTS) found += checked(text);
    expect(found).toBeGreaterThan(200);
  });

  // Rules whose pattern fast-check cannot generate (back references and the like) are left to the dev sets.
  const generated = SECRET_RULES.filter((rule) => {
    try {
      ruleSamples(rule);
      return true;
    } catch {
      return false;
    }
  });

  it('can generate texts for nearly every rule', () => {
    expect(generated.length).toBeGreaterThan(SECRET_RULES.length * 0.9);
  });

  // Keyed by the rule itself: several rules share an id (`url-credentials` for URLs and Go DSNs).
  const foundPerRule = new Map<SecretRule, number>();
  it.each(generated.map((r) => [r.id, r] as const))('holds for texts made from %s', (_id, rule) => {
    let found = 0;
    for (const text of ruleSamples(rule)) found += checked(text);
    foundPerRule.set(rule, found);
  });

  it('found secrets in the texts made from most rules (the check above is not vacuous)', () => {
    // Entropy floors, placeholder filters and back references drop some generated values, and the rules that read a
    // name and its value as separate fields (an argument pair, a plist entry, a spaced assignment) accept only names
    // that say secret, which random names are not (the dev5 texts above hold those).
    const hit = [...foundPerRule.values()].filter((n) => n > 0).length;
    expect(hit).toBeGreaterThan(generated.length * 0.85);
  });

  it('holds for each corpus secret inside the text the hook redacts (a log entry, a command)', () => {
    for (const text of TEXTS) {
      const hits = findSecretsWithoutPrecheck(text);
      for (const hit of hits) {
        const value = text.slice(hit.start, hit.end);
        const entry = `2026-12-05T07:30:35.140Z\u0000Bash\u0000allow\u0000curl -H 'Authorization: Bearer ${value}' x`;
        if (findSecretsWithoutPrecheck(entry).length > 0) expect(mayHoldSecretText(entry)).toBe(true);
      }
    }
  });

  // A URL reaches the engine only when some rule can match in it: a `user:password@` userinfo (the URL rule's own
  // regex is the precheck there), or a value that one of the other rules' literals announces.
  const urlTexts = (v: string) => [
    `https://api.service.internal/v1/items?id=${v}&page=2`,
    `https://hooks.service.internal/${v}/deliver`,
    `https://deploy:${v}@db.service.internal:5432/app`,
    `https://app.service.internal/callback#${v}`,
    `WebFetch https://files.service.internal/get?sig=${v}&se=2027-01-01`,
  ];

  it('holds for every rule-made value inside URLs (query, path, userinfo, fragment)', () => {
    let found = 0;
    for (const rule of generated)
      for (const v of ruleSamples(rule).slice(0, 8)) for (const t of urlTexts(v)) found += checked(t);
    expect(found).toBeGreaterThan(generated.length);
  });

  it('lets a URL with a password through, and not a plain link', () => {
    expect(mayHoldSecretText('postgres://app:9fK2vQx81LmZ@db.internal:5432/app')).toBe(true);
    expect(mayHoldSecretText('redis://:9fK2vQx81LmZ@cache.internal:6379')).toBe(true);
    for (const url of [
      'https://github.com/anthropics/claude-code/issues/123',
      'https://docs.python.org/3/library/re.html#re.compile',
      'https://api.github.com/repos/a/b/pulls?per_page=100&state=open',
      'https://en.wikipedia.org/wiki/Aho%E2%80%93Corasick_algorithm',
      'see https://user@db.local/x and https://h.local:8443/a:b',
    ])
      expect(mayHoldSecretText(url), url).toBe(false);
  });

  it('answers no for everyday hook texts, which then never build the engine', () => {
    for (const text of [
      '2026-12-05T07:30:35.140Z\u0000b6f1c1f2-6a1e-4f55-9d0e-1c2b3a4d5e6f\u0000PreToolUse\u0000Bash\u0000allow\u0000role/builder/exec\u0000runs `git status`\u0000git status',
      'npm run build && rm -rf dist/tmp | tee log.txt',
      'reads ~/work/app/docs/reference/array-methods.md',
      '/home/dev/work/app/src/components/header/navigation-menu.tsx',
    ])
      expect(mayHoldSecretText(text), text).toBe(false);
  });

  it('leaves long texts to the engine', () => {
    expect(mayHoldSecretText('x'.repeat(PRECHECK_MAX_CHARS + 1))).toBe(true);
  });
});
