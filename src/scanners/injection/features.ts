/**
 * Hashed word n-gram features shared by the model at run time and by scripts/train-injection-model.mjs, so
 * training and scoring read text identically. One pass, no allocation: runs of letters and digits
 * (lower-cased, digits folded to 0, other non-ASCII folded to a few buckets) give word unigrams and bigrams.
 * Character n-grams are gone on purpose: they memorised the tuning corpus's style (spelling, punctuation,
 * formatting) rather than what an injection asks for, and cost five features a character. Each feature is
 * an index into a table of 2^HASH_BITS weights: 2^14 (was 2^16) with a stronger pull to zero in training, so
 * the n-grams stay a coarse, shared vocabulary rather than a memory of the training rows.
 */
export const HASH_BITS = 14;
const MASK = (1 << HASH_BITS) - 1;
const SEED_WORD = 0x27d4eb2f;
const SEED_BIGRAM = 0x165667b1;

function finish(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & MASK;
}

/** Features of text[start, end) written into `out` from index 0; returns how many (out must hold 2 per char). */
export function textFeatures(text: string, start: number, end: number, out: Int32Array): number {
  let n = 0;
  let word = SEED_WORD;
  let inWord = false;
  let prevWord = 0;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c >= 48 && c <= 57) c = 48;
    else if (c > 127) c = 1 + (c % 7);
    if ((c >= 97 && c <= 122) || c === 48 || c < 8) {
      word = Math.imul(word ^ c, 16777619);
      inWord = true;
    } else if (inWord) {
      out[n++] = finish(word);
      if (prevWord !== 0) out[n++] = finish(Math.imul(prevWord, 31) ^ word ^ SEED_BIGRAM);
      prevWord = word;
      word = SEED_WORD;
      inWord = false;
    }
  }
  if (inWord) {
    out[n++] = finish(word);
    if (prevWord !== 0) out[n++] = finish(Math.imul(prevWord, 31) ^ word ^ SEED_BIGRAM);
  }
  return n;
}

/** A buffer large enough for the features of `length` characters. */
export function featureBuffer(length: number): Int32Array {
  return new Int32Array(length * 2 + 8);
}
