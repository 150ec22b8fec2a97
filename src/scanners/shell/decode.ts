import { posix } from 'node:path';
import type { ParsedScript, RawCommand } from './model.js';
import { decodeAnsiC } from './parse.js';

/**
 * What a command prints when everything it reads is in the command text: `echo`/`printf` of literal words,
 * `cat` of a heredoc, and decoders and transformers of such text (`base64 -d`, `base32 -d`, `xxd -r -p`,
 * `openssl base64 -d`, `rev`, `tr`), fed by a herestring, a heredoc or a pipe from another such command.
 * Encoding hides nothing from a reader who decodes it: `echo cm0gLXJmIH4= | base64 -d | sh` runs `rm -rf ~`.
 * Undefined when any of it is only known at run time, or the result is not text.
 */
export function staticOutput(raw: RawCommand, depth = 0): string | undefined {
  const [name, ...rest] = raw.words;
  if (!name?.literal || !rest.every((w) => w.literal) || depth > MAX_STAGES) return undefined;
  const base = posix.basename(name.value);
  const args = rest.map((w) => w.value);
  if (base === 'echo') return echoed(args);
  if (base === 'printf') return printed(args);
  const decoder = DECODERS[base];
  if (decoder === undefined) return undefined;
  const input = inputOf(raw, depth);
  if (input === undefined) return undefined;
  const out = decoder(args, input);
  return out !== undefined && TEXT.test(out) ? out : undefined;
}

/** The last stage of each pipeline among some commands: what they print. */
export function lastStages(commands: readonly RawCommand[]): RawCommand[] {
  return commands.filter((c) => !commands.some((o) => o.pipeFrom.includes(c)));
}

/** What a script of one pipeline prints, trailing newlines dropped as a command substitution does. */
export function scriptOutput(script: ParsedScript): string | undefined {
  const last = script.parseError === undefined ? lastStages(script.commands) : [];
  return last.length === 1 ? staticOutput(last[0] as RawCommand)?.replace(/\n+$/, '') : undefined;
}

/** Pipeline stages followed back to find a literal source. */
const MAX_STAGES = 8;
/** Printable text (tabs and newlines included): what a decoder must yield to be read as commands. */
const TEXT = /^[\t\n\r\x20-\x7e\u00a0-\ufffc]*$/;

/** The text on the command's stdin: a herestring, a heredoc, or one pipe stage whose output is known. */
function inputOf(raw: RawCommand, depth: number): string | undefined {
  const fed = raw.redirects.filter((r) => r.op.startsWith('<'));
  if (fed.length > 1 || (fed.length === 1 && raw.pipeFrom.length > 0)) return undefined;
  const redirect = fed[0];
  if (redirect !== undefined) {
    if (redirect.body === undefined || (redirect.op === '<<<' && !redirect.target.literal)) return undefined;
    return redirect.op === '<<<' ? `${redirect.body}\n` : redirect.body;
  }
  const stages = raw.pipeFrom;
  return stages.length === 1 ? staticOutput(stages[0] as RawCommand, depth + 1) : undefined;
}

/** `echo`: its words joined; `-e` reads backslash escapes; `-n` drops the newline. */
export function echoed(args: string[]): string {
  let i = 0;
  let escapes = false;
  let newline = true;
  for (; i < args.length && /^-[neE]+$/.test(args[i] as string); i++) {
    const flags = args[i] as string;
    if (flags.includes('n')) newline = false;
    escapes = flags.lastIndexOf('e') > flags.lastIndexOf('E');
  }
  const text = args.slice(i).join(' ');
  return (escapes ? decodeAnsiC(text) : text) + (newline ? '\n' : '');
}

/**
 * `printf FORMAT ARGS…`: escapes in the format are read, `%s` inserts an argument, `%b` one with its escapes
 * read, `%%` a percent sign; the format repeats while arguments remain. Other conversions: undefined.
 */
export function printed(args: string[]): string | undefined {
  const [format, ...values] = args[0] === '--' ? args.slice(1) : args;
  if (format === undefined || /%(?![sb%])/.test(format)) return undefined;
  const decoded = decodeAnsiC(format);
  let out = '';
  let i = 0;
  do {
    out += decoded.replace(/%[sb%]/g, (spec) => {
      if (spec === '%%') return '%';
      const value = values[i++] ?? '';
      return spec === '%b' ? decodeAnsiC(value) : value;
    });
  } while (i < values.length && /%[sb]/.test(format));
  return out;
}

