import type { CodeLanguage } from './tokens.js';

/** Documentation a user reads (prose, and code blocks shown rather than run by the skill): one definition for every rule. */
export const DOC_FILE = /\.(?:md|markdown|mdx|txt)$/i;

export interface CodeBlock {
  lang: CodeLanguage | 'shell' | 'other';
  code: string;
  /** Line (1-based) of the block's first code line in the markdown file. */
  line: number;
}

/** Languages whose blocks are commands: POSIX shells, and PowerShell and cmd (`irm … | iex` as `curl … | sh`). */
const SHELL_LANGS =
  /^(?:bash|sh|shell|zsh|console|shellsession|shell-session|terminal|cmd|bat|batch|powershell|pwsh|ps1|ps|posh)$/i;
/** A command word: lower-case name or a path, as the first word of a shell line is. */
const COMMAND_WORD = /^(?:[a-z_][\w.+-]*|\.{0,2}\/[\w./-]+|~\/\S+)$/;

/**
 * Whether an unlabelled block reads as shell: its first line (after a `$ ` prompt) starts with a command
 * word and is not `key: value`, an HTTP request line or a list. Unlabelled blocks also hold output, trees,
 * tables and requests, which the shell analyser would misread (`* p < 0.05` is no glob run as a command).
 */
export function looksLikeShell(lines: string[]): boolean {
  const first = lines.map((l) => l.trim().replace(/^\$\s+/, '')).find((l) => l !== '' && !l.startsWith('#'));
  if (first === undefined) return false;
  const word = first.split(/\s+/)[0] as string;
  // `// Models.cs` or `/* … */` opens C#, Java, JS or Go source, not a path run as a command.
  if (/^\/[/*]/.test(word)) return false;
  return COMMAND_WORD.test(word) && !/^[\w-]+:(?:\s|$)/.test(first);
}
const PYTHON_LANGS = /^(?:python3?|py)$/i;
const JS_LANGS = /^(?:js|javascript|node|mjs|cjs|ts|typescript|jsx|tsx)$/i;

/** Fenced code blocks (``` and ~~~) with their language; an unlabelled block that reads as shell is shell. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const out: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i] as string);
    if (!open) continue;
    const fence = open[1] as string;
    const info = open[2] ?? '';
    let j = i + 1;
    while (j < lines.length && !(lines[j] as string).trimStart().startsWith(fence)) j++;
    let code = lines.slice(i + 1, j);
    const lang: CodeBlock['lang'] =
      SHELL_LANGS.test(info) || (info === '' && looksLikeShell(code))
        ? 'shell'
        : PYTHON_LANGS.test(info)
          ? 'python'
          : JS_LANGS.test(info)
            ? 'js'
            : 'other';
    // Terminal transcripts: the commands are the lines after the prompt.
    if (lang === 'shell' && code.some((l) => /^\s*\$ /.test(l)))
      code = code.map((l) => (/^\s*\$ /.test(l) ? l.replace(/^\s*\$ /, '') : ''));
    out.push({ lang, code: code.join('\n'), line: i + 2 });
    i = j;
  }
  return out;
}

/** The markdown with fenced code blocks blanked out (lines kept), so prose rules do not read code. */
export function proseOf(markdown: string): string {
  return markdown.replace(/^\s{0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\s{0,3}\1[^\n]*$/gm, (block) =>
    block.replace(/[^\n]/g, ' '),
  );
}
