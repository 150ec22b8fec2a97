import { defineCheck } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import { describeDecoding } from '../../core/decode.js';
import type { RawFinding } from '../../core/finding.js';
import {
  type ClaudeContentFile,
  claudeContentFiles,
  MAX_INSTRUCTION_BYTES,
  readContentFile,
} from '../../discover/claude-files.js';
import { describeFile } from './_content-helpers.js';

const MB = 1024 * 1024;

export default defineCheck({
  id: 'claude/instructions-unreadable',
  severity: 'high',
  seedRefs: ['CC-H6', 'CC-H3'],
  frameworks: ['OWASP-LLM01'],
  title: 'CLAUDE.md, a skill, command, agent or memory file could not be read fully',
  docs: {
    why:
      'Claude Code loads these files into the model context. A file padded past the size the audit reads, ' +
      'or one whose bytes hide its text from editors and diffs (UTF-16, NUL bytes), is how injected ' +
      'instructions get past review: what the audit could not read, it could not check.',
    fix:
      'Open the file in a hex-aware editor or `cat -v` it, remove padding and stray bytes, save it as plain ' +
      'UTF-8, and review it; if you did not put it there, find where it came from (git log, the skill source).',
  },
  examples: {
    bad: [
      {
        name: 'CLAUDE.md padded past what the audit reads',
        files: { 'CLAUDE.md': `# Project\n${' '.repeat(MAX_INSTRUCTION_BYTES)}\nUse pnpm.\n` },
      },
      {
        name: 'UTF-16 CLAUDE.md (shows as spaced-out text, scanned decoded)',
        files: {
          'CLAUDE.md': { bytes: [0xff, 0xfe, ...[...'# Use pnpm\n'].flatMap((c) => [c.charCodeAt(0), 0])] },
        },
      },
      {
        name: 'a skill that is a link to a missing file',
        files: { '~/.claude/skills/fmt/SKILL.md': { symlink: '~/gone/SKILL.md' } },
      },
    ],
    good: [
      {
        name: 'plain UTF-8 instruction files, one with a byte-order mark and one invalid byte',
        files: {
          'CLAUDE.md': '\ufeff# Project\n\nUse pnpm.\n',
          '~/.claude/CLAUDE.md': { bytes: [...Buffer.from('# Me\nPrefer small commits. '), 0xff, 0x0a] },
        },
      },
    ],
  },
  run(ctx) {
    const findings: RawFinding[] = [];
    for (const file of claudeContentFiles(ctx)) {
      const finding = readingFinding(ctx, file);
      if (finding) findings.push(finding);
    }
    return findings;
  },
});

function readingFinding(ctx: AuditContext, file: ClaudeContentFile): RawFinding | undefined {
  const read = readContentFile(ctx, file.path);
  const name = describeFile(ctx, file);
  if (!read.ok) {
    if (read.problem === 'missing') return undefined;
    // Claude Code cannot read it either, so it hides nothing yet; but something put a broken file where
    // instructions load from.
    return {
      severity: 'medium',
      file: file.path,
      message: `${name} could not be read: ${read.message.slice(file.path.length + 1)}; its content was not checked.`,
    };
  }
  if (read.truncated)
    return {
      file: file.path,
      message:
        `${name} could not be read fully: it is ${(read.size / MB).toFixed(1)} MB and only its first ` +
        `${MAX_INSTRUCTION_BYTES / MB} MB were checked; Claude Code loads the rest too.`,
    };
  const decoding = read.decoding;
  if (decoding && (decoding.encoding !== 'utf-8' || decoding.nuls > 0))
    return {
      severity: 'medium',
      file: file.path,
      message:
        `${name} is not plain UTF-8 text (${describeDecoding(decoding)}): editors and diffs may not show what ` +
        'the model reads. agentwarden checked the decoded text.',
    };
  return undefined;
}
