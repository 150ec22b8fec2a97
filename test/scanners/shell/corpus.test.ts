import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  isTriviallySimple,
  loadShellAnalyzer,
  type ShellAnalysis,
  type ShellAnalyzer,
  simpleShellAnalyzer,
} from '../../../src/scanners/shell/index.js';
import { sharedFile } from '../../helpers/shared.js';

// Labelled commands (label 1 = a guard should deny or ask). Rows are text: nothing here runs them.
const CORPUS = sharedFile('data', 'commands.jsonl');
const ctx = { cwd: '/home/dev/work/app', home: '/home/dev', project: '/home/dev/work/app' };

interface Row {
  id: string;
  text: string;
  label: 0 | 1;
}

const rows: Row[] = readFileSync(CORPUS, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Row);

function flagged(a: ShellAnalysis): boolean {
  return (
    a.dynamic ||
    a.parseError !== undefined ||
    a.effects.some((e) => e.risk === 'high' || e.risk === 'critical')
  );
}

/**
 * Disagreements by design, decided by what the analysis found rather than by the row's text:
 * - label 1 left unflagged because the only deletion is of a temp dir or a build output in the project, which
 *   the policy allows;
 * - label 0 flagged only because of a push (the policy decides on pushes), a command name computed at run time
 *   (never guessed) or text bash cannot parse.
 */
function allowedDeletion(a: ShellAnalysis): boolean {
  return a.effects.some((e) => e.capability === 'delete' && e.risk === 'low');
}

function flaggedOnlyByDesign(a: ShellAnalysis): boolean {
  const serious = a.effects.filter((e) => e.risk === 'high' || e.risk === 'critical');
  return serious.every((e) => e.id.startsWith('git-push') || e.id === 'dynamic-command');
}

/**
 * The corpus comes from a guard against destructive commands, so it labels harmless what issue 8 asks the guard
 * to stop although nothing is destroyed: secrets printed by their CLIs (`vault kv get`, `op read`) and commands
 * run as root. These rows are left out of the everyday-command figures (there are about a dozen).
 */
function reclassifiedByIssue8(a: ShellAnalysis): boolean {
  return a.effects.some((e) => e.id === 'credential-cli' || e.id === 'privilege');
}

describe('shell analysis on the labelled command corpus', () => {
  let analyzer: ShellAnalyzer;
  beforeAll(async () => {
    analyzer = await loadShellAnalyzer();
  });

  it('flags at least 95 % of the commands a guard should stop, and at most 1 % of everyday ones', () => {
    let positives = 0;
    let caught = 0;
    let byDesignMisses = 0;
    let negatives = 0;
    let falseAlarms = 0;
    let byDesignAlarms = 0;
    for (const row of rows) {
      const analysis = analyzer.analyze(row.text, ctx);
      const flag = flagged(analysis);
      if (row.label === 1) {
        positives++;
        if (flag) caught++;
        else if (allowedDeletion(analysis)) byDesignMisses++;
      } else if (!reclassifiedByIssue8(analysis)) {
        negatives++;
        if (flag) {
          falseAlarms++;
          if (flaggedOnlyByDesign(analysis)) byDesignAlarms++;
        }
      }
    }
    expect(positives).toBeGreaterThan(800);
    expect(negatives).toBeGreaterThan(1000);
    // Raw figures, every row counted.
    expect(caught / positives).toBeGreaterThanOrEqual(0.95);
    expect(falseAlarms / negatives).toBeLessThanOrEqual(0.02);
    // With the disagreements by design set aside.
    expect(caught / (positives - byDesignMisses)).toBeGreaterThanOrEqual(0.97);
    expect((falseAlarms - byDesignAlarms) / negatives).toBeLessThanOrEqual(0.01);
  });

  it('gives identical results with the wasm-free analyser on every trivially simple command', () => {
    const simple = rows.filter((row) => isTriviallySimple(row.text));
    expect(simple.length).toBeGreaterThan(500);
    for (const row of simple) {
      expect(simpleShellAnalyzer.analyze(row.text, ctx), row.text).toEqual(analyzer.analyze(row.text, ctx));
    }
  });
});
