/**
 * The full detector on a file the agent reads as its own instructions (CLAUDE.md, skills, SOUL.md, AGENTS.md,
 * memory): the named rules at 0.6 and above, reply-shaping (`off-task`) ignored since such files shape replies
 * by design, plus what only the full detector sees: encoded runs that decode to injected instructions, and
 * paragraphs the model scores as injection with no named rule to explain them.
 */
import { detectInjection, findInjections } from './detect.js';

/** How strong a named rule's evidence must be to be reported in an instruction file. */
export const INSTRUCTION_RULE_SCORE = 0.6;
/** Rule evidence at least this strong is an attack on its own (high); below, it needs a reader (medium). */
export const HIGH_RULE_SCORE = 0.85;
/**
 * Model verdict threshold for instruction files: the value they used before the model's own threshold was
 * calibrated for fetched text (0.77 on bench/dev data); not re-tuned.
 */
const INSTRUCTION_FILE_THRESHOLD = 0.96;

export interface InstructionFileHit {
  /** A rule id of rules.ts, `model`, or `decoded-<encoding>`. */
  ruleId: string;
  score: number;
  start: number;
  end: number;
  description: string;
  severity: 'high' | 'medium';
}

export function instructionFileHits(text: string): InstructionFileHit[] {
  const hits: InstructionFileHit[] = findInjections(text, { ignoreCategories: ['off-task'] })
    .filter((h) => h.score >= INSTRUCTION_RULE_SCORE)
    .map((h) => ({
      ruleId: h.ruleId,
      score: h.score,
      start: h.start,
      end: h.end,
      description: h.description,
      severity: h.score >= HIGH_RULE_SCORE ? 'high' : 'medium',
    }));
  // Instruction files are imperative by design: a stricter threshold than the one meant for fetched text,
  // where "Respond in French" would be an injection.
  const verdict = detectInjection(text, { threshold: INSTRUCTION_FILE_THRESHOLD });
  if (!verdict.injection) return hits;
  for (const s of verdict.spans) {
    const decoded = s.rule.startsWith('decoded-');
    if (!decoded && s.rule !== 'model') continue;
    // A model paragraph that a named rule already explains adds nothing a reader can act on.
    if (!decoded && hits.some((h) => h.start >= s.start && h.start < s.end)) continue;
    hits.push({
      ruleId: s.rule,
      score: s.score,
      start: s.start,
      end: s.end,
      description: s.reason,
      severity: decoded ? 'high' : 'medium',
    });
  }
  return hits.sort((a, b) => a.start - b.start || b.score - a.score);
}
