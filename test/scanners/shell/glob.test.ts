import { beforeAll, describe, expect, it } from 'vitest';
import { loadShellAnalyzer, type ShellAnalyzer } from '../../../src/scanners/shell/index.js';
import { globToRegExp } from '../../../src/scanners/shell/paths.js';

let shell: ShellAnalyzer;
beforeAll(async () => {
  shell = await loadShellAnalyzer();
});

describe('globToRegExp', () => {
  it('reads [abc] and [!x] as classes', () => {
    expect(globToRegExp('/a/[bc]d').test('/a/cd')).toBe(true);
    expect(globToRegExp('/a/[!b]d').test('/a/bd')).toBe(false);
  });

  it('takes a bracket that is no valid class (a reversed range) literally instead of throwing', () => {
    const re = globToRegExp('/skill/[Post-process]');
    expect(re.test('/skill/[Post-process]')).toBe(true);
    expect(re.test('/skill/P')).toBe(false);
  });

  it('analyses a command with such a bracket (found in a real skill) without throwing', () => {
    const analysis = shell.analyze('cat ~/notes/[Post-process]/out.txt', {
      cwd: '/skill',
      home: '/home/dev',
      project: '/skill',
    });
    expect(analysis.commands[0]?.name).toBe('cat');
  });
});