type Decoder = (args: string[], input: string) => string | undefined;

const decodes = (args: string[]) => args.some((a) => /^(-[a-zA-Z]*[dD][a-zA-Z]*|--decode)$/.test(a));
const readsStdin = (args: string[]) => args.every((a) => a.startsWith('-') || a === '-');

/** The decoders and transformers whose output follows from their input alone. */
const DECODERS: Readonly<Record<string, Decoder>> = {
  // `cat <<EOF`, `… | cat`: its input; `… | tee FILE`: its input, also written to FILE.
  cat: (args, input) => (args.every((a) => a === '-') ? input : undefined),
  tee: (_, input) => input,
  base64: (args, input) => (decodes(args) && readsStdin(args) ? fromBase64(input) : undefined),
  base32: (args, input) => (decodes(args) && readsStdin(args) ? fromBase32(input) : undefined),
  basenc: (args, input) =>
    decodes(args) && readsStdin(args)
      ? args.includes('--base64')
        ? fromBase64(input)
        : args.includes('--base32')
          ? fromBase32(input)
          : undefined
      : undefined,
  xxd: (args, input) =>
    args.some((a) => /^-[a-z]*r/.test(a)) && args.some((a) => /^-(p|ps|plain|postscript|[a-z]*p)$/.test(a))
      ? fromHex(input)
      : undefined,
  openssl: (args, input) => {
    // `openssl base64 -d`, `openssl enc -base64 -d` / `-a -d`, reading stdin (no -in).
    const base64 = args[0] === 'base64' || (args[0] === 'enc' && args.some((a) => /^-(base64|a)$/.test(a)));
    return base64 &&
      args.includes('-d') &&
      !args.includes('-in') &&
      !args.some((a) => /^-(aes|des|k$|pass)/.test(a))
      ? fromBase64(input)
      : undefined;
  },
  rev: (args, input) =>
    args.length === 0
      ? input
          .split('\n')
          .map((line) => [...line].reverse().join(''))
          .join('\n')
      : undefined,
  tr: (args, input) => translated(args, input),
};

function fromBase64(input: string): string | undefined {
  const text = input.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64').toString('utf8');
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function fromBase32(input: string): string | undefined {
  const text = input.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase();
  if (!/^[A-Z2-7]+$/.test(text)) return undefined;
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    value = (value << 5) | BASE32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function fromHex(input: string): string | undefined {
  const text = input.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})+$/.test(text)) return undefined;
  return Buffer.from(text, 'hex').toString('utf8');
}

/** `tr SET1 SET2` (ranges, classes and escapes expanded; the last of SET2 repeats) and `tr -d SET`. */
function translated(args: string[], input: string): string | undefined {
  const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
  const sets = args.filter((a) => !/^-[a-zA-Z]+$/.test(a)).map(expandSet);
  if (/[^d]/.test(flags.replace(/-/g, '')) || sets.some((s) => s === undefined)) return undefined;
  const [from, to] = sets as string[][];
  if (from === undefined) return undefined;
  if (flags.includes('d'))
    return sets.length === 1 ? [...input].filter((c) => !from.includes(c)).join('') : undefined;
  if (to === undefined || to.length === 0 || sets.length !== 2) return undefined;
  return [...input]
    .map((c) => {
      const at = from.lastIndexOf(c);
      return at < 0 ? c : (to[Math.min(at, to.length - 1)] as string);
    })
    .join('');
}

const CLASSES: Readonly<Record<string, string>> = {
  lower: 'a-z',
  upper: 'A-Z',
  digit: '0-9',
  alpha: 'a-zA-Z',
  alnum: 'a-zA-Z0-9',
};

function expandSet(set: string): string[] | undefined {
  const source = decodeAnsiC(set.replace(/\[:(\w+):\]/g, (m, name: string) => CLASSES[name] ?? m));
  if (/\[:|\[=|\*/.test(source)) return undefined;
  const out: string[] = [];
  const chars = [...source];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const end = chars[i + 2];
    if (chars[i + 1] === '-' && end !== undefined) {
      for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) out.push(String.fromCharCode(code));
      i += 2;
    } else out.push(c);
  }
  return out;
}
