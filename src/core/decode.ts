/**
 * Bytes → text the way the agent that reads a file would see it, so that one bad byte cannot hide a file's
 * content from the audit. Claude Code is a JavaScript app: `readFileSync(file, 'utf8')` turns each invalid
 * UTF-8 sequence into U+FFFD and keeps NUL bytes; a UTF-16 file read that way is text with a NUL between
 * characters, which a model still reads. So the audit decodes UTF-16 (by its byte-order mark, or by where its
 * NULs fall), decodes UTF-8 leniently, and says what it had to do, for the caller to judge per format.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  /** The decoded text, without a byte-order mark; NUL characters are kept (see `withoutNuls`). */
  text: string;
  encoding: TextEncodingName;
  /** How the encoding was chosen: a byte-order mark, the pattern of NUL bytes, or the UTF-8 default. */
  detectedBy: 'bom' | 'nul-pattern' | 'default';
  /** Invalid sequences replaced by U+FFFD. */
  replaced: number;
  /** NUL characters in `text`. */
  nuls: number;
}

const UTF8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const UTF16LE = new TextDecoder('utf-16le', { fatal: false, ignoreBOM: true });
const UTF16BE = new TextDecoder('utf-16be', { fatal: false, ignoreBOM: true });

/** How much of the start a BOM-less UTF-16 guess looks at. */
const SNIFF_BYTES = 4096;

/**
 * UTF-16 without a BOM: mostly-ASCII text puts a NUL in every other byte. Taken as UTF-16 when at least 40% of
 * the byte pairs sniffed have a NUL on one side and almost none on the other, which UTF-8 text padded with
 * NULs (all on both sides, or in runs) does not show.
 */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.05) return 'utf-16be';
  return undefined;
}

function countChar(text: string, ch: string): number {
  let count = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) count++;
  return count;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  let encoding: TextEncodingName = 'utf-8';
  let detectedBy: DecodedText['detectedBy'] = 'default';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    detectedBy = 'bom';
    start = 3;
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    detectedBy = 'bom';
    start = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    detectedBy = 'bom';
    start = 2;
  } else {
    const guess = guessUtf16(bytes);
    if (guess) {
      encoding = guess;
      detectedBy = 'nul-pattern';
    }
  }
  const decoder = encoding === 'utf-8' ? UTF8 : encoding === 'utf-16le' ? UTF16LE : UTF16BE;
  const body = bytes.subarray(start);
  const text = decoder.decode(body);
  // A file holding U+FFFD itself is rare; counting it after decoding keeps this one pass over the bytes.
  const replaced = countChar(text, '\ufffd');
  return { text, encoding, detectedBy, replaced, nuls: countChar(text, '\0') };
}

/** The text without NUL characters: what a reader that skips them (a model's tokenizer, a scanner) sees. */
export function withoutNuls(text: string): string {
  return text.includes('\0') ? text.replaceAll('\0', '') : text;
}

/** A short account of what decoding had to do, for a finding's message; '' when the file was plain UTF-8. */
export function describeDecoding(d: Pick<DecodedText, 'encoding' | 'replaced' | 'nuls'>): string {
  const parts: string[] = [];
  if (d.encoding !== 'utf-8') parts.push(`it is ${d.encoding.toUpperCase()} text`);
  if (d.nuls > 0) parts.push(`it holds ${d.nuls} NUL byte${d.nuls === 1 ? '' : 's'}`);
  if (d.replaced > 0)
    parts.push(
      `${d.replaced} byte sequence${d.replaced === 1 ? ' is' : 's are'} not valid ${d.encoding.toUpperCase()}`,
    );
  return parts.join(', ');
}
