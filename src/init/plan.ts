import * as fs from 'node:fs';
import * as path from 'node:path';
import { installGuardHooks } from '../adapters/claude-code/settings-edit.js';
import { createFile, readForEdit, replaceWithBackup } from '../fix/file.js';
import {
  CLAUDE_MD,
  caddyfile,
  claudeSettingsBase,
  composeFile,
  ENV_EXAMPLE,
  GITIGNORE,
  type InitOptions,
  openclawConfig,
  SOUL_MD,
  ufwScript,
} from './templates.js';

export interface PlannedFile {
  /** Relative to the target directory. */
  path: string;
  content: string;
  mode: number;
}

/** Every file init writes for this agent, in the order it reports them. */
export function initFiles(o: InitOptions): PlannedFile[] {
  const common: PlannedFile[] = [
    { path: 'compose.yaml', content: composeFile(o), mode: 0o644 },
    { path: 'Caddyfile', content: caddyfile(o), mode: 0o644 },
    { path: 'ufw-rules.sh', content: ufwScript(o), mode: 0o755 },
    { path: '.env.example', content: ENV_EXAMPLE, mode: 0o644 },
    { path: '.gitignore', content: GITIGNORE, mode: 0o644 },
  ];
  if (o.agent === 'openclaw')
    return [
      ...common,
      { path: 'config/openclaw.json', content: openclawConfig(), mode: 0o600 },
      { path: 'workspace/SOUL.md', content: SOUL_MD, mode: 0o644 },
    ];
  const settings = installGuardHooks(claudeSettingsBase(), o.hookCommands);
  if (!settings.ok) throw new Error(`internal error building settings.json: ${settings.error}`);
  return [
    ...common,
    { path: '.claude/settings.json', content: settings.text, mode: 0o644 },
    { path: 'CLAUDE.md', content: CLAUDE_MD, mode: 0o644 },
    { path: 'config/.keep', content: '', mode: 0o644 },
  ];
}

export type WriteOutcome =
  | { path: string; status: 'created' }
  | { path: string; status: 'replaced'; backup: string }
  | { path: string; status: 'kept'; reason: string };

/** Writes the files into dir; an existing file is kept unless force, and then backed up before it is replaced. */
export function writeInitFiles(
  dir: string,
  files: PlannedFile[],
  opts: { force: boolean; now: Date },
): WriteOutcome[] {
  return files.map((f) => {
    const file = path.join(dir, f.path);
    const target = readForEdit(file, 16 * 1024 * 1024);
    if (target.ok && target.exists) {
      if (target.text === f.content) return { path: f.path, status: 'kept', reason: 'already up to date' };
      if (!opts.force)
        return { path: f.path, status: 'kept', reason: 'exists (use --force to replace it, with a backup)' };
      const backup = replaceWithBackup(target, f.content, { now: opts.now });
      fs.chmodSync(file, f.mode);
      return { path: f.path, status: 'replaced', backup };
    }
    if (!target.ok) return { path: f.path, status: 'kept', reason: target.reason };
    createFile(file, f.content, 0o755);
    fs.chmodSync(file, f.mode);
    return { path: f.path, status: 'created' };
  });
}
