import * as path from 'node:path';
import { claudeConfigDir } from '../../core/paths.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The Claude Code settings files that can hold (or switch off) the guard's hook, at every scope: user,
 * project, local and managed. Absolute, `~/`-relative, or relative to the project.
 */
export function claudeCodeHookFiles(home: string, env: Env): string[] {
  const config = claudeConfigDir(home, env);
  return [
    path.join(config, 'settings.json'),
    path.join(config, 'settings.local.json'),
    '~/.claude/settings.json',
    '~/.claude/settings.local.json',
    '.claude/settings.json',
    '.claude/settings.local.json',
    '/etc/claude-code/managed-settings.json',
    '/etc/claude-code/managed-settings.d',
    '/Library/Application Support/ClaudeCode/managed-settings.json',
    '/Library/Application Support/ClaudeCode/managed-settings.d',
  ];
}
