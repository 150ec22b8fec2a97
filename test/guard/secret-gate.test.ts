// The hook's secret gate (src/guard/secret-gate.ts) with the table the build computes
// (scripts/secret-precheck-table.mjs) answers exactly as the secrets engine on labelled texts, commands and
// log-like entries, and loads the engine only for a text that may hold a secret.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a build script without types
import { secretPrecheckTable } from '../../scripts/secret-precheck-table.mjs';
import { redactText } from '../../src/core/redact.js';
import { mayHoldSecretBy, type PrecheckTable, secretGate } from '../../src/guard/secret-gate.js';
import { findSecrets, mayHoldSecretText } from '../../src/scanners/secrets/detect.js';

const repo = path.resolve(import.meta.dirname, '..', '..');
const rows = (file: string): { text: string; label: number }[] =>
  readFileSync(path.join(repo, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

const secretTexts = [
  ...rows('bench/dev/secrets-dev3.jsonl'),
  ...rows('bench/dev/secrets-benign.jsonl'),
  ...rows('bench/dev/secrets-context.jsonl'),
];
const commands = rows('bench/dev/commands-dev4.jsonl').map((r) => r.text);
const logEntries = commands.map((c, i) =>
  [
    `2026-12-05T22:${String(i % 60).padStart(2, '0')}:38.123Z`,
    `3f2c1a9e-8b7d-4c6e-9f01-${i}`,
    'PreToolUse',
    'Bash',
  ]
    .concat(['allow', 'role/builder/exec', `runs \`${c}\``, c])
    .join('\u0000'),
);
const urls = [
  'https://github.com/anthropics/claude-code/issues/123',
  'https://api.github.com/repos/a/b/pulls?per_page=100&state=open',
  'postgres://app:9fK2vQx81LmZ@db.internal:5432/app',
  'see https://user@db.local/x and https://h.local:8443/a:b',
];
const texts = [
  ...secretTexts.map((r) => r.text),
  ...commands,
  ...logEntries,
  ...urls,
  'git status',
  'npm test',
  '',
];

let table: PrecheckTable;
beforeAll(async () => {
  table = await secretPrecheckTable();
}, 60_000);

const engine = { findSecrets, redactText };
const json = (x: unknown) => JSON.stringify(x);

describe('hook secret gate', () => {
  it('runs the engine precheck: the same answer on every text', () => {
    const tokenChar = new Uint8Array(128);
    for (const c of table.tokenChars) tokenChar[c.charCodeAt(0)] = 1;
    const differ = texts.filter((t) => mayHoldSecretBy(table, tokenChar, t) !== mayHoldSecretText(t));
    expect(differ).toEqual([]);
    // The corpus exercises both answers.
    expect(texts.some((t) => mayHoldSecretText(t))).toBe(true);
    expect(texts.some((t) => !mayHoldSecretText(t))).toBe(true);
  });

  it('finds and redacts exactly what the engine does', () => {
    const gate = secretGate(table, () => engine);
    let found = 0;
    for (const t of texts) {
      const hits = gate.findSecrets(t, { includePlaceholders: true });
      expect(json(hits)).toBe(json(findSecrets(t, { includePlaceholders: true })));
      expect(gate.redactText(t)).toBe(redactText(t));
      found += hits.length;
    }
    expect(found).toBeGreaterThan(50);
  });

  it('loads the engine only for a text that may hold a secret', () => {
    let loads = 0;
    const gate = secretGate(table, () => {
      loads++;
      return engine;
    });
    expect(gate.redactText('runs `git status`')).toBe('runs `git status`');
    const entry = ['2026-12-05T22:23:38.123Z', 'f4b0c2de-1a2b-4c3d-8e9f-0123456789ab', 'PreToolUse', 'Bash']
      .concat(['allow', 'role/builder/exec', 'runs `git status`', 'git status'])
      .join('\u0000');
    expect(gate.findSecrets(entry)).toEqual([]);
    // A WebFetch of a plain link: `://` alone no longer sends a text to the engine.
    expect(gate.redactText('WebFetch https://docs.python.org/3/library/re.html')).toContain('https://docs');
    expect(gate.loaded()).toBe(false);
    const withSecret = secretTexts.find((r) => r.label === 1 && findSecrets(r.text).length > 0);
    expect(withSecret).toBeDefined();
    expect(gate.findSecrets(withSecret?.text ?? '').length).toBeGreaterThan(0);
    gate.redactText(withSecret?.text ?? '');
    expect(loads).toBe(1);
    expect(gate.loaded()).toBe(true);
  });
});
