import { defineCheck } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import { isRecord, type JsonPath } from '../../core/document/document.js';
import type { RawFinding } from '../../core/finding.js';
import { claudeHistoryFile } from '../../discover/claude-files.js';
import { claudeGlobalConfigFile } from '../../discover/claude-mcp.js';
import { loadClaudeJson } from '../../discover/claude-settings.js';
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
  title: 'Secrets pasted into prompts are kept in ~/.claude/history.jsonl or ~/.claude.json',
  docs: {
    why:
      'Claude Code appends every prompt, with pasted content, to history.jsonl in plain text (older versions ' +
      'kept them under projects[<path>].history in ~/.claude.json). A key pasted ' +
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
      {
        name: 'MCP config with a Perplexity key pasted into a prompt (Danik911/thesis_project ~/.claude.json)',
        files: {
          '~/.claude.json': JSON.stringify(
            {
              projects: {
                '/mnt/c/Users/anteb/Desktop/Courses/Projects/thesis_project': {
                  history: [
                    {
                      display: '[Pasted text #1 +12 lines] add these servers',
                      pastedContents: {
                        '1': {
                          id: 1,
                          type: 'text',
                          content:
                            '"env": {"PERPLEXITY_API_KEY": "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"}',
                        },
                      },
                    },
                  ],
                },
              },
            },
            null,
            2,
          ),
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
    const fromState = stateHistorySecrets(ctx);
    return fromState ? [...historyFileSecrets(ctx), fromState] : historyFileSecrets(ctx);
  },
});

/** Every string under a history entry (the prompt, pasted contents), with its JSON path. */
function strings(value: unknown, at: JsonPath): { path: JsonPath; text: string }[] {
  if (typeof value === 'string') return [{ path: at, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...at, i]));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => strings(v, [...at, k]));
  return [];
}

const showPath = (p: JsonPath) =>
  p
    .map((k, i) =>
      typeof k === 'number' ? `[${k}]` : i === 0 ? k : /^\w+$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`,
    )
    .join('');

/**
 * Older Claude Code versions keep each project's recent prompts, pasted text included, in ~/.claude.json
 * `projects[<path>].history`: the same leak as history.jsonl, in the file MCP configs also live in.
 */
function stateHistorySecrets(ctx: AuditContext): RawFinding | undefined {
  const file = claudeGlobalConfigFile(ctx.home, ctx.env);
  const load = loadClaudeJson(ctx, file, 64 * 1024 * 1024);
  if (load.status !== 'ok' || !isRecord(load.data.projects)) return undefined;
  const hits: { path: JsonPath; ruleId: string; masked: string }[] = [];
  for (const [project, state] of Object.entries(load.data.projects)) {
    if (!isRecord(state) || !Array.isArray(state.history)) continue;
    for (const { path, text } of strings(state.history, ['projects', project, 'history']))
      for (const h of findSecrets(text)) hits.push({ path, ruleId: h.ruleId, masked: h.masked });
  }
  const first = hits[0];
  if (!first) return undefined;
  const line = load.doc.locate(first.path).line;
  const paths = [...new Set(hits.map((h) => showPath(h.path)))];
  const shown = paths.slice(0, LINES_SHOWN).join(', ') + (paths.length > LINES_SHOWN ? ', …' : '');
  return {
    file,
    line,
    message:
      `${displayPath(ctx, file)} keeps ${hits.length} pasted secret${hits.length === 1 ? '' : 's'} in the ` +
      `prompt history of its projects (${shown}): ${[...new Set(hits.map((h) => h.ruleId))].join(', ')}.`,
    evidence: first.masked,
    fix:
      'Rotate the keys that were pasted, then delete the "history" arrays under "projects" in ~/.claude.json ' +
      '(with Claude Code closed); pass secrets through the environment instead of the prompt.',
  };
}

function historyFileSecrets(ctx: AuditContext): RawFinding[] {
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
}
