import * as path from 'node:path';
import type { AuditContext } from '../../core/context.js';
import { maskSecret, redactText } from '../../core/redact.js';
import { type ClaudeContentFile, claudeContentFiles, readContentFile } from '../../discover/claude-files.js';
import type { SecretHit } from '../../scanners/secrets/detect.js';

/** Offsets of the start of every line, for offset → 1-based line lookups. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset. */
export function positionAt(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

export function lineText(text: string, starts: number[], line: number): string {
  const start = starts[line - 1] ?? 0;
  const next = starts[line];
  return text.slice(start, next === undefined ? text.length : next - 1).replace(/\r$/, '');
}

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\u180E\uFEFF]|\uDB40[\uDC00-\uDC7F]/g;

/** Makes invisible characters visible as <U+XXXX> so evidence shows what is hidden. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (ch) => `<U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}>`);
}

/** A line as evidence: secrets masked, invisible characters shown, cut to a readable length. */
export function evidenceLine(line: string, max = 160): string {
  const shown = showInvisible(redactText(line.trim()));
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}

/**
 * A line with the given secret hits (offsets relative to the line) masked, then redacted again as a last
 * line of defence, cut around the first hit.
 */
export function maskedLine(line: string, hits: SecretHit[], max = 160): string {
  let out = '';
  let last = 0;
  for (const h of hits) {
    if (h.start < last) continue;
    out += line.slice(last, Math.max(last, h.start)) + maskSecret(line.slice(Math.max(0, h.start), h.end));
    last = h.end;
  }
  out = redactText(out + line.slice(last)).trim();
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/** How a finding names the file: `~/…` under home, project-relative in the project. */
export function displayPath(ctx: AuditContext, file: string): string {
  const inProject = path.relative(ctx.project, file);
  if (!inProject.startsWith('..') && !path.isAbsolute(inProject)) return inProject;
  const inHome = path.relative(ctx.home, file);
  if (!inHome.startsWith('..') && !path.isAbsolute(inHome)) return `~/${inHome}`;
  return file;
}

/** `CLAUDE.md`, or `~/.claude/agents/ops.md (subagent definition)` when the name alone does not say it. */
export function describeFile(ctx: AuditContext, file: ClaudeContentFile): string {
  const shown = displayPath(ctx, file.path);
  const label = KIND_LABEL[file.kind];
  return path.basename(shown) === label ? shown : `${shown} (${label})`;
}

export interface LoadedContentFile extends ClaudeContentFile {
  text: string;
}

/** Content files that could be read as text; unreadable ones are skipped (the secrets check reports them). */
export function readableContentFiles(
  ctx: AuditContext,
  accept: (f: ClaudeContentFile) => boolean = () => true,
): LoadedContentFile[] {
  const out: LoadedContentFile[] = [];
  for (const f of claudeContentFiles(ctx)) {
    if (!accept(f)) continue;
    const read = readContentFile(ctx, f.path);
    if (read.ok) out.push({ ...f, text: read.text });
  }
  return out;
}

export const KIND_LABEL: Record<ClaudeContentFile['kind'], string> = {
  'claude-md': 'CLAUDE.md',
  'claude-local-md': 'CLAUDE.local.md',
  rules: 'rules file',
  memory: 'auto-memory file',
  import: 'file imported by a CLAUDE.md',
  skill: 'skill',
  'skill-file': 'skill bundled file',
  command: 'slash command',
  agent: 'subagent definition',
};
