import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { lineContaining } from '../../core/text-position.js';
import { claudeContentFiles, readContentFile } from '../../discover/claude-files.js';
import { findSecrets, type SecretHit } from '../../scanners/secrets/detect.js';
import { describeFile, maskedLine } from './_content-helpers.js';

const FAKE_ANTHROPIC_KEY = 'sk-ant-api03-mB2hdDJFOc6EO1c8KzpGZEvmVEpZeAiUFQCovXde-VZT0JELaGRfXsiC1tIc4AA';
const FAKE_GITHUB_TOKEN = 'ghp_fQ0MWHf0pCkeber6s4L6aa7XoNjAuHxcsfwp';

export default defineCheck({
  id: 'claude/secret-in-instructions',
  severity: 'high',
  seedRefs: ['CC-H1', 'CC-L1'],
  frameworks: ['OWASP-LLM02', 'SAIF'],
  title: 'A secret is written in CLAUDE.md, memory, a skill, a command or an agent file',
  docs: {
    why:
      'Claude Code loads CLAUDE.md, CLAUDE.local.md, rules, auto-memory, skills, commands and agent files into ' +
      'the model context: a key written there is sent to the model provider on every session, can be echoed ' +
      'into transcripts, logs and pull requests, and is readable by anything that reads the repository or home.',
    fix:
      'Delete the secret from the file, rotate it (assume it leaked), and keep it in the environment or a ' +
      'secret manager; CLAUDE.md should hold coding standards only.',
  },
  examples: {
    bad: [
      {
        name: 'API key in the project CLAUDE.md',
        files: {
          'CLAUDE.md': `# Project\n\nUse the staging API.\nANTHROPIC_API_KEY=${FAKE_ANTHROPIC_KEY}\n`,
        },
      },
      {
        name: 'token in a user skill',
        files: {
          '~/.claude/skills/release/SKILL.md': `---\nname: release\ndescription: Cut a release\n---\nAuthenticate with \`gh auth login --with-token <<< ${FAKE_GITHUB_TOKEN}\`\n`,
        },
      },
    ],
    good: [
      {
        name: 'CLAUDE.md with standards and an env reference only',
        files: {
          'CLAUDE.md':
            '# Standards\n\n- TypeScript strict\n- Read the key from `$ANTHROPIC_API_KEY`; never paste it here.\n' +
            '- Commit 3f786850e387550fdab836ed7e6dc881de23001b fixed the build.\n',
          '~/.claude/CLAUDE.md':
            '# Me\nPrefer small commits. Request id 123e4567-e89b-12d3-a456-426614174000.\n',
        },
      },
    ],
  },
  run(ctx) {
    const findings: RawFinding[] = [];
    for (const file of claudeContentFiles(ctx)) {
      const read = readContentFile(ctx, file.path);
      // claude/instructions-unreadable reports a file that could not be read.
      if (!read.ok) continue;
      const hits = findSecrets(read.text);
      if (hits.length === 0) continue;
      const byLine = new Map<number, SecretHit[]>();
      for (const hit of hits) byLine.set(hit.line, [...(byLine.get(hit.line) ?? []), hit]);
      for (const [line, lineHits] of byLine) {
        const first = lineHits[0] as SecretHit;
        const shown = lineContaining(read.text, first.start);
        findings.push({
          file: file.path,
          line,
          column: first.column,
          message: `${describeFile(ctx, file)} line ${line} holds what looks like a secret (${lineHits
            .map((h) => h.ruleId)
            .join(', ')}).`,
          evidence: maskedLine(shown.text, shown.start, lineHits),
        });
      }
    }
    return findings;
  },
});
