import { posix } from 'node:path';
import { echoed, lastStages, printed, staticOutput } from './decode.js';
import type { RawCommand, Redirect, Word } from './model.js';
import { decodeAnsiC } from './parse.js';
import { SHELLS } from './shells.js';
import type { ShellContext } from './types.js';

/** Variables whose values are known from earlier in the same command line. */
export type Variables = Map<string, string>;

/** Names the path resolver expands itself; left as written so reasons show them. */
const RESOLVED_LATER = new Set(['HOME', 'PWD', 'TMPDIR']);
/**
 * `$name`, `${name}`, and the parameter expansions that compute from a value: `${!name}` (indirect),
 * `${name[2]}`, `${name:1:2}`, `${name^^}`, `${name/a/b}`, `${name#a}`, `${name%a}`.
 */
const REFERENCE = /\$(?:\{(!?)([A-Za-z_]\w*)(?:\[(\d+)\])?([^}]*)\}|([A-Za-z_]\w*))/g;
/** Brace expansion: a `{a,b}` list outside `${…}`. */
const BRACES = /(^|[^$])\{([^{}\s'"]*,[^{}\s'"]*)\}/;
const MAX_BRACE_WORDS = 16;
const DEFAULT_IFS = ' \t\n';
const IFS_REFERENCE = /\$(IFS\b|\{IFS\})/;

/** What a command substitution's script prints, when its text shows it (see staticOutput). */
type PrintedBy = (script: string) => string | undefined;

/**
 * Records `NAME=value` (as the parser gives its text); a value only known at run time forgets the name.
 * `NAME=$(…)` holds what the substitution prints, when `printedOf` knows it.
 */
export function assign(vars: Variables, text: string, ctx: ShellContext, printedOf?: PrintedBy): void {
  const m = /^([A-Za-z_]\w*)(\+?)=([\s\S]*)$/.exec(text);
  // `a[0]=rm`: an element assigned by index; the array and its first element are no longer known.
  const element = m ? undefined : /^([A-Za-z_]\w*)\[/.exec(text)?.[1];
  if (element !== undefined) {
    vars.delete(`${element}[@]`);
    setOrForget(vars, element, undefined);
  }
  if (!m) return;
  const name = m[1] as string;
  vars.delete(`${name}[@]`);
  const elements = m[2] === '' ? arrayElements(m[3] as string, vars, ctx) : undefined;
  if (elements !== undefined) {
    // `a=(rm -rf ~)`: `"${a[@]}"` is its words, `$a` the first one.
    vars.set(`${name}[@]`, elements.join(ARRAY_SEPARATOR));
    setOrForget(vars, name, elements[0]);
    return;
  }
  setOrForget(vars, name, m[2] === '' ? assignedValue(m[3] as string, vars, ctx, printedOf) : undefined);
}

/**
 * Variables set by commands rather than assignments: `printf -v NAME FORMAT …` (what printf would print),
 * `read [-r] NAME <<< WORD` (the word), `set -- WORDS` (the positional parameters, `"$@"`); names other forms
 * of read, readarray, mapfile and getopts set are computed.
 */
export function assignByCommand(vars: Variables, raw: RawCommand): void {
  const [head, ...rest] = raw.words;
  // `: ${CC:=rm}` assigns; `CC=rm sh -c '$CC …'` hands the shell a value: both computed here.
  for (const word of raw.words)
    for (const m of word.text.matchAll(/\$\{([A-Za-z_]\w*):?=/g))
      setOrForget(vars, m[1] as string, undefined);
  if (head !== undefined && SHELLS.has(posix.basename(head.value)))
    for (const text of raw.assignments) setOrForget(vars, text.slice(0, text.indexOf('=')), undefined);
  const values = rest.map((w) => w.value);
  const known = rest.every((w) => w.literal);
  if (head?.value === 'printf' && values[0] === '-v' && values[1] !== undefined)
    setOrForget(vars, values[1], known ? printed(values.slice(2)) : undefined);
  else if (head?.value === 'read' && values.every((v) => v === '-r' || /^[A-Za-z_]\w*$/.test(v))) {
    const names = values.filter((v) => v !== '-r');
    const line = raw.redirects.find((r) => r.op === '<<<' && r.target.literal)?.body;
    for (const name of names) setOrForget(vars, name, names.length === 1 ? line?.trim() : undefined);
  } else if (head?.value === 'set' && values[0] === '--' && known) {
    vars.set('@[@]', values.slice(1).join(ARRAY_SEPARATOR));
  } else if (head?.value === 'shift' || head?.value === 'set') {
    // `shift`, `set x`, `set -- $(…)`: the positional parameters are no longer known.
    vars.delete('@[@]');
  } else if (/^(read|readarray|mapfile|getopts)$/.test(head?.value ?? '')) {
    // `read -a NAME`, `readarray -t NAME < f`, `getopts ab NAME`: a value only known at run time.
    for (const name of values.filter((v) => /^[A-Za-z_]\w*$/.test(v))) setOrForget(vars, name, undefined);
  }
}

/**
 * Records functions the command line defines: what a command of that name prints is no longer known
 * (`echo() { …; }; X=$(echo ls)`), and `"$@"` inside their bodies is their own arguments.
 */
export function defineFunctions(vars: Variables, names: readonly string[]): void {
  for (const name of names) vars.set(`${name}()`, '');
  if (names.length > 0) vars.delete('@[@]');
}

/** Whether one of the commands is a function the command line defined. */
export function callsFunction(vars: Variables, commands: readonly RawCommand[]): boolean {
  return commands.some((c) => vars.has(`${c.words[0]?.value}()`));
}

/** Marks a name whose value this command line computes at run time (`X=$(cat f)`): no setting of the user's. */
const COMPUTED = '?';

function setOrForget(vars: Variables, name: string, value: string | undefined): void {
  if (value === undefined) {
    vars.delete(name);
    vars.set(`${name}${COMPUTED}`, '');
  } else {
    vars.set(name, value);
    vars.delete(`${name}${COMPUTED}`);
  }
}

/** Whether the command line gave the variable a value only known at run time. */
export function computedHere(vars: Variables, name: string): boolean {
  return vars.has(`${name}${COMPUTED}`);
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

function assignedValue(
  source: string,
  vars: Variables,
  ctx: ShellContext,
  printedOf?: PrintedBy,
): string | undefined {
  const sub = /^"?\$\(([\s\S]*)\)"?$/.exec(source) ?? /^"?`([^`]*)`"?$/.exec(source);
  if (sub) return printedOf?.(sub[1] as string);
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
  const lookup = (name: string): string | undefined => {
    const known = vars.get(name);
    if (known !== undefined) return known;
    // IFS holds blank, tab and newline unless set: `cat$IFS~/.ssh/id_rsa` is two words.
    if (name === 'IFS') return DEFAULT_IFS;
    return name === 'HOME' && resolveAll ? ctx.home : undefined;
  };
  const out = text.replace(
    REFERENCE,
    (ref, indirect: string, braced?: string, index?: string, operation = '', bare?: string) => {
      const name = (braced ?? bare) as string;
      const target = indirect === '!' ? vars.get(name) : name;
      const plain = target === name && index === undefined && operation === '';
      const value = target === undefined ? undefined : lookup(target);
      if (value !== undefined && plain) return value;
      if (plain && RESOLVED_LATER.has(name) && !resolveAll) return ref;
      if (indirect === '!' && target !== undefined && RESOLVED_LATER.has(target) && !resolveAll && !operation)
        return `$${target}`;
      const element =
        index === undefined || target === undefined
          ? value
          : vars.get(`${target}[@]`)?.split(ARRAY_SEPARATOR)[Number(index)];
      const computed = element === undefined ? undefined : expansion(element, operation);
      if (computed !== undefined) return computed;
      unknown = true;
      return ref;
    },
  );
  if (unknown || /\$[({]|`/.test(out.replace(REFERENCE, ''))) return undefined;
  return out;
}

/** Patterns and words of a parameter expansion that mean exactly their text. */
const PLAIN_PATTERN = /^[\w./-]+$/;

/** A parameter expansion's operation on a known value; undefined for one not worked out here. */
function expansion(value: string, operation: string): string | undefined {
  if (operation === '') return value;
  // `${v:-x}`, `${v:=x}`: x when the value is empty, else the value; `${v-x}`: the value (it is set);
  // `${v:+x}`: x unless the value is empty, `${v+x}`: x. Only plain words are worked out as x.
  const fallback = /^(:?)([-=?+])([\s\S]*)$/.exec(operation);
  if (fallback) {
    const [, colon, op, word] = fallback as unknown as [string, string, string, string];
    const empty = colon === ':' && value === '';
    const other = PLAIN_PATTERN.test(word) || word === '' ? word : undefined;
    if (op === '+') return empty ? '' : other;
    if (!empty) return value;
    return op === '?' ? undefined : other;
  }
  const slice = /^:(\d+|\s+-\d+)(?::\s*(-?\d+))?$/.exec(operation);
  if (slice) {
    const start = Number((slice[1] as string).trim());
    const from = start < 0 ? Math.max(0, value.length + start) : start;
    if (slice[2] === undefined) return value.slice(from);
    const length = Number(slice[2]);
    return length < 0 ? value.slice(from, value.length + length) : value.slice(from, from + length);
  }
  if (operation === '^^') return value.toUpperCase();
  if (operation === ',,') return value.toLowerCase();
  if (operation === '^') return value.charAt(0).toUpperCase() + value.slice(1);
  if (operation === ',') return value.charAt(0).toLowerCase() + value.slice(1);
  // Literal patterns only: a glob pattern could match in ways not worked out here.
  const replace = /^(\/\/?)([^/*?[]+)(?:\/([^/]*))?$/.exec(operation);
  if (replace) {
    const [, all, pattern, by = ''] = replace as unknown as [string, string, string, string?];
    // Anchors (`/#`, `/%`), quotes and backslashes are not read literally: such patterns are not worked out.
    if (!PLAIN_PATTERN.test(pattern) || !(by === '' || PLAIN_PATTERN.test(by))) return undefined;
    return all === '//' ? value.split(pattern).join(by) : value.replace(pattern, () => by);
  }
  const trim = /^(##?|%%?)([^*?[]+)$/.exec(operation);
  if (trim) {
    const pattern = trim[2] as string;
    if (!PLAIN_PATTERN.test(pattern)) return undefined;
    if (trim[1]?.startsWith('#')) return value.startsWith(pattern) ? value.slice(pattern.length) : value;
    return value.endsWith(pattern) ? value.slice(0, -pattern.length) : value;
  }
  return undefined;
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
    const parts = whole ? [printed] : splitFields(printed, vars.get('IFS') ?? DEFAULT_IFS);
    const known = !/\$(HOME|PWD|TMPDIR)\b|\$\{(HOME|PWD|TMPDIR)\}/.test(printed);
    return parts.map((v) => ({ ...word, value: v, literal: known, glob: !whole && /[*?[]/.test(v) }));
  }
  const array = ARRAY_REFERENCE.exec(word.value)?.[1] ?? (/^\$(@|\{@\})$/.test(word.value) ? '@' : undefined);
  const elements = array === undefined ? undefined : vars.get(`${array}[@]`);
  if (elements !== undefined && word.subs.length === 0) {
    const parts = elements === '' ? [] : elements.split(ARRAY_SEPARATOR);
    return parts.map((v) => ({ ...word, value: v, literal: true, glob: !quoted && /[*?[]/.test(v) }));
  }
  if (
    !word.literal &&
    word.subs.length === 0 &&
    (vars.size > 0 || IFS_REFERENCE.test(value)) &&
    /\$/.test(value)
  ) {
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
  const parts = quoted ? [value] : splitFields(value, vars.get('IFS') ?? DEFAULT_IFS);
  return parts.map((v) => ({ ...word, value: v, literal, glob: !quoted && /[*?[]/.test(v) }));
}

/**
 * What a word that is one command substitution prints, when its text shows it: `echo`/`printf` of known
 * words, `command -v NAME`, or a decoder fed literal text (`$(base64 -d <<< cm0=)`, `$(echo … | rev)`; see
 * staticOutput). Trailing newlines are dropped, as bash does. Undefined otherwise.
 */
function printedBy(word: Word, vars: Variables, ctx: ShellContext): string | undefined {
  if (word.subs.length === 0 || !/^\$\([\s\S]*\)$|^`[^`]*`$/.test(word.value)) return undefined;
  if (callsFunction(vars, [...word.subs, ...lastStages(word.subs)])) return undefined;
  const sub = word.subs.length === 1 ? word.subs[0] : undefined;
  if (!sub || sub.redirects.length > 0) {
    // A pipeline or a herestring: its last stage prints what its input decodes to.
    const last = lastStages(word.subs);
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
