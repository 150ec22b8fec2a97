import * as path from 'node:path';
import { NETWORK_TOOLS } from '../scanners/shell/rules/network.js';

/** What makes a command that a cloned repository can run dangerous. */
export type CommandRiskKind = 'network-fetch' | 'pipe-to-shell' | 'outside-project' | 'package-runner';

export interface CommandRisk {
  kind: CommandRiskKind;
  detail: string;
}

interface Segment {
  words: string[];
  /** The segment reads the previous one's output through `|`. */
  piped: boolean;
}

const SEPARATORS = ['&&', '||', '|&', ';;', '$(', '<(', '>(', '|', ';', '&', '\n', '`', '(', ')'];

/** Splits shell text into simple commands (words unquoted); good enough to read a one-line hook. */
export function splitShellCommands(text: string): Segment[] {
  const segments: Segment[] = [];
  const nested: Segment[] = [];
  let words: string[] = [];
  let word: string | undefined;
  let piped = false;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endSegment = (nextPiped: boolean) => {
    endWord();
    if (words.length > 0) segments.push({ words, piped });
    words = [];
    piped = nextPiped;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "'" || ch === '"') {
      const close = text.indexOf(ch, i + 1);
      const end = close === -1 ? text.length : close;
      const quoted = text.slice(i + 1, end);
      word = (word ?? '') + quoted;
      // Command substitution still runs inside double quotes.
      if (ch === '"') nested.push(...substitutions(quoted).flatMap(splitShellCommands));
      i = end;
      continue;
    }
    if (ch === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[i + 1];
      i++;
      continue;
    }
    const sep = SEPARATORS.find((s) => text.startsWith(s, i));
    if (sep) {
      endSegment(sep === '|' || sep === '|&');
      i += sep.length - 1;
      continue;
    }
    if (/\s/.test(ch)) {
      endWord();
      continue;
    }
    word = (word ?? '') + ch;
  }
  endSegment(false);
  return [...segments, ...nested];
}

/** The bodies of `$(…)` and backtick substitutions in a string. */
function substitutions(text: string): string[] {
  const out: string[] = [];
  for (let i = text.indexOf('$('); i !== -1; i = text.indexOf('$(', i + 2)) {
    let depth = 1;
    let j = i + 2;
    for (; j < text.length && depth > 0; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')') depth--;
    }
    out.push(text.slice(i + 2, depth === 0 ? j - 1 : j));
  }
  const ticks = text.split('`');
  for (let k = 1; k < ticks.length; k += 2) out.push(ticks[k] as string);
  return out;
}

const WRAPPERS = new Set([
  'sudo',
  'env',
  'exec',
  'nohup',
  'time',
  'command',
  'builtin',
  'nice',
  'timeout',
  'xargs',
]);
const SHELLS = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'fish',
  'python',
  'python3',
  'node',
  'perl',
  'ruby',
  'php',
  'deno',
  'bun',
  'pwsh',
  'source',
  '.',
  'eval',
]);
const INTERPRETERS = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'python',
  'python3',
  'node',
  'perl',
  'ruby',
  'php',
  'bun',
  'deno',
  'tsx',
  'ts-node',
  'source',
  '.',
]);
const PACKAGE_RUNNERS = new Set(['npx', 'bunx', 'pnpx', 'uvx']);
const SYSTEM_DIRS = ['/usr/', '/bin/', '/sbin/', '/opt/homebrew/', '/nix/store/', '/run/current-system/'];

function commandName(words: string[]): { name: string; index: number } | undefined {
  let i = 0;
  while (i < words.length) {
    const w = words[i] as string;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
    else if (WRAPPERS.has(w)) {
      i++;
      while (i < words.length && (words[i] as string).startsWith('-')) i++;
    } else return { name: w, index: i };
  }
  return undefined;
}

function isLocalUrl(url: string): boolean {
  return /^[a-z]+:\/\/(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])(?::\d+)?(?:\/|$)/i.test(url);
}

/** Resolves a path word to an absolute path (undefined when it is not a path we can place). */
function placePath(word: string, where: { project: string; home: string }): string | undefined {
  const w = word
    .replace(/^\$\{?CLAUDE_PROJECT_DIR\}?/, where.project)
    .replace(/^(?:\$\{?HOME\}?|~)(?=\/|$)/, where.home);
  if (w.startsWith('$')) return undefined;
  if (w.startsWith('/')) return path.posix.normalize(w);
  if (w.startsWith('./') || w.startsWith('../') || /\.(?:sh|bash|js|mjs|cjs|ts|py|rb|pl)$/.test(w))
    return path.posix.join(where.project, w);
  return undefined;
}

function outsideProject(abs: string, project: string): boolean {
  const rel = path.posix.relative(project, abs);
  if (rel === '' || (!rel.startsWith('..') && !path.posix.isAbsolute(rel))) return false;
  return !SYSTEM_DIRS.some((d) => abs.startsWith(d));
}

/** Reads a command a project file asks Claude Code to run and says what could hurt whoever opens the repo. */
export function assessCommand(text: string, where: { project: string; home: string }): CommandRisk[] {
  const risks: CommandRisk[] = [];
  const add = (kind: CommandRiskKind, detail: string) => {
    if (!risks.some((r) => r.kind === kind && r.detail === detail)) risks.push({ kind, detail });
  };
  for (const seg of splitShellCommands(text)) {
    const cmd = commandName(seg.words);
    if (!cmd) continue;
    const base = path.posix.basename(cmd.name);
    const args = seg.words.slice(cmd.index + 1);
    if (NETWORK_TOOLS.has(base)) add('network-fetch', `runs ${base}`);
    if (base === 'git' && /^(?:clone|fetch|pull|ls-remote|submodule)$/.test(args[0] ?? ''))
      add('network-fetch', `runs git ${args[0]}`);
    if (seg.piped && SHELLS.has(base)) add('pipe-to-shell', `pipes output into ${base}`);
    if (base === 'eval') add('pipe-to-shell', 'evaluates generated text with eval');
    if (
      PACKAGE_RUNNERS.has(base) ||
      (/^(?:pnpm|yarn|npm)$/.test(base) && /^(?:dlx|exec)$/.test(args[0] ?? ''))
    )
      add('package-runner', `downloads and runs a package with ${base}`);
    if (base === 'pipx' && args[0] === 'run')
      add('package-runner', 'downloads and runs a package with pipx run');
    for (const w of args) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(w) && !isLocalUrl(w) && /^(?:https?|ftp|wss?):/i.test(w))
        add('network-fetch', `contacts ${w.replace(/^([a-z]+:\/\/[^/]+).*$/i, '$1')}`);
    }
    const placed = placePath(cmd.name, where);
    if (placed && outsideProject(placed, where.project)) add('outside-project', `runs ${cmd.name}`);
    const inline = args.indexOf('-c');
    if (/^(?:sh|bash|zsh|dash|ksh)$/.test(base) && inline !== -1 && args[inline + 1]) {
      for (const r of assessCommand(args[inline + 1] as string, where)) add(r.kind, r.detail);
    }
    if (INTERPRETERS.has(base)) {
      const script = args.find((a) => !a.startsWith('-'));
      const scriptPath =
        script && !args.includes('-c') && !args.includes('-e') ? placePath(script, where) : undefined;
      if (scriptPath && outsideProject(scriptPath, where.project)) add('outside-project', `runs ${script}`);
    }
  }
  return risks;
}
