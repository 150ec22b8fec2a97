/**
 * Pattern matching without building a RegExp from text a file supplies (issue 16): a pattern is compiled to a
 * small program of steps (a Thompson NFA) and run by keeping every live thread at once (a Pike VM), so a match
 * costs at most text length × program size, never backtracks, and a pattern of any size cannot make V8 throw
 * "Invalid regular expression: … too large". Used for Claude Code permission-rule globs and hook matchers.
 */

/** A set of characters one step accepts. */
export type CharTest =
  | { kind: 'char'; ch: string }
  | { kind: 'any' }
  /** Any character but `/` (a glob's `*` and `?`). */
  | { kind: 'not-slash' }
  /** JavaScript's `\s`. */
  | { kind: 'space' }
  /** A bracket class or escape: ranges of code units, possibly negated. */
  | { kind: 'ranges'; ranges: [number, number][]; negate: boolean };

export type Step =
  | { op: 'test'; test: CharTest }
  /** Go on at every target, in order. */
  | { op: 'split'; to: number[] }
  | { op: 'jump'; to: number }
  /** Only at the start (`^`) or the end (`$`) of the text. */
  | { op: 'start' }
  /** Only where the next character does not pass `test` (or at the end): a one-character `(?!…)`. */
  | { op: 'not-before'; test: CharTest }
  | { op: 'end' }
  | { op: 'match' };

export type Program = Step[];

const SPACE = /\s/;

export function testChar(test: CharTest, ch: string): boolean {
  switch (test.kind) {
    case 'char':
      return test.ch === ch;
    case 'any':
      return true;
    case 'not-slash':
      return ch !== '/';
    case 'space':
      return SPACE.test(ch);
    case 'ranges': {
      const code = ch.charCodeAt(0);
      const inside = test.ranges.some(([lo, hi]) => code >= lo && code <= hi);
      return inside !== test.negate;
    }
  }
}

const CHAR_TESTS = new Map<string, CharTest>();

/** One shared test object per character: a long literal costs one step object per character, no more. */
export function charTest(ch: string): CharTest {
  let test = CHAR_TESTS.get(ch);
  if (!test) {
    test = { kind: 'char', ch };
    if (CHAR_TESTS.size < 4096) CHAR_TESTS.set(ch, test);
  }
  return test;
}

/** Builds a program step by step; targets are absolute step indices. */
export class ProgramBuilder {
  readonly steps: Step[] = [];

  get next(): number {
    return this.steps.length;
  }

  emit(step: Step): number {
    this.steps.push(step);
    return this.steps.length - 1;
  }

  test(test: CharTest): void {
    this.emit({ op: 'test', test });
  }

  literal(text: string): void {
    for (let i = 0; i < text.length; i++) this.test(charTest(text[i] as string));
  }

  /** Zero or more characters passing `test`. */
  star(test: CharTest): void {
    const split = this.emit({ op: 'split', to: [] });
    this.test(test);
    this.emit({ op: 'jump', to: split });
    (this.steps[split] as { to: number[] }).to = [split + 1, this.next];
  }

  /** What `body` emits, or nothing. */
  optional(body: () => void): void {
    const split = this.emit({ op: 'split', to: [] });
    body();
    (this.steps[split] as { to: number[] }).to = [split + 1, this.next];
  }

  /** What one of the branches emits. */
  alternatives(branches: readonly (() => void)[]): void {
    const split = this.emit({ op: 'split', to: [] });
    const starts: number[] = [];
    const exits: number[] = [];
    for (const branch of branches) {
      starts.push(this.next);
      branch();
      exits.push(this.emit({ op: 'jump', to: -1 }));
    }
    (this.steps[split] as { to: number[] }).to = starts;
    for (const exit of exits) (this.steps[exit] as { to: number }).to = this.next;
  }

  /** What `body` emits, zero or more times. */
  repeat(body: () => void): void {
    const split = this.emit({ op: 'split', to: [] });
    body();
    this.emit({ op: 'jump', to: split });
    (this.steps[split] as { to: number[] }).to = [split + 1, this.next];
  }

