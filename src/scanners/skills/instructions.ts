import { evidenceLine } from '../../core/evidence.js';
import { lineStarts, lineText, positionAt } from '../../core/text-position.js';
import { findInjections } from '../injection/detect.js';
import type { ScanState } from './state.js';

/** Same bar as the instruction-injection check: skills instruct the model by design, so off-task is ignored. */
const THRESHOLD = 0.6;
const MAX_PER_FILE = 10;
/** Bidi controls and invisible tag characters: text a reviewer does not see but the model reads. */
const HIDDEN = /[\u202A-\u202E\u2066-\u2069]|\uDB40[\uDC00-\uDC7F]/;
const ZERO_WIDTH = /[\u200B\u200C\u200E\u200F\u2060-\u2064\uFEFF]/g;

/** Text aimed at the model (SKILL.md and the markdown a skill bundles): injected orders, hidden text. */
export function scanInstructions(state: ScanState, text: string, file: string): void {
  const starts = lineStarts(text);
  const seen = new Set<number>();
  for (const hit of findInjections(text, { ignoreCategories: ['off-task'] })) {
    if (hit.score < THRESHOLD) continue;
    const { line } = positionAt(starts, hit.start);
    if (seen.has(line)) continue;
    if (seen.size >= MAX_PER_FILE) break;
    seen.add(line);
    state.add({
      rule: `instruction:${hit.ruleId}`,
      category: 'instructions',
      severity: hit.score >= 0.85 ? 'high' : 'medium',
      message: `tells the model: ${hit.description}`,
      file,
      line,
      evidence: evidenceLine(lineText(text, starts, line)),
    });
  }
  hiddenCharacters(state, text, file, 'instructions', starts);
}

/**
 * Hidden characters in any text file: bidi overrides reorder code a reviewer reads (Trojan Source), tag
 * characters carry invisible instructions, runs of zero-width characters hide text between visible words.
 * In markdown the hidden text is aimed at the model, so it is reported with the instructions.
 */
export function hiddenCharacters(
  state: ScanState,
  text: string,
  file: string,
  category: 'instructions' | 'red-flag' = 'red-flag',
  starts = lineStarts(text),
): void {
  const hidden = HIDDEN.exec(text);
  const zeroWidth = [...text.matchAll(ZERO_WIDTH)];
  const at = hidden?.index ?? (zeroWidth.length >= 3 ? zeroWidth[0]?.index : undefined);
  if (at === undefined) return;
  const { line } = positionAt(starts, at);
  state.add({
    rule: 'hidden-unicode',
    category,
    severity: 'high',
    message: hidden
      ? 'contains invisible tag or bidirectional-override characters: text the reviewer does not see'
      : 'contains runs of zero-width characters that can hide text',
    file,
    line,
    evidence: evidenceLine(lineText(text, starts, line)),
  });
}
