/**
 * Every rule keyword found in one pass over a text (an Aho–Corasick automaton over ASCII, upper case folded to
 * lower, and the characters of keywords in other scripts; see SYMBOLS). The engine used to look for each rule's keywords with its own `includes` or regex test: thirty-odd
 * passes over a transcript of gigabytes, most of them finding nothing. One pass says which rules can match
 * at all, and where the keywords of gated rules sit. The same pass finds the runs of token characters that the
 * shape rules are tried on: a second loop over every character cost as much as this one.
 */

export interface Keyword {
  text: string;
  /** Found in any letter case; otherwise only as written. */
  anyCase: boolean;
  /** Its offsets are wanted (a gated rule searches near them), not only whether it occurs. */
  positional: boolean;
}

/** Runs of token characters wanted from a scan: those at least `minLength` long, of the characters marked 1. */
export interface TokenRuns {
  minLength: number;
  tokenChar: Uint8Array;
}

export interface KeywordScan {
  /** Offset of each keyword's first occurrence, -1 when absent (indexed like the matcher's keywords). */
  readonly first: Int32Array;
  /** Offsets of positional keywords, ascending; undefined when absent or when more than the cap occur. */
  readonly offsets: (number[] | undefined)[];
  /** Start and end offsets of each token run, flattened ([start0, end0, start1, end1, …]). */
  readonly runs: number[];
  /** Keyword candidates confirmed against the text: the cost beyond the one table step per character. */
  checks: number;
}

/**
 * Symbols: 0–127 are ASCII; each character outside ASCII that a keyword holds (`пароль`, `密钥`) gets one of its own
 * from 129 on (both its cases), and every other character outside ASCII is RESET, which no keyword holds. (One shared
 * symbol for them all let every two characters of Chinese or Russian prose reach the two-character keywords' state.)
 */
const ASCII = 128;
const RESET = 128;
const SYMBOLS = 256;
const SHIFT = 8;

export class KeywordMatcher {
  readonly #keywords: readonly Keyword[];
  /** delta[state * SYMBOLS + symbol]: the next state, failure links already followed; complemented when it accepts. */
  readonly #delta: Int32Array;
  /** The symbol of each UTF-16 code unit outside ASCII (RESET unless a keyword holds it). */
  readonly #symbols: Uint8Array;
  /** Keyword indexes ending at each state (a keyword's suffixes that are keywords included). */
  readonly #outputs: (readonly number[])[];
  /** Keywords with a character outside ASCII: the automaton folded its case, so they are checked as written. */
  readonly #asWritten: Uint8Array;

