import { evidenceLine } from '../core/evidence.js';
import type { RawFinding } from '../core/finding.js';
import { redactText } from '../core/redact.js';
import { lineStarts, lineText, positionAt } from '../core/text-position.js';
import { type InstructionFileHit, instructionFileHits } from '../scanners/injection/instruction-file.js';

/**
 * Findings for one file an agent reads as its own instructions (Claude Code's CLAUDE.md, skills, commands,
 * memory; OpenClaw's SOUL.md, AGENTS.md, memory): the full detector's evidence grouped by line, high where
 * any evidence on the line is an attack on its own.
 */
const MAX_PER_FILE = 10;

/** Tag characters U+E0020–U+E007E mirror ASCII: decode them so the report shows the hidden text. */
function hiddenTagText(text: string, hit: InstructionFileHit): string {
  let out = '';
  for (const ch of text.slice(hit.start, hit.end)) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xe0020 && cp <= 0xe007e) out += String.fromCharCode(cp - 0xe0000);
  }
  return out.trim();
}

/** `name` is how the message names the file (`CLAUDE.md`, `~/.openclaw/workspace/SOUL.md`). */
export function instructionInjectionFindings(file: string, name: string, text: string): RawFinding[] {
  const hits = instructionFileHits(text);
  if (hits.length === 0) return [];
  const findings: RawFinding[] = [];
  const starts = lineStarts(text);
  const byLine = new Map<number, InstructionFileHit[]>();
  for (const hit of hits) {
    const { line } = positionAt(starts, hit.start);
    byLine.set(line, [...(byLine.get(line) ?? []), hit]);
  }
  for (const [line, lineHits] of [...byLine].slice(0, MAX_PER_FILE)) {
    lineHits.sort((a, b) => b.score - a.score);
    const top = lineHits[0] as InstructionFileHit;
    const what = [...new Set(lineHits.map((h) => `${h.description} [${h.ruleId}]`))].join('; ');
    const tags = lineHits.find((h) => h.ruleId === 'invisible-tag-characters');
    const hidden = tags ? hiddenTagText(text, tags) : '';
    findings.push({
      file,
      line,
      column: positionAt(starts, top.start).column,
      severity: lineHits.some((h) => h.severity === 'high') ? 'high' : 'medium',
      message:
        `${name} line ${line}: ${what}` +
        (hidden ? `; hidden text reads: "${redactText(hidden).slice(0, 120)}"` : '') +
        '.',
      evidence: evidenceLine(lineText(text, starts, line)),
    });
  }
  if (byLine.size > MAX_PER_FILE)
    findings.push({
      file,
      message: `${name} has ${byLine.size - MAX_PER_FILE} more suspicious lines not listed.`,
    });
  return findings;
}
