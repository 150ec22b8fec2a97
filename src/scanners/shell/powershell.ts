import { shellQuote } from './launchers.js';

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
  for (const statement of split(code, /[;\n]/)) {
    const stages = split(statement, /\|/).map((stage) => ({ stage, as: translate(stage) }));
    const known = stages.flatMap((s) => (s.as === null ? [] : [s.as]));
    if (known.length > 0) shell.push(known.join(' | '));
    rest.push(...stages.filter((s) => s.as === null).map((s) => s.stage));
  }
  return { shell: shell.join('\n'), rest: rest.join('; ') };
}

/** Splits at separators outside quotes, parentheses and braces. */
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
    else if (depth === 0 && separator.test(c)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const WORD = /'[^']*'|"[^"]*"|[^\s'"]+/g;
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
];

/** A cmdlet's parameters by lower-case name (`-Path x`, `-Recurse`), and its positional arguments. */
function parse(stage: string): { name: string; params: Map<string, string>; positional: string[] } {
  const words = (stage.match(WORD) ?? []).map((w) => w.replace(/^'(.*)'$|^"(.*)"$/s, '$1$2'));
  const params = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as string;
    const flag = /^-([A-Za-z]\w*)(?::(.*))?$/.exec(w);
    if (!flag) {
      positional.push(w);
      continue;
    }
    const key = (flag[1] as string).toLowerCase();
    const next = words[i + 1];
    const takesValue =
      !SWITCHES.some((s) => s.startsWith(key)) && next !== undefined && !next.startsWith('-');
    if (flag[2] !== undefined) params.set(key, flag[2]);
    else if (takesValue) params.set(key, words[++i] as string);
    else params.set(key, '');
  }
  return { name: (words[0] ?? '').toLowerCase(), params, positional };
}

/** PowerShell paths (or arrays of them, `a,b`) as shell words; home (`~`, `$HOME`, `$env:USERPROFILE`) stays home. */
function shellWords(words: (string | undefined)[]): string {
  return words
    .flatMap((w) => (w === undefined ? [] : w.split(',')))
    .filter((w) => w !== '')
    .map((w) => {
      const v = w.replace(/^\$(env:)?(HOME|USERPROFILE)(?=[\\/]|$)/i, '~').replace(/\\/g, '/');
      if (v === '~') return v;
      return v.startsWith('~/') ? `~/${shellQuote(v.slice(2))}` : shellQuote(v);
    })
    .join(' ');
}

/** The value of the first parameter whose name starts with one of the prefixes (PowerShell accepts prefixes). */
function param(params: Map<string, string>, ...prefixes: string[]): string | undefined {
  for (const [name, value] of params) if (prefixes.some((p) => name.startsWith(p))) return value;
  return undefined;
}

function translate(stage: string): string | null {
  if (/\[environment\]::getenvironmentvariables\(\)/i.test(stage)) return 'env';
  // `./bin, ./obj` is one argument, an array.
  const { name, params, positional } = parse(stage.replace(/\s*,\s*/g, ','));
  const path = param(params, 'path', 'literalpath', 'filepath') ?? positional[0];
  if (/^(remove-item|rm|del|erase|ri|rmdir|rd)$/.test(name)) {
    const flags = param(params, 'r') !== undefined ? '-rf' : '-f';
    return `rm ${flags} ${shellWords([path, ...positional.slice(1)])}`;
  }
  if (/^(get-content|gc|cat|type)$/.test(name)) return `cat ${shellWords([path])}`;
  if (/^(set-content|sc|add-content|ac|out-file)$/.test(name)) {
    const value = param(params, 'value', 'inputobject') ?? positional[1] ?? '';
    const append = name === 'add-content' || name === 'ac' || param(params, 'append') !== undefined;
    return `echo ${shellQuote(value)} ${append ? '>>' : '>'} ${shellWords([path])}`;
  }
  if (/^(get-childitem|gci|ls|dir)$/.test(name))
    return /^env:\\?$/i.test(path ?? '') ? 'env' : `ls ${shellWords([path])}`;
  if (/^(invoke-webrequest|iwr|invoke-restmethod|irm|curl|wget)$/.test(name)) {
    const uri = param(params, 'uri') ?? positional[0];
    const method = param(params, 'method');
    const file = param(params, 'infile');
    const body = param(params, 'body') !== undefined ? ['--data-binary', '@-'] : [];
    return [
      'curl',
      ...(method ? ['-X', method] : []),
      ...(file ? ['--data-binary', `@${file}`] : []),
      ...body,
      shellWords([uri]),
    ]
      .join(' ')
      .trim();
  }
  if (/^(copy-item|cp|copy|cpi)$/.test(name))
    return `cp -r ${shellWords([path, param(params, 'destination') ?? positional[1]])}`;
  if (/^(move-item|mv|move|mi)$/.test(name))
    return `mv ${shellWords([path, param(params, 'destination') ?? positional[1]])}`;
  return null;
}
