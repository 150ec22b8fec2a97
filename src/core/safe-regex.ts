/**
 * A regular expression a file supplies (a Claude Code hook matcher), evaluated without `new RegExp` (issue 16):
 * the common subset — literals, `.`, classes, `\d\w\s` and their negations, groups, `|`, `* + ?` and small
 * `{n,m}`, `^ $` — is compiled to a linear-time program (core/linear-match.ts). Anything else (backreferences,
 * lookaround, `\b`, flags) or a source past the size cap is reported as not evaluable rather than guessed.
 */
import { type CharTest, type Program, ProgramBuilder, runProgram } from './linear-match.js';

/** Longest source evaluated; real matchers are a few tool names. */
export const MAX_SAFE_REGEX_SOURCE = 4096;
/** Largest program (after `{n,m}` copies) evaluated. */
const MAX_STEPS = 20_000;

type Node =
  | { k: 'test'; test: CharTest }
  | { k: 'start' }
  | { k: 'end' }
  | { k: 'seq'; items: Node[] }
  | { k: 'alt'; options: Node[] }
  | { k: 'repeat'; node: Node; min: number; max: number | undefined };

class Unsupported extends Error {}

const DIGIT: [number, number][] = [[48, 57]];
const WORD: [number, number][] = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
// JavaScript's \s: tab..cr, space, nbsp, ogham, en quad..hair space, line/paragraph separators, nnbsp, mmsp,
// ideographic space, BOM.
const SPACE: [number, number][] = [
  [9, 13],
  [32, 32],
  [160, 160],
  [5760, 5760],
  [8192, 8202],
  [8232, 8233],
  [8239, 8239],
  [8287, 8287],
  [12288, 12288],
  [65279, 65279],
];
const LINE_TERMINATORS: [number, number][] = [
  [10, 10],
  [13, 13],
  [8232, 8233],
];

const SIMPLE_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f', v: '\v', '0': '\0' };

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Unsupported(`unbalanced ')' at ${this.i}`);
    return node;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { k: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (let ch = this.peek(); ch !== undefined && ch !== '|' && ch !== ')'; ch = this.peek()) {
      items.push(this.quantified(this.atom()));
    }
    return { k: 'seq', items };
  }

  private quantified(node: Node): Node {
    const ch = this.peek();
    let min: number;
    let max: number | undefined;
    if (ch === '*') [min, max] = [0, undefined];
    else if (ch === '+') [min, max] = [1, undefined];
    else if (ch === '?') [min, max] = [0, 1];
    else if (ch === '{') {
      const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(this.src.slice(this.i, this.i + 12));
      if (!m) throw new Unsupported('a { that is no {n,m} quantifier');
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? undefined : Number(m[3]);
      if (max !== undefined && max < min) throw new Unsupported('a {n,m} range out of order');
      this.i += m[0].length - 1;
    } else return node;
    if (node.k === 'start' || node.k === 'end') throw new Unsupported('a quantified anchor');
    this.i++;
    // A lazy quantifier matches the same texts; only what is captured differs.
    if (this.peek() === '?') this.i++;
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?' || next === '{')
      throw new Unsupported('nothing to repeat');
    return { k: 'repeat', node, min, max };
  }

  private atom(): Node {
    const ch = this.src[this.i++] as string;
    switch (ch) {
      case '^':
        return { k: 'start' };
      case '$':
        return { k: 'end' };
      case '.':
        return { k: 'test', test: { kind: 'ranges', ranges: LINE_TERMINATORS, negate: true } };
      case '[':
        return { k: 'test', test: this.bracket() };
      case '(': {
        if (this.peek() === '?') {
          if (this.src[this.i + 1] !== ':') throw new Unsupported('lookaround or a named group');
          this.i += 2;
        }
        const inner = this.alternation();
        if (this.peek() !== ')') throw new Unsupported("unclosed '('");
        this.i++;
        return inner;
      }
      case '\\':
        return { k: 'test', test: this.escape(false) };
      case '*':
      case '+':
      case '?':
      case '{':
        throw new Unsupported('nothing to repeat');
      default:
        return { k: 'test', test: { kind: 'char', ch } };
    }
  }

  /** After a backslash: a class escape or one character. */
  private escape(inClass: boolean): CharTest {
    const ch = this.src[this.i++];
    if (ch === undefined) throw new Unsupported('a trailing backslash');
    const lower = ch.toLowerCase();
    if (lower === 'd' || lower === 'w' || lower === 's') {
      const ranges = lower === 'd' ? DIGIT : lower === 'w' ? WORD : SPACE;
      return { kind: 'ranges', ranges, negate: ch !== lower };
    }
    if (ch in SIMPLE_ESCAPES && !(ch === '0' && /\d/.test(this.peek() ?? '')))
      return { kind: 'char', ch: SIMPLE_ESCAPES[ch] as string };
    if (ch === 'x' || ch === 'u') {
      const len = ch === 'x' ? 2 : 4;
      const hex = this.src.slice(this.i, this.i + len);
      if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) throw new Unsupported(`\\${ch} escape`);
      this.i += len;
      return { kind: 'char', ch: String.fromCharCode(Number.parseInt(hex, 16)) };
    }
    if (/[A-Za-z0-9]/.test(ch) && !(inClass && ch === 'b')) throw new Unsupported(`\\${ch}`);
    return { kind: 'char', ch: inClass && ch === 'b' ? '\b' : ch };
  }

  private bracket(): CharTest {
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.i++;
    }
    const ranges: [number, number][] = [];
    let first = true;
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new Unsupported("unclosed '['");
      if (ch === ']' && !first) break;
      first = false;
      const lo = this.classAtom();
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.src[this.i + 1] !== undefined) {
        this.i++;
        const hi = this.classAtom();
        if (lo.kind !== 'char' || hi.kind !== 'char') throw new Unsupported('a range of classes');
        const [a, b] = [lo.ch.charCodeAt(0), hi.ch.charCodeAt(0)];
        if (a > b) throw new Unsupported('a reversed range');
        ranges.push([a, b]);
      } else if (lo.kind === 'char') ranges.push([lo.ch.charCodeAt(0), lo.ch.charCodeAt(0)]);
      else if (lo.kind === 'ranges' && !lo.negate) ranges.push(...lo.ranges);
      else throw new Unsupported('a negated class inside brackets');
    }
    this.i++;
    return { kind: 'ranges', ranges, negate };
  }

  private classAtom(): CharTest {
    const ch = this.src[this.i++] as string;
    if (ch === '\\') return this.escape(true);
    // `[]` and `[^]` are JavaScript-only forms; keep to what every engine agrees on.
    return { kind: 'char', ch };
  }
}

