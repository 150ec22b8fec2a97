import * as fs from 'node:fs';
import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { openclawStateDir } from '../../core/openclaw-paths.js';
import { claudeConfigDir } from '../../core/paths.js';
import { rotationAdvice } from '../../scanners/secrets/rotation.js';
import { reportableSecrets } from '../../scanners/secrets/scan.js';
import { type StreamHit, scanFileLines } from '../../scanners/secrets/stream.js';
import { agentStateFiles, type StateKind } from '../../state/agent-files.js';

// Fake values in real formats, made up for the examples.
const FAKE_STRIPE_KEY = 'sk_live_xWFsyMYQPn3CLccmCOoQKP2T';
const FAKE_GITHUB = 'ghp_fQ0MWHf0pCkeber6s4L6aa7XoNjAuHxcsfwp';

const TRANSCRIPT = '~/.claude/projects/-home-user-work-app/0d9c1f3e-1111-4a5b-9c1d-2e3f4a5b6c7d.jsonl';
const line = (text: string) =>
  `${JSON.stringify({ type: 'user', message: { role: 'user', content: [{ type: 'text', text }] } })}\n`;

const WHAT: Record<StateKind, string> = {
  transcript: 'session transcript',
  history: 'shell history',
  log: 'agent log',
  config: 'Claude Code state file',
  memory: 'agent memory file',
};

const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/** The JSON path of the first string value containing `needle` (a rule may need context a lone value lacks). */
function pathOfValue(value: unknown, needle: string, at = ''): string | undefined {
  if (typeof value === 'string') return value.includes(needle) ? at : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = pathOfValue(value[i], needle, `${at}[${i}]`);
      if (p !== undefined) return p;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = pathOfValue(v, needle, at ? `${at}.${k}` : k);
      if (p !== undefined) return p;
    }
  }
  return undefined;
}

/**
 * ~/.claude.json is one pretty-printed JSON document: its secrets are located in the whole text and named by
 * their JSON path. MCP server entries and per-project prompt history are other checks', so they are left out here.
 */
function configSecrets(file: string): { hits: StreamHit[]; linesWithSecrets: number } {
  let text: string;
  let doc: unknown;
  try {
    if (fs.statSync(file).size > MAX_CONFIG_BYTES) return { hits: [], linesWithSecrets: 0 };
    text = fs.readFileSync(file, 'utf8');
    doc = JSON.parse(text);
  } catch {
    return { hits: [], linesWithSecrets: 0 };
  }
  const hits: StreamHit[] = [];
  for (const h of reportableSecrets(text, { file })) {
    const jsonPath = pathOfValue(doc, text.slice(h.start, h.end));
    // MCP entries are claude/mcp-plaintext-secret's; projects[].history (pasted prompts) claude/secret-in-history's.
    if (jsonPath?.includes('mcpServers') || /\.history\[\d+\]/.test(jsonPath ?? '')) continue;
    const { line, column, ruleId, masked, fingerprint, verified } = h;
    hits.push({ line, column, ruleId, masked, fingerprint, verified, ...(jsonPath && { jsonPath }) });
  }
  return { hits, linesWithSecrets: new Set(hits.map((h) => h.line)).size };
}

export default defineCheck({
  id: 'secrets/agent-state',
  severity: 'high',
  seedRefs: ['CC-L1', 'OC-L1', 'OC-L3', 'ON-2', 'CS-7'],
  frameworks: ['OWASP-LLM02'],
  title: 'Secrets sit in agent transcripts, memory, logs or shell history',
  docs: {
    why:
      'Agents copy what they see into their state: a key printed by a command, pasted into a prompt or read ' +
      'from a file ends up in the session transcript (~/.claude/projects/**/*.jsonl), in memory files, in ' +
      'agent logs and in shell history, in plain text, long after the session. Any process, backup or later ' +
      'session that reads the home directory recovers it. (Prompt history is covered by ' +
      'claude/secret-in-history and OpenClaw state by openclaw/secret-in-state.)',
    fix:
      'Rotate each secret found (the advice names where), then run `agentwarden state redact` to mask it in ' +
      'place (a backup is kept unless --no-backup) and `agentwarden state prune --older-than 14d` to drop old ' +
      'transcripts.',
  },
  examples: {
    bad: [
      {
        name: 'key pasted into a Claude Code session',
        files: { [TRANSCRIPT]: line('run the tests') + line(`use ${FAKE_STRIPE_KEY} for the charge test`) },
      },
      {
        name: 'token exported in shell history',
        files: { '~/.bash_history': `ls\nexport GH_TOKEN=${FAKE_GITHUB}\n` },
      },
    ],
    good: [
      { name: 'clean transcript', files: { [TRANSCRIPT]: line('run the tests') } },
      { name: 'no agent state', files: { 'CLAUDE.md': '# Standards\n' } },
    ],
  },
  async run(ctx) {
    const claudeDir = claudeConfigDir(ctx.home, ctx.env);
    // The state dir OpenClaw uses is openclaw/secret-in-state's (one finding per leaked file, never two);
    // legacy Clawdbot / Moltbot dirs beside it are read here.
    const openclaw = openclawStateDir(ctx.home, ctx.env, ctx.fs) + path.sep;
    const findings: RawFinding[] = [];
    for (const { file, kind } of agentStateFiles(ctx.home, claudeDir, ctx.env)) {
      if (file.startsWith(openclaw)) continue;
      const { hits, linesWithSecrets } =
        kind === 'config' ? configSecrets(file) : await scanFileLines(file, { limit: 50 });
      const first = hits[0];
      if (!first) continue;
      const rules = [...new Set(hits.map((h) => h.ruleId))];
      findings.push({
        file,
        line: first.line,
        column: first.column,
        message:
          `${file} (${WHAT[kind]}) holds secrets on ${linesWithSecrets} line(s): ${rules.join(', ')}; ` +
          `first at line ${first.line}${first.jsonPath ? `, ${first.jsonPath}` : ''}.`,
        evidence: first.masked,
        severity: kind === 'config' ? 'medium' : 'high',
        fix: `${[...new Set(rules.map(rotationAdvice))].join(' ')} Then run \`agentwarden state redact\` to mask it in ${WHAT[kind]}s.`,
      });
    }
    return findings;
  },
});
