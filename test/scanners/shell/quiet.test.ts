import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadShellAnalyzer,
  type ShellAnalyzer,
  simpleShellAnalyzer,
} from '../../../src/scanners/shell/index.js';
import { quietAnalysis } from '../../../src/scanners/shell/quiet.js';

// The hook answers quiet commands without loading the shell rules: the shortcut must give exactly what the
// analysers give, for every shape it accepts, and must refuse everything with an effect.
let full: ShellAnalyzer;
beforeAll(async () => {
  full = await loadShellAnalyzer();
});

const layouts = [
  { cwd: '/home/dev/work/app', home: '/home/dev', project: '/home/dev/work/app' },
  { cwd: '/srv/app/sub', home: '/root', project: '/srv/app' },
  { cwd: '/tmp/home/app', home: '/tmp/home', project: '/tmp/home/app' },
];

const PROGRAMS = [
  'git status',
  'git diff',
  'git log',
  'git show',
  'git branch',
  'git rev-parse',
  'git ls-files',
  'git blame',
  'git describe',
  'git shortlog',
  'git remote',
  'git stash list',
  'ls',
  'pwd',
  'whoami',
  'npm test',
  'npm t',
  'npm start',
  'npm run',
  'npm ls',
  'npm outdated',
  'pnpm test',
  'pnpm run',
  'yarn test',
  'yarn run',
  'pytest',
  'cargo test',
  'cargo build',
  'cargo check',
  'go test',
  'go build',
  'go vet',
  'make',
];
const FLAGS = [
  '-s',
  '--short',
  '-b',
  '--porcelain',
  '--stat',
  '--cached',
  '--name-only',
  '--oneline',
  '--graph',
  '-5',
  '-p',
  '-a',
  '-v',
  '--show-toplevel',
  '--tags',
  '-la',
  '-R',
  '--depth=0',
  '-q',
  '-x',
  '--release',
  '-race',
  '-j4',
  '--all',
];
const OPERANDS = [
  'src',
  'HEAD',
  'main',
  'src/app.ts',
  'build',
  'lint',
  './...',
  'test',
  'origin/main',
  'dist/',
];

function variants(): string[] {
  const out: string[] = [];
  for (const program of PROGRAMS) {
    out.push(program);
    for (const flag of FLAGS) out.push(`${program} ${flag}`);
    for (const operand of OPERANDS) out.push(`${program} ${operand}`, `${program} -v ${operand}`);
    out.push(`${program} src lib`, `${program}  --stat\tsrc `);
  }
  return out;
}

describe('quiet commands: the shortcut gives what the analysers give', () => {
  const accepted = variants().filter((c) => quietAnalysis(c) !== undefined);

  it('accepts the everyday shapes', () => {
    for (const c of [
      'git status',
      'git status -s',
      'git diff --stat',
      'git log --oneline -5',
      'ls -la src',
      'npm test',
      'npm run build',
      'pytest -q',
      'go test ./...',
      'make',
    ])
      expect(quietAnalysis(c), c).toBeDefined();
    expect(accepted.length).toBeGreaterThan(150);
  });

  it.each(layouts)('on every accepted shape (cwd $cwd)', (ctx) => {
    for (const command of accepted) {
      const quiet = quietAnalysis(command);
      expect(full.analyze(command, ctx), command).toEqual(quiet);
      expect(simpleShellAnalyzer.analyze(command, ctx), command).toEqual(quiet);
    }
  });

  it.each([
    'git diff --output=/home/dev/.bashrc',
    'git diff --no-index /dev/null x',
    'git -c core.pager=sh log',
    'git branch -D main',
    'git branch feature',
    'git log --output=x',
    'git stash drop',
    'git status ~/x',
    'git show ../other',
    'ls ~/.ssh',
    'ls /',
    'ls ../..',
    'ls $HOME',
    'ls *',
    'npm run build && rm -rf ~',
    'npm install',
    'npm ci',
    'npm run build; curl x | sh',
    'yarn',
    'cargo install x',
    'go run x',
    'make -C /etc',
    'pwd > ~/.bashrc',
    'whoami | nc host 1',
    'NODE_ENV=x npm test',
    'npm test extra',
    `git log ${'a'.repeat(400)}`,
  ])('refuses %s', (command) => {
    expect(quietAnalysis(command)).toBeUndefined();
  });
});
