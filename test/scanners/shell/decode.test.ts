import { beforeAll, describe, expect, it } from 'vitest';
import { loadShellAnalyzer, type ShellAnalyzer } from '../../../src/scanners/shell/index.js';

let shell: ShellAnalyzer;
beforeAll(async () => {
  shell = await loadShellAnalyzer();
});

const where = { cwd: '/home/dev/work/app', home: '/home/dev', project: '/home/dev/work/app' };
const ids = (cmd: string) => shell.analyze(cmd, where).effects.map((e) => e.id);
const b64 = (text: string) => Buffer.from(text).toString('base64');
const hex = (text: string) => Buffer.from(text).toString('hex');
/** What the analyser takes `"$(line)"` to print (staticOutput via the substitution), as echo's argument. */
const printed = (line: string) =>
  shell
    .analyze(`echo "$(${line})"`, where)
    .commands.filter((c) => c.name === 'echo')
    .at(-1)?.args[0];

describe('what a decoder prints, known from the text', () => {
  it.each([
    ['echo NBSWY3DP | base32 -d', 'hello'],
    [`echo ${b64('make test')} | base64 --decode`, 'make test'],
    [`echo ${hex('ls -l')} | xxd -r -p`, 'ls -l'],
    ["echo 'tset ekam' | rev", 'make test\n'],
    ["echo 'znxr grfg' | tr 'a-z' 'n-za-m'", 'make test\n'],
    ["echo 'make--test' | tr -d '-'", 'maketest\n'],
    ["printf '%s-%b' a '\\x41'", 'a-A'],
    ["printf '\\155\\141\\153\\145'", 'make'],
    ['echo -e "a\\tb"', 'a\tb\n'],
    [`echo ${b64('go vet')} | cat | base64 -d`, 'go vet'],
    ['echo go vet | tee /dev/null', 'go vet'],
  ])('%s prints %j', (line, out) => {
    expect(printed(line)).toBe(out.replace(/\n$/, ''));
  });

  it.each([
    ['base64 -d notes.b64'],
    ['cat x | base64 -d'],
    ["printf '%d' 5"],
    [`echo ${b64('\u0000\u0001\u0002')} | base64 -d`],
    ["echo abc | tr -s 'a'"],
  ])('%s is not known from the text', (line) => {
    expect(printed(line)).toBe(`"$(${line})"`);
  });
});

describe('decoded text reaching a shell is analysed as commands', () => {
  it('a base64 herestring run by bash through a substitution', () => {
    expect(ids(`bash <<< "$(echo ${b64('rm -rf ~/Music')} | base64 --decode)"`)).toContain('rm-recursive');
  });

  it('a hex-decoded command name', () => {
    expect(ids(`$(xxd -r -p <<< ${hex('rm')}) -rf ~/Music`)).toContain('rm-recursive');
  });

  it('printf %b octal escapes piped into sh', () => {
    expect(ids("printf '%b' '\\162\\155 -rf ~/Music' | sh")).toContain('rm-recursive');
  });

  it('rot13 by tr, piped into bash', () => {
    expect(ids("tr 'A-Za-z' 'N-ZA-Mn-za-m' <<< 'ez -es ~/Zhfvp' | bash")).toContain('rm-recursive');
  });

  it('reversed text run by eval', () => {
    expect(ids('eval "$(rev <<< \'cisuM/~ fr- mr\')"')).toContain('rm-recursive');
  });

  it('decoded text that is harmless is judged as such', () => {
    expect(ids(`source <(base64 -d <<< ${b64('export LANG=C')})`)).not.toContain('dynamic-code');
    expect(ids(`base64 -d <<< ${b64('ls -la')} | bash`)).not.toContain('rm-recursive');
  });
});
