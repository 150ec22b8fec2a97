/**
 * A small tokenizer for the scripts skills bundle (JavaScript/TypeScript and Python): enough to tell code
 * from strings and comments, so `eval(` inside a docstring or a comment is not a call, and so the text of a
 * string literal (a URL, a command, a base64 blob) can be read as such.
 */
export type CodeLanguage = 'js' | 'python';

export interface Token {
  /** `template`: a string with interpolations (JS `${}`, Python f-string `{}`), so not a literal. */
  kind: 'ident' | 'string' | 'template' | 'punct' | 'number';
  value: string;
  line: number;
}

/** A call `a.b.c(…)`: its dotted name and the tokens between its parentheses. */
export interface Call {
  name: string;
  line: number;
  args: Token[];
}

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[\w$]/;
/** After these a `/` starts a regular expression in JavaScript, not a division. */
const REGEX_AFTER = new Set([
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '+',
  '-',
  '*',
  '%',
  '<',
  '>',
  '~',
  '^',
]);
const REGEX_KEYWORDS = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
]);

export function tokenize(src: string, lang: CodeLanguage): Token[] {
  const out: Token[] = [];
  let line = 1;
  let i = 0;
  let formatted = false;
  const n = src.length;
  const push = (kind: Token['kind'], value: string, at: number) => out.push({ kind, value, line: at });
  while (i < n) {
    const ch = src[i] as string;
    if (ch === '\n') {
      line++;
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if ((lang === 'python' && ch === '#') || (lang === 'js' && ch === '/' && src[i + 1] === '/')) {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (lang === 'js' && ch === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      line += countNewlines(src, i, stop);
      i = stop;
      continue;
    }
    if (lang === 'python' && /[rRbBuUfF]/.test(ch)) {
      const m = /^[rRbBuUfF]{1,2}(?=['"])/.exec(src.slice(i, i + 3));
      if (m) {
        i += m[0].length;
        formatted = /f/i.test(m[0]);
        continue; // the quote that follows is read as a string below
      }
    }
    if (ch === '"' || ch === "'" || (lang === 'js' && ch === '`')) {
      const triple = lang === 'python' && src.startsWith(ch.repeat(3), i);
      const quote = triple ? ch.repeat(3) : ch;
      const start = line;
      let j = i + quote.length;
      let value = '';
      while (j < n) {
        const c = src[j] as string;
        if (c === '\\') {
          value += src.slice(j, j + 2);
          if (src[j + 1] === '\n') line++;
          j += 2;
          continue;
        }
        if (src.startsWith(quote, j)) break;
        // An unclosed one-line string ends at the line's end rather than swallowing the file.
        if (c === '\n') {
          if (!triple && ch !== '`') break;
          line++;
        }
        value += c;
        j++;
      }
      const interpolated = ch === '`' ? value.includes('${') : formatted && /\{[^}]*\}/.test(value);
      push(interpolated ? 'template' : 'string', value, start);
      formatted = false;
      i = Math.min(n, j + (src.startsWith(quote, j) ? quote.length : 0));
      continue;
    }
    if (IDENT_START.test(ch)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(src[j] as string)) j++;
      push('ident', src.slice(i, j), line);
      i = j;
      continue;
    }
    if (/\d/.test(ch)) {
      let j = i + 1;
      while (j < n && /[\w.]/.test(src[j] as string)) j++;
      push('number', src.slice(i, j), line);
      i = j;
      continue;
    }
    if (lang === 'js' && ch === '/' && startsRegex(out[out.length - 1])) {
      let j = i + 1;
      let inClass = false;
      while (j < n && src[j] !== '\n') {
        const c = src[j];
        if (c === '\\') j++;
        else if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) break;
        j++;
      }
      push('string', src.slice(i + 1, j), line);
      i = j + 1;
      while (i < n && /[a-z]/.test(src[i] as string)) i++;
      continue;
    }
    push('punct', ch, line);
    i++;
  }
  return out;
}

function startsRegex(prev: Token | undefined): boolean {
  if (!prev) return true;
  if (prev.kind === 'punct') return REGEX_AFTER.has(prev.value);
  return prev.kind === 'ident' && REGEX_KEYWORDS.has(prev.value);
}

function countNewlines(s: string, from: number, to: number): number {
  let c = 0;
  for (let k = s.indexOf('\n', from); k !== -1 && k < to; k = s.indexOf('\n', k + 1)) c++;
  return c;
}

/** Every call in the token stream, with its dotted name (`os.system`, `child_process.exec`, `eval`). */
export function callsIn(tokens: Token[]): Call[] {
  const calls: Call[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'ident' || tokens[i + 1]?.value !== '(') continue;
    let name = t.value;
    for (let k = i - 1; k >= 1; k -= 2) {
      const dot = tokens[k] as Token;
      const prev = tokens[k - 1] as Token;
      const module = dot.value === '.' ? inlineModule(tokens, k - 1) : undefined;
      if (module !== undefined) name = `${module}.${name}`;
      if (dot.value !== '.' || prev.kind !== 'ident') break;
      name = `${prev.value}.${name}`;
    }
    let depth = 0;
    const args: Token[] = [];
    for (let j = i + 1; j < tokens.length; j++) {
      const a = tokens[j] as Token;
      if (a.value === '(' || a.value === '[' || a.value === '{') depth++;
      else if (a.value === ')' || a.value === ']' || a.value === '}') depth--;
      if (depth === 0) break;
      if (j > i + 1) args.push(a);
    }
    calls.push({ name, line: t.line, args });
  }
  return calls;
}

/**
 * The module a call chain starts from when it is loaded inline, the chain ending at `end` (its `)`):
 * `require('https').get(…)` calls `https.get`, `__import__('os').system(…)` calls `os.system`.
 */
function inlineModule(tokens: Token[], end: number): string | undefined {
  const [open, arg, close] = [tokens[end - 2], tokens[end - 1], tokens[end]];
  const loader = tokens[end - 3];
  if (close?.value !== ')' || arg?.kind !== 'string' || open?.value !== '(') return undefined;
  if (!loader || !/^(?:require|__import__|import_module|importlib\.import_module)$/.test(loader.value))
    return undefined;
  return arg.value.replace(/^node:/, '');
}

/** Modules a file imports: `import x`, `from x import`, `require('x')`, `import … from 'x'`, `import('x')`. */
export function importsIn(tokens: Token[], lang: CodeLanguage): { module: string; line: number }[] {
  const out: { module: string; line: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'ident') continue;
    if (lang === 'python' && (t.value === 'import' || t.value === 'from')) {
      let name = '';
      for (let j = i + 1; j < tokens.length; j++) {
        const a = tokens[j] as Token;
        if (a.line !== t.line || (a.kind !== 'ident' && a.value !== '.')) break;
        if (name && a.kind === 'ident' && !name.endsWith('.')) break;
        name += a.value;
      }
      if (name) out.push({ module: name, line: t.line });
    } else if (lang === 'js' && (t.value === 'require' || t.value === 'import' || t.value === 'from')) {
      const next = tokens[i + 1];
      const arg = next?.value === '(' ? tokens[i + 2] : next;
      if (arg?.kind === 'string') out.push({ module: arg.value, line: t.line });
    }
  }
  return out;
}
