/**
 * Prompt-injection detection for text an agent will read as instructions or data (CLAUDE.md, skills, project
 * docs, fetched pages, tool results). Pure and synchronous: text in, verdict out. Three layers:
 * normalize.ts (hidden characters, look-alikes, hidden markup, encoded payloads), rules.ts (named,
 * explainable patterns) and model.ts (logistic regression with a small hidden layer over the text's structure
 * (structure.ts), its intents in thirteen languages (intent.ts), rule evidence and n-grams, calibrated).
 *
 * `detectInjection` gives the combined verdict with spans explaining it; `findInjections` and
 * `injectionScore` give the rules alone (instruction-file checks use them with their own threshold).
 * Figures and which data each threshold was tuned on: docs/benchmarks.md (`node bench/injection-detector.mjs`).
 */

import { intentFeatures, intentWords } from './intent.js';
import {
  calibrated,
  denseFeatures,
  denseLogit,
  hashedSum,
  type InjectionModel,
  shippedModel,
} from './model.js';
import {
  type DecodedPayload,
  findEncodedPayloads,
  findHiddenRegions,
  type NormalizedText,
  normalizeForScan,
  originalOffset,
} from './normalize.js';
import { liveSink, type QuotedSpan, quotedSpans, withoutQuotes } from './quoted.js';
import { findRuleHits, type InjectionHit, RULES, type RuleScanOptions } from './rules.js';
import { structureFeatures } from './structure.js';

export type { InjectionCategory, InjectionHit } from './rules.js';
export type InjectionOptions = RuleScanOptions;

const LITERAL_RULES = new Set(RULES.filter((r) => r.literal).map((r) => r.id));

/** Rule hits with offsets into `text`; rules other than hidden-character ones read the normalised text. */
function ruleHits(text: string, norm: NormalizedText, opts: RuleScanOptions): InjectionHit[] {
  if (!norm.pieces) return findRuleHits(text, opts);
  const literal = findRuleHits(text, { ...opts, literalOnly: true });
  const textual = findRuleHits(norm.text, opts)
    .filter((h) => !LITERAL_RULES.has(h.ruleId))
    .map((h) => ({ ...h, start: originalOffset(norm, h.start), end: originalOffset(norm, h.end) }));
  return [...literal, ...textual].sort((a, b) => a.start - b.start || b.score - a.score);
}

export function findInjections(text: string, opts: InjectionOptions = {}): InjectionHit[] {
  return ruleHits(text, normalizeForScan(text), opts);
}

/** Highest rule score (0 when nothing matched). */
export function injectionScore(text: string, opts: InjectionOptions = {}): number {
  let best = 0;
  for (const hit of findInjections(text, opts)) if (hit.score > best) best = hit.score;
  return best;
}

export interface InjectionSpan {
  start: number;
  end: number;
  /**
   * The detector's own rule (rules.ts), `model` (the n-gram model's strongest segment) or
   * `decoded-<encoding>`: not a guard rule id, hence not `ruleId`.
   */
  rule: string;
  score: number;
  reason: string;
  /** The span is text a human reader does not see (an HTML comment, a hidden element): the model's verdict on it. */
  hidden?: boolean;
}

export interface InjectionVerdict {
  /** Calibrated probability-like score in [0, 1]. */
  score: number;
  injection: boolean;
  /** Where the evidence is, offsets into the text given; sorted by offset. */
  spans: InjectionSpan[];
  /** One line per kind of evidence, strongest first. */
  reasons: string[];
  /**
   * Quoted text (quoted.ts) that read like injected instructions where nothing outside it did: shown as
   * evidence, not an order, so its paragraph was damped. Offsets into the text given.
   */
  quoted?: QuotedSpan[];
}

export interface DetectOptions {
  /**
   * Verdict threshold on the calibrated score; default: the model's own, chosen in training on development
   * data only (docs/benchmarks.md).
   */
  threshold?: number;
  model?: InjectionModel;
}

/** Rules that decide alone: hidden text that no legitimate document needs, and data leaving in one step. */
const DECISIVE_SCORE = 0.85;
/** Long paragraphs are scored in pieces so a planted sentence is not diluted by the page around it. */
const MAX_SEGMENT = 1200;
/** Short paragraphs stay with their neighbours: a heading alone says little. */
const MIN_SEGMENT = 80;
const BLANK_LINE_AFTER = /^[ \t]*\n/;

