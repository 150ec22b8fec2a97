// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell ${VAR} syntax is what these tests feed in
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShellAnalyzer, type ShellAnalyzer } from '../../../src/scanners/shell/index.js';

let shell: ShellAnalyzer;
beforeAll(async () => {
  shell = await loadShellAnalyzer();
});

const where = { cwd: '/home/dev/work/app', home: '/home/dev', project: '/home/dev/work/app' };
const analysis = (cmd: string) => shell.analyze(cmd, where);
/** The last command the analysis saw, as name and arguments. */
const lastCommand = (cmd: string) => {
  const c = analysis(cmd).commands.at(-1);
  return [c?.name, ...(c?.args ?? [])].join(' ');
};

describe('command names and arguments built at run time are worked out from the text', () => {
  it.each([
    ['s=shred; ${s} -u notes.txt', 'shred -u notes.txt'],
    ['dir=dist; k=dir; rm -r "${!k}"', 'rm -r dist'],
    ['parts=(ch mod); "${parts[0]}${parts[1]}" 777 run.sh', 'chmod 777 run.sh'],
    ['w=xxchownyy; ${w:2:5} root f', 'chown root f'],
    ['w=abcdef; echo ${w: -2}', 'echo ef'],
    ['u=CHMOD; ${u,,} 600 key', 'chmod 600 key'],
    ['u=git; ${u^^}', 'GIT'],
    ['u=mxdir; ${u/x/k} out', 'mkdir out'],
    ['u=a.b.c; echo ${u//./_}', 'echo a_b_c'],
    ['u=truncate.sh; ${u%.sh} -s0 log', 'truncate -s0 log'],
    ['u=v1.2; echo ${u#v}', 'echo 1.2'],
    ['u=set; echo ${u:-unset} ${u:+given}', 'echo set given'],
    ["printf -v tool '%s%s' sh red; $tool -u a", 'shred -u a'],
    ['read -r tool <<< shred; $tool -u a', 'shred -u a'],
    ['set -- chmod 700 bin; "$@"', 'chmod 700 bin'],
    ["t=$(printf '\\x73\\x68\\x72\\x65\\x64'); $t -u a", 'shred -u a'],
    ['shred$IFS-u${IFS}notes.txt', 'shred -u notes.txt'],
    ['t=`echo ZGQ= | base64 -d`; $t if=a of=b', 'dd if=a of=b'],
  ])('%s runs %j', (cmd, expected) => {
    expect(lastCommand(cmd)).toBe(expected);
    expect(analysis(cmd).dynamic).toBe(false);
  });

  it('a value computed by a program stays unknown', () => {
    expect(analysis('t=$(cat tool.txt); $t -u a').dynamic).toBe(true);
    expect(analysis('u=x; ${u/*/rm} -rf ~/a').dynamic).toBe(true);
    expect(analysis('read -r -p name t; $t a').dynamic).toBe(true);
  });

  it('an indirect reference to HOME is the home directory', () => {
    const effect = analysis('k=HOME; rm -r "${!k}"/Videos').effects.find((e) => e.id === 'rm-recursive');
    expect(effect?.paths).toEqual(['/home/dev/Videos']);
  });

  it('a shell -c string\'s $0, $1 and "$@" are the words after it', () => {
    const paths = (cmd: string) => analysis(cmd).effects.find((e) => e.id === 'rm-recursive')?.paths;
    expect(paths('bash -c \'rm -r "$1"\' bash ~/Videos')).toEqual(['/home/dev/Videos']);
    expect(paths('sh -c \'"$@"\' x rm -r ~/Videos')).toEqual(['/home/dev/Videos']);
    expect(lastCommand('sh -c \'$0 -u "$1"\' shred notes.txt')).toBe('shred -u notes.txt');
  });

  it('a decoded string evaluated later is analysed as commands', () => {
    const ids = analysis('c="$(rev <<< \'cisuM/~ fr- mr\')"; eval "$c"').effects.map((e) => e.id);
    expect(ids).toContain('rm-recursive');
  });

  it.each([
    ['$VISUAL docs/guide.md'],
    ['"$JAVA" -jar build/app.jar'],
    ['$CXX -O2 -o bin/app src/main.cpp'],
    ['${NODE} scripts/gen.mjs --out dist 2>/dev/null'],
  ])("%s runs the user's own program on project files", (cmd) => {
    expect(analysis(cmd).dynamic).toBe(false);
  });

  it.each([
    ['$CC a > out.txt', 'cc a'],
    ['cat list | $PYTHON a', 'python a'],
    ['"${CARGO}" build', 'cargo build'],
  ])('%s runs the toolchain program its variable names, judged as %j', (cmd, expected) => {
    expect(lastCommand(cmd)).toBe(expected);
    expect(analysis(cmd).dynamic).toBe(false);
  });

  it.each([
    ['$VISUAL'],
    ['$VISUAL ~/.bashrc'],
    ['$VISUAL -rf build'],
    ['$PAGER --exec x'],
    ['$BROWSER https://h.example.org/a'],
    ['$EDITOR .env'],
    ['$EDITOR ../other'],
    ['$EDITOR -c x notes.md'],
    ['cd /tmp && $EDITOR notes.md'],
    ['readarray -t EDITOR < list; $EDITOR a'],
    ['sudo $EDITOR a'],
    ['EDITOR=$(cat /tmp/t); $EDITOR a'],
    ['$editor a'],
    ['$TOOL a'],
  ])('%s is still a command only known at run time', (cmd) => {
    expect(analysis(cmd).dynamic).toBe(true);
  });

  it('an alias defined earlier runs its text with the arguments given', () => {
    const paths = (cmd: string) => analysis(cmd).effects.find((e) => e.id === 'rm-recursive')?.paths;
    expect(paths("alias wipe='rm -r'; wipe ~/Videos")).toEqual(['/home/dev/Videos']);
    expect(lastCommand("alias s='shred -u'; s notes.txt")).toBe('shred -u notes.txt');
    expect(lastCommand("alias cat='cat -n'; cat a.txt")).toBe('cat -n a.txt');
    expect(lastCommand("alias s='shred -u'; unalias s; s notes.txt")).toBe('s notes.txt');
  });
});
