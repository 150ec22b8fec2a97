/**
 * Quotation: text a document shows rather than says. Security advisories, tests, red-team reports, prompt
 * guides and incident tickets quote attacks, and the quoted words read exactly like an attack; what makes them
 * evidence rather than orders is their frame. A span is quoted when it is delimited (a code block, inline code,
 * a block quote, quotation marks) and framed as something shown: the words just before it (or, in Chinese,
 * Japanese and Korean, just after it) say that it is a line, a payload, an example, what someone wrote or what
 * a text contained; or it is a string argument in code (`screen("…")`). A sentence that reports what someone
 * made an AI do ("the payload instructed the assistant to …") is quoted from its reporting verb on.
 *
 * detect.ts scores a paragraph again without its quoted spans; where the rest no longer reads as an
 * instruction and no live exfiltration sink is left, the quotes were evidence and the paragraph is damped.
 */
import { I_EXEC, I_HIDE, I_SECRET, I_SEND, intentFeatures } from './intent.js';
import { RULES } from './rules.js';

/**
 * A line labelled as a sample ("Payload: …", "Example: …", "Attack string: …"): the rest of the line is shown.
 */
const SAMPLE_LABEL =
  /^[ \t>*-]{0,6}(?:\*\*)?(?:(?:example|sample|test|malicious|injected|attack|injection)\s+)?(?:payloads?|examples?|samples?|attack(?:\s+strings?)?|injections?|test\s+inputs?|malicious\s+inputs?|beispiel|exemple|ejemplo|exemplo|esempio|voorbeeld|przykład)(?:\*\*)?[ \t]*:[ \t]*(?:\*\*)?[ \t]*(?=\S)/gim;

type QuoteKind =
  | 'code-block'
  | 'inline-code'
  | 'block-quote'
  | 'quotation'
  | 'code-literal'
  | 'reported'
  | 'sample';

export interface QuotedSpan {
  start: number;
  end: number;
  kind: QuoteKind;
}

/** Words of `text`, lower-cased (letters and digits; "e.g." and "z. B." are read as phrases). */
const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u);

/**
 * Words that present what follows as shown text: saying, writing and containing verbs, the nouns for a piece of
 * text, example markers and attack vocabulary, in the languages the detector reads. Looked up word by word:
 * a regex alternation this long costs more than the rest of the quote reading.
 */
const FRAME_WORDS = new Set(
  'said says saying wrote writes written reads stated states typed types asked asks told tells instructed instructs contain contains contained containing includes included including ended ends line lines sentence phrase words string strings payload payloads example examples like attack attacks attacker attackers injection injections injected jailbreak jailbreaks prompt prompts input inputs pattern patterns quote quoted verbatim question answer replied hidden planted buried embedded hid lure lures malicious adversarial test tests case cases expect assert flag flags block blocks matches sagte schrieb satz text beispiel wie enthielt enthält lautet dit écrit texte exemple comme contenant dijo escribió frase texto ejemplo como contenía disse escreveu exemplo contendo continha esempio testo come zin tekst bijvoorbeeld zoals exempel som kalimat seperti contoh cümle örneğin gibi câu như zdanie przykład typu фраза фразы фразу текст например вроде типа 문장 مثل جمل जैसे वाक्य'.split(
    ' ',
  ),
);
/** Frames of several words, with punctuation, or in scripts written without spaces. */
const FRAME_PHRASES = [
  'read:',
  'read,',
  'such as',
  'for instance',
  'e.g.',
  'i.e.',
  'z. b.',
  'z.b.',
  'par exemple',
  'por ejemplo',
  'per esempio',
  'ví dụ',
  '예를 들어',
  '例えば',
  'たとえば',
  '例：',
  '例如',
  '比如',
  '这句话',
  '一句话',
];
function hasFrame(text: string): boolean {
  const lower = text.toLowerCase();
  return words(lower).some((w) => FRAME_WORDS.has(w)) || FRAME_PHRASES.some((p) => lower.includes(p));
}

/**
 * The same after a quote: '"…," one of the researchers told reporters', and in languages that put the frame
 * there: 「…」という, “…”这样的, "…" 같은 문장.
 */