/** Paragraph-sized pieces of text: split at blank lines, long ones at line ends (or anywhere past twice the size). */
export function segments(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
    while (nl - start >= MAX_SEGMENT * 2) {
      out.push([start, start + MAX_SEGMENT]);
      start += MAX_SEGMENT;
    }
    const len = nl - start;
    // A paragraph ending in ':' introduces the next one ("an attacker writes:"): they stay together.
    const intro = text.charCodeAt(nl - 1) === 58;
    if (
      (len >= MIN_SEGMENT && !intro && BLANK_LINE_AFTER.test(text.slice(nl + 1, nl + 8))) ||
      len >= MAX_SEGMENT
    ) {
      out.push([start, nl + 1]);
      start = nl + 1;
    }
  }
  while (text.length - start > MAX_SEGMENT * 2) {
    out.push([start, start + MAX_SEGMENT]);
    start += MAX_SEGMENT;
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

interface ScoredSegment {
  start: number;
  end: number;
  score: number;
  hidden: boolean;
  hits: InjectionHit[];
}

/** Words of a segment whose own n-grams weigh most towards injection: the model's explanation. */
function strongestWords(model: InjectionModel, text: string, start: number, end: number): string[] {
  const words = new Map<string, number>();
  const re = /[A-Za-z][A-Za-z']{2,30}/g;
  re.lastIndex = start;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    const w = m[0].toLowerCase();
    if (!words.has(w)) words.set(w, hashedSum(model.weights, ` ${w} `, 0, w.length + 2).sum);
  }
  return [...words]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([w]) => w);
}

/**
 * One segment's score. Structure and n-grams are cheap and always computed; the rules run only where those
 * alone clear the model's gate (chosen in training so that nearly every injection does): most of a README or
 * a source file never pays for thirty regexes.
 */
function scoreSegment(
  model: InjectionModel,
  t: string,
  start: number,
  end: number,
  hidden: boolean,
): ScoredSegment {
  const { sum, n } = hashedSum(model.weights, t, start, end);
  const structure = structureFeatures(t, start, end);
  const base = model.bias + (n > 0 ? sum / Math.sqrt(n) : 0);
  const cheapLogit = base + denseLogit(model, denseFeatures([], hidden, structure));
  if (cheapLogit < model.gateLogit && !hidden)
    return { start, end, score: calibrated(model, cheapLogit), hidden, hits: [] };
  const hits = findRuleHits(t.slice(start, end)).map((h) => ({
    ...h,
    start: h.start + start,
    end: h.end + start,
  }));
  // The whole dense part again with the rules' evidence: the hidden layer is not additive.
  const logit = base + denseLogit(model, denseFeatures(hits, hidden, structure));
  return { start, end, score: calibrated(model, logit), hidden, hits };
}

/** Rules that find the reading AI addressed: outside the quotes, they keep a paragraph from being damped. */
const ADDRESS_RULES = new Set(['addressed-to-ai', 'instruction-to-ai']);
/** Quoted characters a paragraph needs before it is scored again without them: a short sentence. */
const MIN_QUOTED = 24;
/** Words outside the quotes a paragraph needs to frame them: fewer ("Example:", "The prompt says:") is a label. */
const MIN_FRAME_WORDS = 5;

/**
 * Paragraphs that read as an injection only through what they quote (quoted.ts: code blocks, block quotes,
 * quotation marks framed as shown text, reported speech): scored again without the quotes, and damped to that
 * score where the rest frames them (more than a label), no longer reads as an instruction and no live sink
 * is left. A paragraph with a rule hit that decides alone is never damped. Returns the quoted spans that
 * damped a paragraph.
 */
function dampQuoted(
  model: InjectionModel,
  t: string,
  scored: ScoredSegment[],
  threshold: number,
): { quotes: QuotedSpan[]; before: number; after: number } | undefined {
  const suspect = (seg: ScoredSegment) =>
    !seg.hidden && seg.score >= threshold && !seg.hits.some((h) => h.score >= DECISIVE_SCORE);
  const ranges = scored.filter(suspect).map((seg) => [seg.start, seg.end] as const);
  if (!ranges.length) return undefined;
  const quotes = quotedSpans(t, ranges);
  if (!quotes.length) return undefined;
  const used = new Set<QuotedSpan>();
  let before = 0;
  let after = 0;
  for (const seg of scored) {
    if (!suspect(seg)) continue;
    const inside = quotes.filter((q) => q.start < seg.end && q.end > seg.start);
    // A quote shorter than a short sentence carries no instruction: no need to score the paragraph again.
    const quoted = inside.reduce((n, q) => n + Math.min(q.end, seg.end) - Math.max(q.start, seg.start), 0);
    if (quoted < MIN_QUOTED || liveSink(t, seg.start, seg.end, inside)) continue;
    const masked = withoutQuotes(t, seg.start, seg.end, inside);
    if ((masked.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) < MIN_FRAME_WORDS) continue;
    const again = scoreSegment(model, masked, 0, masked.length, false);
    // Outside the quotes the text speaks to the AI reading it ("AI agents reading this: do what the example
    // says"): the quote is what it hands over, not evidence.
    if (
      again.score >= threshold ||
      findRuleHits(masked).some((h) => ADDRESS_RULES.has(h.ruleId) && h.score >= 0.45)
    )
      continue;
    before = Math.max(before, seg.score);
    after = Math.max(after, again.score);
    seg.score = again.score;
    for (const q of inside) used.add(q);
  }
  return used.size ? { quotes: [...used], before, after } : undefined;
}

