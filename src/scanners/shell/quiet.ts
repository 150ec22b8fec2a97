import { isTriviallySimple } from './simple.js';
import type { ShellAnalysis } from './types.js';

/**
 * Commands an agent runs all day whose analysis is known without loading the shell rules: a closed list of
 * programs and subcommands, each with the options that keep it a read, a build or a test run. For these the
 * full analyser reports the one command and no effect (test/scanners/shell/quiet.test.ts asserts it gives
 * exactly the same result), so the hook answers them without compiling the analysis chunk.
 * Anything else, an unknown option included, is left to the full analyser.
 */
interface Shape {
  /** Options allowed, exactly as written; `N` stands for any `-<digits>` (git log -5). */
  flags: ReadonlySet<string>;
  /** Operands (revisions, paths, script or target names) allowed, and how many at most. */
  operands: number;
}

const shape = (flags: string[], operands = 0): Shape => ({ flags: new Set(flags), operands });

const GIT_LOG_FLAGS = [
  '--oneline',
  '--graph',
  '--decorate',
  '--all',
  '--stat',
  '--shortstat',
  '-p',
  '--patch',
  '--reverse',
  '--no-merges',
  '--merges',
  '--name-only',
  '--name-status',
  '--first-parent',
  'N',
];

/** `program subcommand` (or `program` alone, key without a space) → what may follow. */
const QUIET: ReadonlyMap<string, Shape> = new Map([
  [
    'git status',
    shape(['-s', '--short', '-b', '--branch', '-sb', '--porcelain', '-uno', '-u', '--ignored', '-v'], 8),
  ],
  [
    'git diff',
    shape(
      [
        '--stat',
        '--cached',
        '--staged',
        '--name-only',
        '--name-status',
        '--shortstat',
        '--numstat',
        '-w',
        '--check',
        '--word-diff',
        '--color',
        '--no-color',
      ],
      8,
    ),
  ],
  ['git log', shape(GIT_LOG_FLAGS, 8)],
  ['git show', shape(['--stat', '--name-only', '--name-status', '--oneline', '-s', '--no-patch'], 4)],
  [
    'git branch',
    shape(['-a', '-r', '-v', '-vv', '--list', '--show-current', '--all', '--remotes', '--merged'], 0),
  ],
  [
    'git rev-parse',
    shape(['--abbrev-ref', '--show-toplevel', '--short', '--verify', '--is-inside-work-tree'], 2),
  ],
  ['git ls-files', shape(['-m', '-o', '--others', '--modified', '--exclude-standard', '-c'], 8)],
  ['git blame', shape(['-w', '-s', '-e'], 2)],
  ['git describe', shape(['--tags', '--always', '--dirty', '--long'], 1)],
  ['git shortlog', shape(['-s', '-n', '-e', '-sn', '-sne'], 1)],
  ['git remote', shape(['-v'], 0)],
  ['git stash list', shape([], 0)],
  [
    'ls',
    shape(['-l', '-a', '-la', '-al', '-lah', '-alh', '-lh', '-A', '-1', '-R', '-t', '-lt', '-ltr', '-F'], 8),
  ],
  ['pwd', shape([], 0)],
  ['whoami', shape([], 0)],
  ['npm test', shape([], 0)],
  ['npm t', shape([], 0)],
  ['npm start', shape([], 0)],
  ['npm run', shape([], 1)],
  ['npm ls', shape(['--depth=0', '--all'], 0)],
  ['npm outdated', shape([], 0)],
  ['pnpm test', shape([], 0)],
  ['pnpm run', shape([], 1)],
  ['yarn test', shape([], 0)],
  ['yarn run', shape([], 1)],
  ['pytest', shape(['-q', '-x', '-v', '-vv', '-s'], 4)],
  ['cargo test', shape(['--release', '-q', '--all'], 1)],
  ['cargo build', shape(['--release', '-q'], 0)],
  ['cargo check', shape(['-q', '--all-targets'], 0)],
  ['go test', shape(['-v', '-race', '-short', '-count=1'], 4)],
  ['go build', shape(['-v', '-race'], 4)],
  ['go vet', shape([], 4)],
  ['make', shape(['-j2', '-j4', '-j8', '-s'], 2)],
]);

/** A relative path, script, target or revision name: no option, no `..`, nothing the shell expands. */
const OPERAND = /^(?!-)(?!.*(?:^|\/)\.\.(?:\/|$))[\w.@%+:,-]+(?:\/[\w.@%+:,-]+)*\/?$/;

/** The analysis of a quiet command, as the full analyser gives it; undefined for anything else. */
export function quietAnalysis(command: string): ShellAnalysis | undefined {
  if (command.length > 300 || !isTriviallySimple(command)) return undefined;
  const words = command.split(/[ \t]+/).filter((w) => w.length > 0);
  const [name, sub] = words;
  if (name === undefined) return undefined;
  const twoWords =
    sub !== undefined && words.length > 2 ? QUIET.get(`${name} ${sub} ${words[2]}`) : undefined;
  const spec = twoWords ?? (sub !== undefined ? QUIET.get(`${name} ${sub}`) : undefined) ?? QUIET.get(name);
  if (!spec) return undefined;
  const skip = twoWords ? 3 : spec === QUIET.get(name) ? 1 : 2;
  let operands = 0;
  for (const word of words.slice(skip)) {
    if (word.startsWith('-')) {
      if (!spec.flags.has(word) && !(spec.flags.has('N') && /^-\d{1,3}$/.test(word))) return undefined;
    } else if (!OPERAND.test(word) || ++operands > spec.operands) return undefined;
  }
  return {
    commands: [{ name, args: words.slice(1), via: [], redirects: [], text: command.trim() }],
    effects: [],
    dynamic: false,
  };
}