  constructor(keywords: readonly Keyword[]) {
    this.#keywords = keywords;
    this.#asWritten = new Uint8Array(keywords.length);
    const symbols = new Uint8Array(0x10000).fill(RESET);
    let nextSymbol = RESET + 1;
    const symbolOf = (code: number): number => {
      if (code < ASCII) return code;
      if (symbols[code] === RESET) {
        if (nextSymbol === SYMBOLS) throw new Error('keywords hold too many characters outside ASCII');
        const upper = String.fromCharCode(code).toUpperCase();
        symbols[code] = nextSymbol;
        if (upper.length === 1) symbols[upper.charCodeAt(0)] = nextSymbol;
        nextSymbol++;
      }
      return symbols[code] as number;
    };
    const edges: Int32Array[] = [new Int32Array(SYMBOLS).fill(-1)];
    const outputs: number[][] = [[]];
    keywords.forEach((k, index) => {
      let state = 0;
      const lower = k.text.toLowerCase();
      for (let i = 0; i < lower.length; i++) {
        const code = lower.charCodeAt(i);
        if (code >= ASCII) this.#asWritten[index] = 1;
        const c = symbolOf(code);
        const row = edges[state] as Int32Array;
        if (row[c] === -1) {
          row[c] = edges.length;
          edges.push(new Int32Array(SYMBOLS).fill(-1));
          outputs.push([]);
        }
        state = row[c] as number;
      }
      outputs[state]?.push(index);
    });
    const delta = new Int32Array(edges.length * SYMBOLS);
    const fail = new Int32Array(edges.length);
    const queue: number[] = [];
    const root = edges[0] as Int32Array;
    for (let c = 0; c < SYMBOLS; c++) {
      const next = root[c] as number;
      delta[c] = next === -1 ? 0 : next;
      if (next !== -1) queue.push(next);
    }
    // Breadth first, so a state's failure target is complete before the state itself is.
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      const row = edges[state] as Int32Array;
      const failed = fail[state] as number;
      outputs[state]?.push(...(outputs[failed] ?? []));
      for (let c = 0; c < SYMBOLS; c++) {
        const next = row[c] as number;
        const fallback = delta[failed * SYMBOLS + c] as number;
        if (next === -1) delta[state * SYMBOLS + c] = fallback;
        else {
          delta[state * SYMBOLS + c] = next;
          fail[next] = fallback;
          queue.push(next);
        }
      }
    }
    // Case folding: an upper-case letter moves the automaton as its lower-case form does.
    for (let s = 0; s < edges.length; s++)
      for (let c = 65; c <= 90; c++) delta[s * SYMBOLS + c] = delta[s * SYMBOLS + c + 32] as number;
    const accepting = Uint8Array.from(outputs, (o) => (o.length > 0 ? 1 : 0));
    // A step into an accepting state is stored complemented (negative): the hot loop tests the sign of the value it
    // already loaded instead of loading a flag per character.
    for (let i = 0; i < delta.length; i++) {
      const next = delta[i] as number;
      if (accepting[next] === 1) delta[i] = ~next;
    }
    this.#delta = delta;
    this.#outputs = outputs;
    this.#symbols = symbols;
  }

  /** Keywords in `text` (positional ones keep at most `maxOffsets` offsets each) and its token runs. */
  scan(text: string, maxOffsets: number, tokenRuns: TokenRuns): KeywordScan {
    const found: KeywordScan = {
      first: new Int32Array(this.#keywords.length).fill(-1),
      offsets: this.#keywords.map(() => undefined),
      runs: [],
      checks: 0,
    };
    const overflowed = new Uint8Array(this.#keywords.length);
    const delta = this.#delta;
    const symbols = this.#symbols;
    const { minLength, tokenChar } = tokenRuns;
    const runs = found.runs;
    let runStart = 0;
    let state = 0;
    const n = text.length;
    // The hot loop of the whole engine: one table step per character, the rest only at a run's end or a keyword.
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < ASCII) {
        state = delta[(state << SHIFT) | c] as number;
        if (tokenChar[c] !== 1) {
          if (i - runStart >= minLength) runs.push(runStart, i);
          runStart = i + 1;
        }
        if (state < 0) {
          state = ~state;
          this.#record(text, i, state, found, overflowed, maxOffsets);
        }
      } else {
        // Outside ASCII: a keyword's character moves the automaton, any other resets it.
        state = delta[(state << SHIFT) | (symbols[c] as number)] as number;
        if (i - runStart >= minLength) runs.push(runStart, i);
        runStart = i + 1;
        if (state < 0) {
          state = ~state;
          this.#record(text, i, state, found, overflowed, maxOffsets);
        }
      }
    }
    if (n - runStart >= minLength) runs.push(runStart, n);
    return found;
  }

  /** Records the keywords ending at `end` (the automaton in `state`). */
  #record(
    text: string,
    end: number,
    state: number,
    found: KeywordScan,
    overflowed: Uint8Array,
    maxOffsets: number,
  ): void {
    for (const k of this.#outputs[state] as number[]) {
      found.checks++;
      const keyword = this.#keywords[k] as Keyword;
      const at = end - keyword.text.length + 1;
      if ((!keyword.anyCase || this.#asWritten[k] === 1) && !text.startsWith(keyword.text, at)) continue;
      if (found.first[k] === -1) found.first[k] = at;
      if (!keyword.positional || overflowed[k] === 1) continue;
      const list = found.offsets[k] ?? [];
      found.offsets[k] = list;
      list.push(at);
      if (list.length > maxOffsets) {
        overflowed[k] = 1;
        found.offsets[k] = undefined;
      }
    }
  }
}