function emit(b: ProgramBuilder, node: Node): void {
  if (b.next > MAX_STEPS) throw new Unsupported('too large');
  switch (node.k) {
    case 'test':
      b.test(node.test);
      return;
    case 'start':
      b.emit({ op: 'start' });
      return;
    case 'end':
      b.emit({ op: 'end' });
      return;
    case 'seq':
      for (const item of node.items) emit(b, item);
      return;
    case 'alt': {
      const split = b.emit({ op: 'split', to: [] });
      const starts: number[] = [];
      const jumps: number[] = [];
      for (const option of node.options) {
        starts.push(b.next);
        emit(b, option);
        jumps.push(b.emit({ op: 'jump', to: -1 }));
      }
      (b.steps[split] as { to: number[] }).to = starts;
      for (const j of jumps) (b.steps[j] as { to: number }).to = b.next;
      return;
    }
    case 'repeat': {
      for (let n = 0; n < node.min; n++) emit(b, node.node);
      if (node.max === undefined) {
        const split = b.emit({ op: 'split', to: [] });
        emit(b, node.node);
        b.emit({ op: 'jump', to: split });
        (b.steps[split] as { to: number[] }).to = [split + 1, b.next];
      } else
        for (let n = node.min; n < node.max; n++) {
          const split = b.emit({ op: 'split', to: [] });
          emit(b, node.node);
          (b.steps[split] as { to: number[] }).to = [split + 1, b.next];
        }
      return;
    }
  }
}

export type SafeRegex = { ok: true; program: Program } | { ok: false; reason: string };

/** Compiles a regex source (no flags) to a linear-time program, or says why it is not evaluated. */
export function compileSafeRegex(source: string): SafeRegex {
  if (source.length > MAX_SAFE_REGEX_SOURCE)
    return { ok: false, reason: `it is ${source.length} characters long (over ${MAX_SAFE_REGEX_SOURCE})` };
  try {
    const b = new ProgramBuilder();
    emit(b, new Parser(source).parse());
    if (b.next > MAX_STEPS) throw new Unsupported('too large');
    b.emit({ op: 'match' });
    return { ok: true, program: b.steps };
  } catch (err) {
    if (err instanceof Unsupported) return { ok: false, reason: `it uses ${err.message}` };
    throw err;
  }
}

/** `RegExp.prototype.test` for a compiled source: whether it matches anywhere in `text`. */
export function safeRegexTest(program: Program, text: string): boolean {
  return runProgram(program, text, true);
}