  notBefore(test: CharTest): void {
    this.emit({ op: 'not-before', test });
  }

  /** Ends the program: the whole text must have been consumed. */
  finishWhole(): Program {
    this.emit({ op: 'end' });
    this.emit({ op: 'match' });
    return this.steps;
  }
}

/** Counts the steps a run takes (each step visited at one position is one), for tests of the cost bound. */
export interface RunCost {
  steps: number;
}

/**
 * Whether the program matches `text`. `anywhere` starts a thread at every position (a regex search, as
 * `RegExp.prototype.test` does); otherwise only at the start. Cost: each step is visited at most once per
 * position, so at most (text length + 1) × program size; the thread lists and the visited marks are allocated
 * once per run.
 */
export function runProgram(program: Program, text: string, anywhere = false, cost?: RunCost): boolean {
  const size = program.length;
  // mark[step] === generation: the step is already in the list being built for this position.
  const mark = new Int32Array(size);
  let generation = 0;
  let current = new Int32Array(size);
  let next = new Int32Array(size);
  let currentLength = 0;
  let nextLength = 0;
  const stack: number[] = [];
  // Follows split/jump/assertions from `from`, adding the test steps reached to `next`; true on a match.
  const add = (from: number, pos: number): boolean => {
    stack.push(from);
    while (stack.length > 0) {
      const at = stack.pop() as number;
      if (at >= size || mark[at] === generation) continue;
      mark[at] = generation;
      if (cost) cost.steps++;
      const step = program[at] as Step;
      switch (step.op) {
        case 'match':
          stack.length = 0;
          return true;
        case 'test':
          next[nextLength++] = at;
          break;
        case 'jump':
          stack.push(step.to);
          break;
        case 'split':
          for (let i = step.to.length - 1; i >= 0; i--) stack.push(step.to[i] as number);
          break;
        case 'start':
          if (pos === 0) stack.push(at + 1);
          break;
        case 'end':
          if (pos === text.length) stack.push(at + 1);
          break;
        case 'not-before':
          if (pos === text.length || !testChar(step.test, text[pos] as string)) stack.push(at + 1);
          break;
      }
    }
    return false;
  };
  generation = 1;
  if (add(0, 0)) return true;
  for (let pos = 0; pos < text.length; pos++) {
    [current, next] = [next, current];
    currentLength = nextLength;
    nextLength = 0;
    generation++;
    const ch = text[pos] as string;
    for (let i = 0; i < currentLength; i++) {
      const at = current[i] as number;
      const step = program[at] as Extract<Step, { op: 'test' }>;
      if (testChar(step.test, ch) && add(at + 1, pos + 1)) return true;
    }
    if (anywhere && add(0, pos + 1)) return true;
    if (nextLength === 0 && !anywhere) return false;
  }
  return false;
}

/** A compiled pattern, with the one method callers of a RegExp used. */
export interface TextMatcher {
  test(text: string, cost?: RunCost): boolean;
}

/** A whole-text matcher for a program. */
export function matcherOf(program: Program): TextMatcher {
  return { test: (text, cost) => runProgram(program, text, false, cost) };
}

/**
 * A wildcard pattern (`*` any text, with `oneChar` also `?` one character; everything else literal) compiled
 * once: for patterns a file supplies (an sshd `Include`, a policy's MCP tool name), where a RegExp must not be
 * built.
 */
export function compileWildcard(pattern: string, oneChar: boolean): TextMatcher {
  const b = new ProgramBuilder();
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '*') {
      if (pattern[i - 1] !== '*') b.star({ kind: 'any' });
    } else if (ch === '?' && oneChar) b.test({ kind: 'any' });
    else b.test(charTest(ch));
  }
  return matcherOf(b.finishWhole());
}

/** A file-name wildcard (`*` any text, `?` one character) matched in linear time. */
export function wildcardMatches(pattern: string, name: string): boolean {
  return compileWildcard(pattern, true).test(name);
}
