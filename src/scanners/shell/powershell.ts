import { shellQuote } from './launchers.js';
import { CMDLETS, unixPath } from './powershell-names.js';

/**
 * PowerShell given on the command line (`pwsh -c "…"`), its everyday cmdlets and aliases written as the POSIX
 * commands that do the same, so that the shell rules judge them: Remove-Item → rm, Get-Content → cat,
 * Set-Content / Add-Content / Out-File → a redirect, Get-ChildItem Env: → env, Invoke-WebRequest /
 * Invoke-RestMethod → curl (sending the pipeline's data, -Body or -InFile), Copy-Item → cp, Move-Item → mv.
 * What it cannot translate (.NET calls, other cmdlets) is returned as the rest, for the code checks; a formatting
 * stage of a pipeline (Out-String, ConvertTo-Json) passes its input on, so the stages around it are joined.
 */
export function powershellParts(code: string): { shell: string; rest: string } {
  const shell: string[] = [];
  const rest: string[] = [];
  for (const statement of split(code, /&&|\|\||[;\n]/y)) {
    const stages = split(statement, /\|/y).map((stage, i) => ({ stage, as: translate(stage, i > 0) }));
    const known = stages.flatMap((s) => (s.as === null ? [] : [s.as]));
    if (known.length > 0) shell.push(known.join(' | '));
    // A translated stage whose arguments hold more than literals and home paths (`-Body (Get-Content …)`,
    // `$d`, `@{…}`) is also code: the code checks read what the translation leaves out.
    rest.push(...stages.filter((s) => s.as === null || !plainArguments(s.stage)).map((s) => s.stage));
  }
  return { shell: shell.join('\n'), rest: rest.join('; ') };
}

