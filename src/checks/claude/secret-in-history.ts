import { defineCheck } from '../../core/check.js';
import { claudeHistoryFile } from '../../discover/claude-files.js';
import { findSecrets } from '../../scanners/secrets/detect.js';
import { displayPath } from './_content-helpers.js';

/** history.jsonl grows with every prompt; beyond this it is reported, not read. */
const MAX_HISTORY_BYTES = 16 * 1024 * 1024;
const LINES_SHOWN = 5;

const FAKE_STRIPE_KEY = 'sk_live_xWFsyMYQPn3CLccmCOoQKP2T';
const FAKE_AWS_KEY_ID = 'AKIAEEARJ6ENXFWB4VFX';

const entry = (display: string, pasted = '') =>
  `${JSON.stringify({
    display,
    pastedContents: pasted ? { '1': { id: 1, type: 'text', content: pasted } } : {},
    timestamp: 1764100000000,
    project: '/home/dev/work/app',
    sessionId: '5f1c7a52-3a43-4e0b-9a55-7d2b8f0e6c11',
  })}\n`;

export default defineCheck({
  id: 'claude/secret-in-history',
  severity: 'medium',
  seedRefs: ['CC-L1', 'ON-2'],
  frameworks: ['OWASP-LLM02'],
  title: 'Secrets pasted into prompts are kept in ~/.claude/history.jsonl',
  docs: {
    why:
      'Claude Code appends every prompt, with pasted content, to history.jsonl in plain text. A key pasted ' +
      'into a prompt stays there (and in the session transcript) long after the session: any process or ' +
      'backup that reads the home directory can recover it.',
    fix:
      'Rotate the keys that were pasted, then delete the affected lines (or the whole file) from ' +
      '~/.claude/history.jsonl; pass secrets through the environment instead of the prompt.',
  },
  examples: {
    bad: [
      {
        name: 'Stripe key and AWS key id pasted into prompts',
        files: {
          '~/.claude/history.jsonl':
            entry('fix the tests') +
            entry(`use ${FAKE_STRIPE_KEY} for the charge test`) +
            entry('[Pasted text #1 +2 lines]', `AWS_ACCESS_KEY_ID=${FAKE_AWS_KEY_ID}\nregion=eu-west-1`),
        },
      },
    ],
    good: [
      {
        name: 'prompts without secrets',
        files: {
          '~/.claude/history.jsonl':
            entry('fix the tests') + entry('rename sessionId 5f1c7a52-3a43-4e0b-9a55-7d2b8f0e6c11 to id'),
        },
      },
      { name: 'no history file', files: { 'CLAUDE.md': '# Standards\n' } },
    ],
  },
  run(ctx) {
    const file = claudeHistoryFile(ctx);
    const name = displayPath(ctx, file);
    const read = ctx.fs.readText(file, { maxBytes: MAX_HISTORY_BYTES });
    if (!read.ok) {
      if (read.problem === 'missing') return [];
      return [
        {
          severity: 'info',
          file,
          message: `${name} was not scanned for pasted secrets: ${read.message.slice(file.length + 1)}.`,
          fix:
            read.problem === 'too-large'
              ? 'Trim or delete ~/.claude/history.jsonl (Claude Code recreates it), then re-run the audit.'
              : 'Check the file; Claude Code expects one JSON object per line.',
        },
      ];
    }
    const hits = findSecrets(read.text);
    if (hits.length === 0) return [];
    const lines = [...new Set(hits.map((h) => h.line))];
    const first = hits[0];
    const shown = lines.slice(0, LINES_SHOWN).join(', ') + (lines.length > LINES_SHOWN ? ', …' : '');
    return [
      {
        file,
        line: lines[0],
        message:
          `${name} holds ${hits.length} pasted secret${hits.length === 1 ? '' : 's'} on ` +
          `${lines.length} line${lines.length === 1 ? '' : 's'} (${shown}): ${[
            ...new Set(hits.map((h) => h.ruleId)),
          ].join(', ')}.`,
        ...(first && { evidence: first.masked }),
      },
    ];
  },
});
