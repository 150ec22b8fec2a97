import * as path from 'node:path';
import type { AuditContext } from '../../core/context.js';
import { evidenceLine } from '../../core/evidence.js';
import { redactText } from '../../core/redact.js';
import { type ClaudeContentFile, claudeContentFiles, readContentFile } from '../../discover/claude-files.js';
import type { SecretHit } from '../../scanners/secrets/detect.js';

/** The claude checks take their evidence lines from here with the rest of their helpers. */
export { evidenceLine };

/**
 * A line with the engine's secret hits on it masked (`lineStart` is the line's offset in the text the hits
 * were found in), then redacted again as a last line of defence, cut to a readable length.
 */
export function maskedLine(line: string, lineStart: number, hits: readonly SecretHit[], max = 160): string {
  let out = '';
  let last = 0;
  for (const h of hits) {
    out += line.slice(last, h.start - lineStart) + h.masked;
    last = h.end - lineStart;
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
