/**
 * Where agents keep what they were told and what they did: Claude Code transcripts and prompt history, OpenClaw
 * (and legacy Moltbot / Clawdbot) session transcripts and logs, shell histories. Shared by `state redact`,
 * `state prune` and the agent-state secrets check.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeFileSystem } from '../core/files.js';
import { openclawStateDir } from '../core/openclaw-paths.js';
import { legacyStateDirs } from '../discover/openclaw.js';

type Env = Readonly<Record<string, string | undefined>>;

export type StateKind = 'transcript' | 'history' | 'log' | 'config' | 'memory';

export interface StateFile {
  file: string;
  kind: StateKind;
}

function listDir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function filesIn(dir: string, depth: number, match: (name: string) => boolean, out: string[]): void {
  for (const e of listDir(dir)) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory() && depth > 0) filesIn(abs, depth - 1, match, out);
    else if (e.isFile() && match(e.name)) out.push(abs);
  }
}

/**
 * The OpenClaw state dir OpenClaw uses ($OPENCLAW_STATE_DIR, a profile's, ~/.openclaw or a lone ~/.clawdbot),
 * then legacy Clawdbot / Moltbot dirs left beside it: they still hold old sessions and logs.
 */
export function openclawStateDirs(home: string, env: Env): string[] {
  return [openclawStateDir(home, env, nodeFileSystem), ...legacyStateDirs(home, env, nodeFileSystem)];
}
const SHELL_HISTORIES = [
  '.bash_history',
  '.zsh_history',
  '.local/share/fish/fish_history',
  '.python_history',
  '.node_repl_history',
];

/**
 * Every agent state file under `home`; `claudeDir` overrides ~/.claude ($CLAUDE_CONFIG_DIR), `env` locates
 * OpenClaw's state ($OPENCLAW_STATE_DIR, $OPENCLAW_PROFILE, $OPENCLAW_HOME).
 */
export function agentStateFiles(
  home: string,
  claudeDir = path.join(home, '.claude'),
  env: Env = {},
): StateFile[] {
  const out: StateFile[] = [];
  const add = (kind: StateKind, files: string[]) => {
    for (const file of files) out.push({ file, kind });
  };
  const transcripts: string[] = [];
  filesIn(path.join(claudeDir, 'projects'), 3, (n) => n.endsWith('.jsonl'), transcripts);
  add('transcript', transcripts);
  const memory: string[] = [];
  filesIn(path.join(claudeDir, 'projects'), 3, (n) => n.endsWith('.md'), memory);
  add('memory', memory);
  for (const dir of openclawStateDirs(home, env)) {
    const agents = path.join(dir, 'agents');
    const sessions: string[] = [];
    for (const id of listDir(agents))
      filesIn(path.join(agents, id.name, 'sessions'), 1, (n) => n.endsWith('.jsonl'), sessions);
    add('transcript', sessions);
    const memoryFiles: string[] = [];
    filesIn(path.join(dir, 'memory'), 2, (n) => /\.(?:md|jsonl?|txt)$/.test(n), memoryFiles);
    add('memory', memoryFiles);
    const logs: string[] = [];
    filesIn(path.join(dir, 'logs'), 1, (n) => /\.(?:log|jsonl)(?:\.\d+)?$/.test(n), logs);
    add('log', logs);
  }
  const claudeLogs: string[] = [];
  filesIn(path.join(claudeDir, 'logs'), 1, (n) => /\.(?:log|jsonl)$/.test(n), claudeLogs);
  add('log', claudeLogs);
  add(
    'history',
    SHELL_HISTORIES.map((h) => path.join(home, h)).filter((f) =>
      fs.statSync(f, { throwIfNoEntry: false })?.isFile(),
    ),
  );
  const claudeJson = path.join(home, '.claude.json');
  if (fs.statSync(claudeJson, { throwIfNoEntry: false })?.isFile()) add('config', [claudeJson]);
  return out;
}

/** Files `state redact` rewrites: JSONL transcripts and histories (line-oriented, safe to redact in place). */
export function redactableStateFiles(home: string, claudeDir?: string, env: Env = {}): string[] {
  const dir = claudeDir ?? path.join(home, '.claude');
  const history = path.join(dir, 'history.jsonl');
  const files = agentStateFiles(home, dir, env)
    .filter((f) => f.kind === 'transcript' || f.kind === 'history' || f.kind === 'log')
    .map((f) => f.file);
  return fs.statSync(history, { throwIfNoEntry: false })?.isFile() ? [history, ...files] : files;
}
