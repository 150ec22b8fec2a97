import { echoed, printed, staticOutput } from './decode.js';
import type { RawCommand, Redirect, Word } from './model.js';
import { decodeAnsiC } from './parse.js';
import type { ShellContext } from './types.js';

/** Variables whose values are known from earlier in the same command line. */
export type Variables = Map<string, string>;

/** Names the path resolver expands itself; left as written so reasons show them. */
const RESOLVED_LATER = new Set(['HOME', 'PWD', 'TMPDIR']);
const REFERENCE = /\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g;
/** Brace expansion: a `{a,b}` list outside `${…}`. */
const BRACES = /(^|[^$])\{([^{}\s'"]*,[^{}\s'"]*)\}/;
const MAX_BRACE_WORDS = 16;

/** Records `NAME=value` (as the parser gives its text); a value only known at run time forgets the name. */
export function assign(vars: Variables, text: string, ctx: ShellContext): void {
  const m = /^([A-Za-z_]\w*)(\+?)=([\s\S]*)$/.exec(text);
  if (!m) return;
  const name = m[1] as string;
  vars.delete(`${name}[@]`);
  const elements = m[2] === '' ? arrayElements(m[3] as string, vars, ctx) : undefined;
  if (elements !== undefined) {
    // `a=(rm -rf ~)`: `"${a[@]}"` is its words, `$a` the first one.
    vars.set(`${name}[@]`, elements.join(ARRAY_SEPARATOR));
    if (elements[0] === undefined) vars.delete(name);
    else vars.set(name, elements[0]);
    return;
  }
  const value = m[2] === '' ? assignedValue(m[3] as string, vars, ctx) : undefined;
  if (value === undefined) vars.delete(name);
  else vars.set(name, value);
}

/** Joins an array's elements where a variable's value is kept (no shell word holds a NUL). */
const ARRAY_SEPARATOR = '\u0000';
const ARRAY_ELEMENT = /(?:'[^']*'|"(?:[^"\\]|\\.)*"|[^\s'"])+/g;
/** A whole-array reference: `${a[@]}` or `${a[*]}`. */
const ARRAY_REFERENCE = /^\$\{([A-Za-z_]\w*)\[[@*]\]\}$/;

/** The elements of `(a 'b c' ~/d)` when each is known; undefined for anything else. */
function arrayElements(source: string, vars: Variables, ctx: ShellContext): string[] | undefined {
  const body = /^\(([\s\S]*)\)$/.exec(source)?.[1];
  if (body === undefined) return undefined;
  const out: string[] = [];
  for (const token of body.match(ARRAY_ELEMENT) ?? []) {
    const value = assignedValue(token, vars, ctx);
    if (value === undefined) return undefined;
    out.push(value);
  }
  return out;
}

function assignedValue(source: string, vars: Variables, ctx: ShellContext): string | undefined {
  let text: string;
  if (/^'[^']*'$/.test(source)) return source.slice(1, -1);
  if (/^\$'(?:[^'\\]|\\.)*'$/.test(source)) return decodeAnsiC(source.slice(2, -1));
  if (/^"(?:[^"\\`]|\\.)*"$/.test(source)) text = source.slice(1, -1);
  else if (/^[^'"`\\\s]*$/.test(source)) text = source.replace(/^~(?=\/|$)/, ctx.home);
  else return undefined;
  return substitute(text, vars, ctx, true);
}

/** Replaces known references; undefined when one is unknown (or anything else is computed at run time). */
function substitute(
  text: string,
  vars: Variables,
  ctx: ShellContext,
  resolveAll: boolean,
): string | undefined {
  let unknown = false;
  const out = text.replace(REFERENCE, (ref, braced?: string, bare?: string) => {
    const name = (braced ?? bare) as string;
    const known = vars.get(name);
    if (known !== undefined) return known;
    if (name === 'HOME') return resolveAll ? ctx.home : ref;
    if (RESOLVED_LATER.has(name) && !resolveAll) return ref;
    unknown = true;
    return ref;
  });
  if (unknown || /\$[({]|`/.test(out.replace(REFERENCE, ''))) return undefined;
  return out;
}

/**
 * The command with known variables substituted and brace lists expanded, as bash would pass its words:
 * `$D/id_rsa` after `D=~/.ssh`, `$X` holding `rm -rf ~` (split, unquoted), `~/.{ssh,aws}`. Returns the same
 * object when nothing changed.
 */
export function expandWords(raw: RawCommand, vars: Variables, ctx: ShellContext): RawCommand {
  let changed = false;
  const words: Word[] = [];
  for (const word of raw.words) {
    const expanded = expandWord(word, vars, ctx);
    if (expanded.length !== 1 || expanded[0] !== word) changed = true;
    words.push(...expanded);
  }
  const redirects: Redirect[] = raw.redirects.map((r) => {
    const expanded = expandWord(r.target, vars, ctx);
    const [target] = expanded;
    if (target === undefined || target === r.target) return r;
    changed = true;
    if (r.op !== '<<<') return { ...r, target };
    // A herestring's text is its word once expanded (`bash <<< "$(base64 -d <<< …)"` runs the decoded text).
    const body = expanded.map((w) => w.value).join(' ');
    return { ...r, target: { ...target, value: body }, body };
  });
  return changed ? { ...raw, words, redirects } : raw;
}

function expandWord(word: Word, vars: Variables, ctx: ShellContext): Word[] {
  const quoted = /['"]/.test(word.text);
  let value = word.value;
  let literal = word.literal;
  const printed = printedBy(word, vars, ctx);
  if (printed !== undefined) {
    // `cat $(echo ~/.ssh/id_rsa)`: the substitution's output is known from its text.
    // Quotes inside the substitution (`$(printf '%s' x)`) do not quote its output; only `"$(…)"` does.
    const whole = word.text.startsWith('"');
    const parts = whole ? [printed] : splitFields(printed, vars.get('IFS') ?? ' \t\n');
    const known = !/\$(HOME|PWD|TMPDIR)\b|\$\{(HOME|PWD|TMPDIR)\}/.test(printed);
    return parts.map((v) => ({ ...word, value: v, literal: known, glob: !whole && /[*?[]/.test(v) }));
  }
  const array = ARRAY_REFERENCE.exec(word.value)?.[1];
  const elements = array === undefined ? undefined : vars.get(`${array}[@]`);
  if (elements !== undefined && word.subs.length === 0) {
    const parts = elements === '' ? [] : elements.split(ARRAY_SEPARATOR);
    return parts.map((v) => ({ ...word, value: v, literal: true, glob: !quoted && /[*?[]/.test(v) }));
  }
  if (!word.literal && word.subs.length === 0 && vars.size > 0 && /\$/.test(word.value)) {
    const substituted = substitute(word.value, vars, ctx, false);
    if (substituted !== undefined && substituted !== word.value) {
      value = substituted;
      literal = !/\$(HOME|PWD|TMPDIR)\b|\$\{(HOME|PWD|TMPDIR)\}/.test(value);
    }
  }
  if (!quoted && BRACES.test(value)) return braceExpand(value).map((v) => ({ ...word, value: v, literal }));
  if (value === word.value) return [word];
  // Unquoted, an expansion is split into several words on the characters of IFS (blanks unless set earlier:
  // `IFS=,; c=rm,-rf,~; $c` runs rm).
  const parts = quoted ? [value] : splitFields(value, vars.get('IFS') ?? ' \t\n');
  return parts.map((v) => ({ ...word, value: v, literal, glob: !quoted && /[*?[]/.test(v) }));
}

/**
 * What a word that is one command substitution prints, when its text shows it: `echo`/`printf` of known
 * words, `command -v NAME`, or a decoder fed literal text (`$(base64 -d <<< cm0=)`, `$(echo … | rev)`; see
 * staticOutput). Trailing newlines are dropped, as bash does. Undefined otherwise.
 */
function printedBy(word: Word, vars: Variables, ctx: ShellContext): string | undefined {
  if (word.subs.length === 0 || !/^\$\([\s\S]*\)$|^`[^`]*`$/.test(word.value)) return undefined;
  const sub = word.subs.length === 1 ? word.subs[0] : undefined;
  if (!sub || sub.redirects.length > 0) {
    // A pipeline or a herestring: its last stage prints what its input decodes to.
    const last = word.subs.filter((s) => !word.subs.some((o) => o.pipeFrom.includes(s)));
    return last.length === 1 ? staticOutput(last[0] as RawCommand)?.replace(/\n+$/, '') : undefined;
  }
  const [name, ...args] = expandWords(sub, vars, ctx).words;
  const known = (w: Word) =>
    w.literal || (w.subs.length === 0 && !/\$(?!HOME\b|PWD\b|TMPDIR\b|\{(HOME|PWD|TMPDIR)\})/.test(w.value));
  if (!name?.literal || !args.every(known)) return undefined;
  const values = args.map((a) => a.value);
  // `$(command -v rm)`, `$(which rm)`, `$(type -P rm)`: where the named program is, judged as that program.
  const lookup = values.filter((a) => !/^-/.test(a));
  if (
    lookup.length === 1 &&
    ((name.value === 'command' && values.includes('-v')) ||
      name.value === 'which' ||
      (name.value === 'type' && (values.includes('-P') || values.includes('-p'))))
  )
    return lookup[0] as string;
  if (name.value === 'echo') return echoed(values).replace(/\n+$/, '');
  if (name.value === 'printf') return printed(values)?.replace(/\n+$/, '');
  return undefined;
}

function splitFields(value: string, ifs: string): string[] {
  if (ifs === '') return [value];
  const out: string[] = [];
  let field = '';
  for (const ch of value) {
    if (ifs.includes(ch)) {
      if (field !== '') out.push(field);
      field = '';
    } else field += ch;
  }
  if (field !== '') out.push(field);
  return out;
}

function braceExpand(value: string): string[] {
  const out: string[] = [];
  const pending = [value];
  while (pending.length > 0 && out.length + pending.length <= MAX_BRACE_WORDS) {
    const v = pending.shift() as string;
    const m = BRACES.exec(v);
    if (!m) {
      out.push(v);
      continue;
    }
    const start = m.index + (m[1] as string).length;
    const end = start + (m[2] as string).length + 2;
    for (const part of (m[2] as string).split(',')) pending.push(v.slice(0, start) + part + v.slice(end));
  }
  return [...out, ...pending];
}