const FRAME_AFTER =
  /^[\s),]{0,3}(?:という|といった|のような|のように|と書|と言|这样的|之类|的话|等|같은|이라는|라는|라고|와 같은|과 같은|जैसे|जैसा|जैसी|वाली)/u;
const SAYING_AFTER = new Set(['said', 'says', 'told', 'wrote', 'writes', 'added', 'explained', 'replied']);
function frameAfter(text: string, end: number): boolean {
  const after = text.slice(end, end + 60);
  return (
    FRAME_AFTER.test(after) ||
    words(after)
      .slice(0, 7)
      .some((w) => SAYING_AFTER.has(w))
  );
}

/** A code block that opens as a test or a payload list (`# test_injection.py`, `PAYLOADS = [`). */
const TEST_START =
  /payloads?\s*[=:]|\btest_\w+|\bdef\s+test|\bdescribe\(|\bit\(|\bfixtures?\b|\battacks?\s*=/i;
/** GitHub alert syntax: `> [!IMPORTANT]` is the document's own voice, not a quotation. */
const ALERT = /^[ \t]{0,3}>[ \t]*\[!\w+\]/;
const FENCE_LINE = /^[ \t]{0,3}(?:```|~~~)/;
const BLOCK_QUOTE_LINE = /^[ \t]{0,3}>/;
const ANY_BLOCK = /^[ \t]{0,3}(?:```|~~~|>)/m;
/** Where a quotation or inline code may open. */
const OPENER = /["'`“„«「『‘]/g;

/** Opening → closing quotation marks; straight quotes close themselves. */
const PAIRS: Record<string, string> = {
  '"': '"',
  '“': '”',
  '„': '“',
  '«': '»',
  '「': '」',
  '『': '』',
  '‘': '’',
  "'": "'",
};
const MAX_QUOTE = 600;
const MIN_QUOTE = 12;
/** A quotation's introducer is right before it ('with the line "…"', 'such as `…`'), a block's is its intro sentence. */
const INLINE_INTRO = 40;
const BLOCK_INTRO = 200;

/** A command verb right before code or a quote makes it the object of an instruction ("the agent runs `…`"). */
const ACTION_WORDS = new Set(
  'run runs running execute executes executing install installs installing write set sets add adds type paste call calls open visit use enter append insert send post fetch download ejecuta ejecutar instala instalar exécute exécuter exécutez installe installer installez ausführen installieren esegui eseguire installa installare executa executar execute rode uitvoeren'.split(
    ' ',
  ),
);
function actionBefore(before: string): boolean {
  const w = words(before).filter(Boolean);
  return ACTION_WORDS.has(w[w.length - 1] ?? '') && /[\p{L}][ \t]*:?\s*$/u.test(before.slice(-12));
}
/** `"key": "…"`, `key = "…"`: the value of a data field (a lone key on its line or in braces), not a quotation. */
const FIELD_BEFORE = /[\n{,][ \t]*["']?[\w.-]{1,40}["']?[ \t]*[:=][ \t]*$/;

/**
 * The text introducing what starts at `at`: from the last sentence end (or blank line) before it, at most
 * `window` characters. A paragraph ending with ':' introduces what follows it, past the blank line.
 */
function intro(text: string, at: number, window: number): string {
  const piece = text.slice(Math.max(0, at - window), at);
  const blank = piece.lastIndexOf('\n\n');
  const cut = blank >= 0 && !/:\s*$/.test(piece) ? piece.slice(blank) : piece;
  for (let k = cut.length - 2; k >= 0; k--) {
    const c = cut[k];
    if ((c === '.' || c === '!' || c === '?') && /\s/.test(cut[k + 1] as string)) return cut.slice(k + 2);
  }
  return cut;
}

/** Where the line holding `at` starts, looking back at most `limit` characters (a minified line is not read whole). */
function lineStartOf(text: string, at: number, limit = 400): number {
  const from = Math.max(0, at - limit);
  for (let k = at - 1; k >= from; k--) if (text.charCodeAt(k) === 10) return k + 1;
  return from;
}

/** What may precede a quote that makes up a line of a list: nothing, or a bullet or number. */
const LIST_ITEM = /^[ \t]{0,4}(?:[-*+•]|\d{1,3}[.)])?[ \t]{0,4}$/;

/** The lead-in of the list (or run of lines) holding the line at `lineStart`: the last line before it that is no item. */
function leadIn(text: string, lineStart: number): string {
  let end = lineStart - 1;
  for (let k = 0; k < 50 && end > 0; k++) {
    const start = lineStartOf(text, end);
    const line = text.slice(start, end);
    if (line.trim() && !/^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]/.test(line)) return line.slice(-BLOCK_INTRO);
    end = start - 1;
  }
  return '';
}

/** Whether the quote text[start, end) is introduced as shown text (and not as the object of a command). */
function framed(text: string, start: number, end: number): boolean {
  // A quote that makes up a line of a list is introduced by the list's lead-in ("Quiz: which is an attack?").
  const lineStart = lineStartOf(text, start);
  if (
    lineStart > 0 &&
    text.charCodeAt(lineStart - 1) === 10 &&
    start - lineStart <= 12 &&
    LIST_ITEM.test(text.slice(lineStart, start))
  )
    return hasFrame(leadIn(text, lineStart)) || frameAfter(text, end);
  // After a colon the whole intro sentence introduces the quote: 'the attacker hid one line, in white: "…"'.
  const colon = /:\s*$/.test(text.slice(Math.max(0, start - 4), start));
  const before = intro(text, start, colon ? BLOCK_INTRO : INLINE_INTRO);
  const from = Math.max(lineStart, start - 80);
  const line = `${from === lineStart ? '\n' : ''}${text.slice(from, start)}`;
  if (actionBefore(before) || FIELD_BEFORE.test(line)) return false;
  return hasFrame(before) || frameAfter(text, end);
}

/** A block's intro sentence frames it unless it ends by telling the reader to run it ("… run:"). */
const blockFramed = (before: string) => hasFrame(before) && !actionBefore(before);

/**
 * Source code: a line opening with a declaration, an import or a test call, or ending a statement or a block.
 * Read on the text's start only.
 */
const CODE_FILE =
  /^[ \t]*(?:(?:import|export|from|def|async|function|const|let|var|class|package|using|fn|pub|return|#include)\b|(?:it|test|describe|expect|assert\w*)\s*\()|[;{][ \t]*$/m;

/**
 * A straight-quoted string argument or list item in code (the previous character that is not a space is `(` or
 * `[`), in a code file or a fence. In prose, '(“…”)' is a parenthesis, not a call.
 */
function codeLiteral(text: string, start: number, inCode: boolean): boolean {
  if (!inCode || (text[start] !== '"' && text[start] !== "'")) return false;
  let k = start - 1;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
  return k >= 0 && (text[k] === '(' || text[k] === '[');
}

/**
 * A sentence that reports what someone made an AI do: a reporting verb in the past (or a base form after a modal or
 * a plural subject), an AI noun as its object. What it reports is quoted. Not the present tense: "this page
 * requires the assistant to …", "policy instructs every agent to …" state a rule the reader is to follow.
 */
const REPORTED =
  /\b(?:tell|told|ask|asked|instruct|instructed|direct|directed|order|ordered|urge|urged|command|commanded|convinced|tricked|persuaded|got|caused|wanted|required)\s+(?:(?:the|an?|its|their|our|his|her|that|this|every|any)\s+)?(?:[\w-]+\s+){0,2}?(?:assistants?|agents?|models?|bots?|copilots?|chatbots?|AI|LLMs?|screeners?|summari[sz]ers?|reviewers?)\s+(?:to|into)\b|\b(?:made|make|let)\s+(?:(?:the|an?|its|their|our|his|her|that|this|every|any)\s+)?(?:[\w-]+\s+){0,2}?(?:assistants?|agents?|models?|bots?|copilots?|chatbots?|AI|LLMs?|screeners?|summari[sz]ers?|reviewers?)\s+(?!(?:by|of|in|within|for|from|and|or|with|that|which|is|was|were|are|be|to)\b)[a-z]{3,}/gi;
/** What a base-form report follows: a relative or plural subject, or a modal ("a page might tell the agent to"). */
const REPORTING_SUBJECT_END = /(?:\b(?:that|which|who|they|might|could|can|may|would|will)|\w{3}s)\s*$/i;
const BASE_FORMS = new Set(['tell', 'ask', 'instruct', 'direct', 'order', 'urge', 'command']);
/** Who may give an AI orders: a sentence reporting that one of them did is a claim of authority, not a report. */
const AUTHORITY_SUBJECT =
  /\b(?:users?|owners?|admins?|administrators?|managers?|operators?|system|developers?|ceo|employers?|customers?|you|your|i|we)\b/i;
const SECOND_PERSON = /\b(?:you|your)\b/i;

const isWordChar = (c: string) => {
  const code = c.charCodeAt(0);
  if (code < 128)
    return (
      (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95
    );
  return /[\p{L}\p{N}]/u.test(c);
};

interface Line {
  start: number;
  end: number;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
    out.push({ start, end: nl + 1 });
    start = nl + 1;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** Code blocks and block quotes, framed or not: both are blocks of lines. */
function blocks(text: string): Array<QuotedSpan & { framed: boolean }> {
  const out: Array<QuotedSpan & { framed: boolean }> = [];
  if (!ANY_BLOCK.test(text)) return out;
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const line = all[i] as Line;
    const content = text.slice(line.start, line.end);
    if (FENCE_LINE.test(content)) {
      let j = i + 1;
      while (j < all.length && !FENCE_LINE.test(text.slice((all[j] as Line).start, (all[j] as Line).end)))
        j++;
      const end = (all[Math.min(j, all.length - 1)] as Line).end;
      const first = text.slice(line.start, Math.min(end, line.start + 160));
      out.push({
        start: line.start,
        end,
        kind: 'code-block',
        framed: blockFramed(intro(text, line.start, BLOCK_INTRO)) || TEST_START.test(first),
      });
      i = j;
    } else if (BLOCK_QUOTE_LINE.test(content)) {
      let j = i;
      while (j + 1 < all.length) {
        const next = all[j + 1] as Line;
        if (!BLOCK_QUOTE_LINE.test(text.slice(next.start, next.end))) break;
        j++;
      }
      const end = (all[j] as Line).end;
      if (!ALERT.test(content))
        out.push({
          start: line.start,
          end,
          kind: 'block-quote',
          framed: blockFramed(intro(text, line.start, BLOCK_INTRO)),
        });
      i = j;
    }
  }
  return out;
}

/**
 * Where the quote opened by `c` at `i` closes: within MAX_QUOTE characters, on the same line for inline code and
 * in the same paragraph otherwise, among the next 16 closing marks; -1 if it does not. Bounded, so linear.
 */
function closing(text: string, i: number, c: string, close: string): number {
  const window = text.slice(i + 1, i + 2 + MAX_QUOTE);
  const stop = window.indexOf(c === '`' ? '\n' : '\n\n');
  let k = window.indexOf(close);
  for (let seen = 0; k !== -1 && seen < 16; k = window.indexOf(close, k + 1), seen++) {
    if (stop !== -1 && k > stop) return -1;
    // A straight single quote closes only before a non-word: not in "user's".
    if (c !== "'" || !isWordChar(window[k + 1] ?? ' ')) return i + 1 + k;
  }
  return -1;
}

/**
 * Inline code and quotation marks opening in text[from, to) outside the given blocks, framed ones only (string
 * literals in code need no frame: `codeFile`, or inside one of `fences`).
 */
function inlineQuotes(
  text: string,
  skip: readonly QuotedSpan[],
  fences: readonly QuotedSpan[],
  codeFile: boolean,
  from: number,
  to: number,
): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  OPENER.lastIndex = from;
  for (let m = OPENER.exec(text); m && m.index < to; m = OPENER.exec(text)) {
    const i = m.index;
    const c = m[0];
    const close = c === '`' ? '`' : (PAIRS[c] as string);
    const block = skip.find((b) => i >= b.start && i < b.end);
    if (block) {
      OPENER.lastIndex = block.end;
      continue;
    }
    // Two or more backticks are a fence (or its remains), not inline code.
    if (c === '`' && (text[i + 1] === '`' || text[i - 1] === '`')) {
      while (text[OPENER.lastIndex] === '`') OPENER.lastIndex++;
      continue;
    }
    // A straight single quote opens only before a word and after a non-word: not in "don't" or "users'".
    if (c === "'" && (isWordChar(text[i - 1] ?? ' ') || !isWordChar(text[i + 1] ?? ' '))) continue;
    // Nor does a straight double quote before a blank: that one closes something.
    if (c === '"' && /\s/.test(text[i + 1] ?? ' ')) continue;
    const j = closing(text, i, c, close);
    if (j < 0) continue;
    OPENER.lastIndex = j + 1;
    // A quote shorter than a few words carries no instruction (and framing costs more than skipping it).
    if (j - i < MIN_QUOTE) continue;
    const inCode = codeFile || fences.some((f) => i >= f.start && i < f.end);
    const kind: QuoteKind =
      c === '`' ? 'inline-code' : codeLiteral(text, i, inCode) ? 'code-literal' : 'quotation';
    if (kind === 'code-literal' || framed(text, i, j + 1)) out.push({ start: i, end: j + 1, kind });
  }
  return out;
}

/** Sentences reporting what someone made an AI do, from the reporting verb to the sentence's end. */
function reported(text: string, from: number, to: number): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  // The regex reads only the range (a match may run past its end into the rest of the sentence).
  const piece = text.slice(0, Math.min(text.length, to + 80));
  REPORTED.lastIndex = from;
  for (let m = REPORTED.exec(piece); m && m.index < to; m = REPORTED.exec(piece)) {
    const lead = text.slice(Math.max(0, m.index - 400), m.index);
    const sentenceStart = Math.max(
      lead.lastIndexOf('. '),
      lead.lastIndexOf('\n'),
      lead.lastIndexOf('! '),
      lead.lastIndexOf('? '),
    );
    const subject = lead.slice(sentenceStart + 1);
    // An imperative ("Tell the assistant to …") has no subject; "the user asked the assistant to …" claims authority.
    if (!/[\p{L}]/u.test(subject) || AUTHORITY_SUBJECT.test(subject)) continue;
    // A base form reports only after a plural or relative subject ("phrases that tell the agent to …"), not after
    // "please" or "make sure to".
    const verb = (m[0].split(/\s/)[0] as string).toLowerCase();
    if (BASE_FORMS.has(verb) && !REPORTING_SUBJECT_END.test(subject)) continue;
    const rest = /[.!?](?:\s|$)|\n/.exec(text.slice(m.index, m.index + 400));
    const end = m.index + (rest ? rest.index + 1 : Math.min(400, text.length - m.index));
    if (SECOND_PERSON.test(text.slice(m.index, end))) continue;
    out.push({ start: m.index, end, kind: 'reported' });
    REPORTED.lastIndex = end;
  }
  return out;
}

/** Lines labelled as a sample in text[from, to): from after the label to the line's end. */
function samples(text: string, from: number, to: number): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  const piece = text.slice(0, to);
  SAMPLE_LABEL.lastIndex = lineStartOf(text, from);
  for (let m = SAMPLE_LABEL.exec(piece); m; m = SAMPLE_LABEL.exec(piece)) {
    const start = m.index + m[0].length;
    const nl = text.indexOf('\n', start);
    out.push({ start, end: nl === -1 ? text.length : nl, kind: 'sample' });
  }
  return out;
}

/**
 * The quoted spans of `text` that start or lie in the given ranges (default: all of it), sorted by offset
 * (spans may nest: a quotation inside a reported sentence). The whole text is read for what introduces them.
 */
export function quotedSpans(
  text: string,
  ranges: ReadonlyArray<readonly [number, number]> = [[0, text.length]],
): QuotedSpan[] {
  const inRange = (s: QuotedSpan) => ranges.some(([a, b]) => s.start < b && s.end > a);
  const all = blocks(text);
  const spans: QuotedSpan[] = all
    .filter((b) => b.framed && inRange(b))
    .map(({ start, end, kind }) => ({ start, end, kind }));
  const fences = all.filter((b) => b.kind === 'code-block');
  const codeFile = CODE_FILE.test(text.slice(0, 4000));
  const found = [...spans];
  for (const [a, b] of ranges)
    found.push(
      ...inlineQuotes(text, spans, fences, codeFile, a, b),
      ...reported(text, a, b),
      ...samples(text, a, b),
    );
  return found.sort((x, y) => x.start - y.start || y.end - x.end);
}

/** `text[start, end)` with the quoted spans in it replaced by one space each (a line break if they held one). */
export function withoutQuotes(
  text: string,
  start: number,
  end: number,
  spans: readonly QuotedSpan[],
): string {
  let out = '';
  let at = start;
  for (const s of spans) {
    if (s.end <= at || s.start >= end) continue;
    if (s.start > at) out += text.slice(at, s.start);
    const a = Math.max(s.start, at);
    const b = Math.min(s.end, end);
    out += text.slice(a, b).includes('\n') ? '\n' : ' ';
    at = b;
  }
  return out + text.slice(at, end);
}

const EXFIL_RULE = RULES.find((r) => r.id === 'markdown-exfiltration-link')?.re;
const EXFIL_LINK = EXFIL_RULE && new RegExp(EXFIL_RULE.source, EXFIL_RULE.flags);
/** Code inside a line: a command or a string in a code file, not an instruction to follow. */
const INLINE_CODE_KINDS: ReadonlySet<QuoteKind> = new Set(['inline-code', 'code-literal']);
const CODE_KINDS: ReadonlySet<QuoteKind> = new Set(['code-block', ...INLINE_CODE_KINDS]);

/**
 * A concrete target: a URL or host (not a local one), a credential file, a secret's variable name or a key in a
 * known shape.
 */
const TARGET =
  /\bhttps?:\/\/(?!localhost\b|127\.|\[::1\])[^\s"'<>]|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|dev|app|xyz|ru|cn|top|sh|example)\b|~\/\.(?:ssh|aws|gnupg|kube|docker|netrc|npmrc|pypirc|git-credentials)\b|\bid_(?:rsa|ed25519|ecdsa|dsa)\b|\.aws\/credentials|\/etc\/shadow|\b[A-Z][A-Z0-9_]*_(?:KEY|TOKEN|SECRET|PASSWORD)\b|\b(?:sk-|ghp_|AKIA|xox[abp]-)[\w-]{12,}/;
const QUOTE_MARKS = /[`"“”„«»「」『』]/g;
/** Intents that act on a target: send, run, secrets, hiding it from the user. */
const ACTING = I_SEND | I_EXEC | I_SECRET | I_HIDE;

/**
 * A live sink in text[start, end), which quoting does not disarm: a markdown image or link whose URL carries
 * data or a slot to fill, anywhere but in code (a renderer shows code, it does not fetch it); or a quote (not
 * inline code or a string in code) that tells to send, run, take secrets or hide something and names a concrete
 * target (a URL or host, a credential file, a secret): a reader that acts on it leaks or runs the same, shown
 * or not.
 */
export function liveSink(text: string, start: number, end: number, spans: readonly QuotedSpan[]): boolean {
  for (const s of spans) {
    if (INLINE_CODE_KINDS.has(s.kind)) continue;
    const a = Math.max(s.start, start);
    const b = Math.min(s.end, end);
    if (a >= b) continue;
    // Without its marks: intentFeatures sets quoted text apart as a mention.
    const inner = text.slice(a, b).replace(QUOTE_MARKS, ' ');
    if (TARGET.test(inner) && intentFeatures(inner, 0, inner.length).segment & ACTING) return true;
  }
  if (!EXFIL_LINK) return false;
  const piece = text.slice(start, end);
  EXFIL_LINK.lastIndex = 0;
  for (let m = EXFIL_LINK.exec(piece); m; m = EXFIL_LINK.exec(piece)) {
    const at = start + m.index;
    if (!spans.some((s) => CODE_KINDS.has(s.kind) && at >= s.start && at < s.end)) return true;
  }
  return false;
}
