/**
 * BERT's WordPiece tokenisation, for a user-supplied ONNX text classifier (onnx.ts) and its `vocab.txt` (one
 * token per line, the id is the line number). Basic tokenisation as BERT's BasicTokenizer does it: control
 * characters dropped, whitespace splits, every punctuation mark and CJK ideograph is a word of its own,
 * optionally lower-cased with accents stripped; then greedy longest-match-first subwords (`##` continues a
 * word), a word that cannot be covered, or longer than 100 characters, is `[UNK]`. Each token keeps the
 * offsets of its word in the original text, so a classifier's window can be shown where it is.
 */

export interface Vocab {
  ids: ReadonlyMap<string, number>;
  cls: number;
  sep: number;
  unk: number;
  /** `[PAD]`, 0 when the vocabulary has none (padding is only needed by models with a fixed length). */
  pad: number;
  /** The longest token (without `##`): no longer piece is tried, so a long word costs linear time, not quadratic. */
  longest: number;
}

export interface WordPieceToken {
  id: number;
  /** Offsets of the token's word in the original text. */
  start: number;
  end: number;
}

const MAX_CHARS_PER_WORD = 100;

/** A `vocab.txt`'s tokens; throws a one-line message when a special token BERT needs is missing. */
export function parseVocab(text: string): Vocab {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const ids = new Map<string, number>();
  let longest = 0;
  lines.forEach((line, i) => {
    const token = line.endsWith('\r') ? line.slice(0, -1) : line;
    ids.set(token, i);
    longest = Math.max(longest, token.startsWith('##') ? token.length - 2 : token.length);
  });
  const special = (token: string) => {
    const id = ids.get(token);
    if (id === undefined) throw new Error(`the vocabulary has no ${token} token (is it a BERT vocab.txt?)`);
    return id;
  };
  return {
    ids,
    cls: special('[CLS]'),
    sep: special('[SEP]'),
    unk: special('[UNK]'),
    pad: ids.get('[PAD]') ?? 0,
    longest,
  };
}

const WHITESPACE = /\s/u;
const PUNCTUATION = /\p{P}/u;
const CONTROL = /[\p{Cc}\p{Cf}]/u;

/** ASCII symbols count as punctuation (BERT's rule), as does any Unicode punctuation. */
function isPunctuation(cp: number, ch: string): boolean {
  return (
    (cp >= 33 && cp <= 47) ||
    (cp >= 58 && cp <= 64) ||
    (cp >= 91 && cp <= 96) ||
    (cp >= 123 && cp <= 126) ||
    PUNCTUATION.test(ch)
  );
}

/** The CJK Unified Ideographs blocks BERT splits character by character. */
function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** Greedy longest-match-first subwords of one word; the whole word is `[UNK]` if any part cannot be matched. */
function wordPieces(vocab: Vocab, word: string): number[] {
  if (word.length > MAX_CHARS_PER_WORD) return [vocab.unk];
  const pieces: number[] = [];
  for (let start = 0; start < word.length; ) {
    let end = Math.min(word.length, start + vocab.longest);
    let id: number | undefined;
    for (; end > start; end--) {
      id = vocab.ids.get(start > 0 ? `##${word.slice(start, end)}` : word.slice(start, end));
      if (id !== undefined) break;
    }
    if (id === undefined) return [vocab.unk];
    pieces.push(id);
    start = end;
  }
  return pieces;
}

/** Token ids of `text` without `[CLS]`/`[SEP]`, each with the offsets of its word. */
export function wordPieceTokens(vocab: Vocab, text: string, lowerCase: boolean): WordPieceToken[] {
  const tokens: WordPieceToken[] = [];
  let word = '';
  let wordStart = 0;
  let wordEnd = 0;
  const flush = () => {
    const normalized = lowerCase
      ? word
          .toLowerCase()
          .normalize('NFD')
          .replace(/\p{Mn}/gu, '')
      : word;
    if (normalized)
      for (const id of wordPieces(vocab, normalized)) tokens.push({ id, start: wordStart, end: wordEnd });
    word = '';
  };
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    const next = i + ch.length;
    if (WHITESPACE.test(ch)) flush();
    else if (cp === 0xfffd || CONTROL.test(ch)) {
      // Dropped without splitting the word, as BERT's text cleaning does.
    } else if (isPunctuation(cp, ch) || isCjk(cp)) {
      flush();
      word = ch;
      wordStart = i;
      wordEnd = next;
      flush();
    } else {
      if (!word) wordStart = i;
      word += ch;
      wordEnd = next;
    }
    i = next;
  }
  flush();
  return tokens;
}