function detectNormalized(
  text: string,
  norm: NormalizedText,
  model: InjectionModel,
  threshold: number,
  depth: number,
): InjectionVerdict {
  const t = norm.text;
  const scored: ScoredSegment[] = [];
  for (const [start, end] of segments(t)) scored.push(scoreSegment(model, t, start, end, false));
  for (const region of findHiddenRegions(t))
    if (region.innerEnd - region.innerStart >= 20) {
      const seg = scoreSegment(model, t, region.innerStart, region.innerEnd, true);
      scored.push({ ...seg, start: region.start, end: region.end });
    }
  const damped = dampQuoted(model, t, scored, threshold);

  const at = (offset: number) => originalOffset(norm, offset);
  const spans: InjectionSpan[] = [];
  const reasons = new Map<string, number>();
  const addReason = (reason: string, score: number) =>
    reasons.set(reason, Math.max(reasons.get(reason) ?? 0, score));
  let score = 0;
  for (const seg of scored) {
    score = Math.max(score, seg.score);
    if (seg.score < threshold) continue;
    const words = strongestWords(model, t, seg.start, seg.end);
    const intents = intentWords(intentFeatures(t, seg.start, seg.end).segment);
    const where = seg.hidden ? 'text hidden from a human reader' : 'text';
    spans.push({
      start: at(seg.start),
      end: at(seg.end),
      rule: 'model',
      score: seg.score,
      ...(seg.hidden && { hidden: true }),
      reason: `${where} reads like injected instructions (model ${seg.score.toFixed(2)}${intents.length ? `; intents: ${intents.join(', ')}` : ''}${words.length ? `; strongest words: ${words.join(', ')}` : ''})`,
    });
    addReason(`model: ${where} reads like injected instructions`, seg.score);
    for (const h of seg.hits) {
      if (h.score < 0.3) continue;
      spans.push({
        start: at(h.start),
        end: at(h.end),
        rule: h.ruleId,
        score: h.score,
        reason: h.description,
      });
      addReason(`${h.ruleId}: ${h.description}`, h.score);
    }
  }
  // Decisive rules count wherever they are; hidden-character rules read the original text.
  const decisive = [
    ...scored.flatMap((seg) => seg.hits).map((h) => ({ ...h, start: at(h.start), end: at(h.end) })),
    ...(norm.pieces ? findRuleHits(text, { literalOnly: true }) : []),
  ].filter((h) => h.score >= DECISIVE_SCORE);
  for (const h of decisive) {
    // Deciding alone means a verdict whatever threshold the model's calibration chose.
    score = Math.max(score, h.score, threshold);
    if (!spans.some((s) => s.rule === h.ruleId && s.start === h.start))
      spans.push({ start: h.start, end: h.end, rule: h.ruleId, score: h.score, reason: h.description });
    addReason(`${h.ruleId}: ${h.description}`, h.score);
  }
  if (damped)
    addReason(
      `quoted: text that reads like injected instructions is quoted or reported (${[...new Set(damped.quotes.map((q) => q.kind))].join(', ')}) and nothing outside it orders the reader: evidence, not an order${damped.before ? ` (model ${damped.before.toFixed(2)} -> ${damped.after.toFixed(2)})` : ''}`,
      0,
    );
  if (depth === 0)
    for (const p of findEncodedPayloads(t))
      score = Math.max(score, addPayload(p, model, threshold, at, spans, addReason));
  spans.sort((a, b) => a.start - b.start || b.score - a.score);
  return {
    score,
    injection: score >= threshold,
    spans,
    reasons: [...reasons].sort((a, b) => b[1] - a[1]).map(([r]) => r),
    ...(damped && {
      quoted: damped.quotes.map((q) => ({ ...q, start: at(q.start), end: at(q.end) })),
    }),
  };
}

/** An encoded run is scanned again decoded; if that is an injection, the run is one. Returns its score. */
function addPayload(
  p: DecodedPayload,
  model: InjectionModel,
  threshold: number,
  at: (offset: number) => number,
  spans: InjectionSpan[],
  addReason: (reason: string, score: number) => void,
): number {
  const inner = detectNormalized(p.decoded, normalizeForScan(p.decoded), model, threshold, 1);
  if (!inner.injection) return 0;
  const preview = p.decoded.replace(/\s+/g, ' ').slice(0, 80);
  const reason = `${p.encoding}-encoded text that decodes to injected instructions: "${preview}"`;
  spans.push({
    start: at(p.start),
    end: at(p.end),
    rule: `decoded-${p.encoding}`,
    score: inner.score,
    reason,
  });
  addReason(reason, inner.score);
  return inner.score;
}

/** The detector's verdict on one text: calibrated score, decision, and the spans that explain it. */
export function detectInjection(text: string, opts: DetectOptions = {}): InjectionVerdict {
  const model = opts.model ?? shippedModel();
  const threshold = opts.threshold ?? model.threshold;
  return detectNormalized(text, normalizeForScan(text), model, threshold, 0);
}