/** Literal words and paths from home (`$HOME\\x`, `"$env:USERPROFILE/x"`): no variable, call, array or block. */
const PLAIN_ARGUMENT = /^(?:(['"]?)(?:\$env:USERPROFILE|\$env:HOME|\$HOME)(?=[\\/]|\1$))?[^$@()[\]{}`]*$/i;

function plainArguments(stage: string): boolean {
  return (stage.match(WORD) ?? []).slice(1).every((w) => PLAIN_ARGUMENT.test(w));
}

/** Splits at separators (a sticky pattern, tried at each position) outside quotes, parentheses and braces. */
function split(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (depth === 0) {
      separator.lastIndex = i;
      const found = separator.exec(text)?.[0];
      if (found === undefined) continue;
      parts.push(text.slice(start, i));
      i += found.length - 1;
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** One argument: an element, or an array of them (`./bin, ./obj`, `"-c","rm x"`). */
const ELEMENT = String.raw`(?:'[^']*'|"[^"]*"|[^\s'",]+)`;
const WORD = new RegExp(String.raw`${ELEMENT}(?:\s*,\s*${ELEMENT})*`, 'g');
/** Parameters that take no value (`-Recurse`, `-Force`), matched by any prefix as PowerShell does. */
const SWITCHES = [
  'recurse',
  'force',
  'append',
  'raw',
  'nonewline',
  'usebasicparsing',
  'passthru',
  'confirm',
  'whatif',
  'verbose',
  'hidden',
  'noclobber',
  'skipcertificatecheck',
  'wait',
  'nonewwindow',
];

/** An argument's elements, unquoted. */
function elements(word: string): string[] {
  return (word.match(new RegExp(ELEMENT, 'g')) ?? []).map((e) => e.replace(/^'(.*)'$|^"(.*)"$/s, '$1$2'));
}

/** A cmdlet's parameters by lower-case name (`-Path x`, `-Recurse`), and its positional arguments. */
function parse(stage: string): { name: string; params: Map<string, string[]>; positional: string[][] } {
  const words = stage.match(WORD) ?? [];
  const params = new Map<string, string[]>();
  const positional: string[][] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as string;
    const flag = /^-([A-Za-z]\w*)(?::(.*))?$/.exec(w);
    if (!flag) {
      positional.push(elements(w));
      continue;
    }
    const key = (flag[1] as string).toLowerCase();
    const next = words[i + 1];
    const takesValue =
      !SWITCHES.some((s) => s.startsWith(key)) && next !== undefined && !next.startsWith('-');
    if (flag[2] !== undefined) params.set(key, elements(flag[2]));
    else if (takesValue) params.set(key, elements(words[++i] as string));
    else params.set(key, []);
  }
  return { name: elements(words[0] ?? '')[0]?.toLowerCase() ?? '', params, positional };
}

/** PowerShell paths as shell words; home (`~`, `$HOME`, `$env:USERPROFILE`) stays home. */
function shellWords(args: (string[] | undefined)[]): string {
  return args
    .flatMap((a) => a ?? [])
    .filter((w) => w !== '')
    .map((w) => {
      const v = unixPath(w);
      if (v === '~') return v;
      return v.startsWith('~/') ? `~/${shellQuote(v.slice(2))}` : shellQuote(v);
    })
    .join(' ');
}

/** The value of the first parameter whose name starts with one of the prefixes (PowerShell accepts prefixes). */
function param(params: Map<string, string[]>, ...prefixes: string[]): string[] | undefined {
  for (const [name, value] of params) if (prefixes.some((p) => name.startsWith(p))) return value;
  return undefined;
}

/** A stage as the POSIX command doing the same; `piped` when an earlier stage of the pipeline feeds it. */
function translate(stage: string, piped: boolean): string | null {
  if (/\[environment\]::getenvironmentvariables\(\)/i.test(stage)) return 'env';
  const { name, params, positional } = parse(stage);
  const path = param(params, 'path', 'literalpath', 'filepath') ?? positional[0];
  switch (CMDLETS.get(name)) {
    case 'Remove-Item': {
      const flags = param(params, 'r') !== undefined ? '-rf' : '-f';
      // Without a path it deletes what the pipeline hands it (`gci ~ | Remove-Item`): what that stage lists.
      if (path === undefined) return piped ? `xargs rm ${flags}` : null;
      return `rm ${flags} ${shellWords([path, ...positional.slice(1)])}`;
    }
    case 'Get-Content':
      return `cat ${shellWords([path])}`;
    case 'Set-Content':
    case 'Add-Content':
    case 'Out-File': {
      const value = (param(params, 'value', 'inputobject') ?? positional[1] ?? []).join('\n');
      const append = CMDLETS.get(name) === 'Add-Content' || param(params, 'append') !== undefined;
      return `echo ${shellQuote(value)} ${append ? '>>' : '>'} ${shellWords([path])}`;
    }
    case 'Get-ChildItem':
      return /^env:\\?$/i.test(path?.[0] ?? '') ? 'env' : `ls ${shellWords([path])}`;
    case 'Invoke-WebRequest':
    case 'Invoke-RestMethod': {
      const method = param(params, 'method')?.[0];
      const file = param(params, 'infile')?.[0];
      return [
        'curl',
        ...(method ? ['-X', method] : []),
        ...(file ? ['--data-binary', `@${file}`] : []),
        ...(param(params, 'body') !== undefined ? ['--data-binary', '@-'] : []),
        shellWords([param(params, 'uri') ?? positional[0]]),
      ]
        .join(' ')
        .trim();
    }
    case 'Copy-Item':
      return `cp -r ${shellWords([path, param(params, 'destination') ?? positional[1]])}`;
    case 'Move-Item':
      return `mv ${shellWords([path, param(params, 'destination') ?? positional[1]])}`;
    case 'Start-Process': {
      // One string is a command line as written; an array is the program's arguments one by one.
      const args = param(params, 'argumentlist', 'args') ?? positional.slice(1).flat();
      const line = args.length === 1 ? (args[0] as string) : args.map(shellQuote).join(' ');
      return `${shellWords([path])} ${line}`.trim();
    }
    default:
      return null;
  }
}
