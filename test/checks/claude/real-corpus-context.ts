import * as fs from 'node:fs';
import * as path from 'node:path';
import { type AuditContext, createContext } from '../../../src/core/context.js';

/** The real Claude Code configurations (test/fixtures/real-claude), each with its source in SOURCES.md. */
export const CORPUS = path.join(__dirname, '../../fixtures/real-claude');

/**
 * The audit context of one real configuration: its `home` and `project` folders, or empty stand-ins from
 * `empty` where it has none; no environment, no system files, and no command ever run.
 */
export function realConfigContext(name: string, empty: string): AuditContext {
  const dir = path.join(CORPUS, name);
  const side = (s: string) => (fs.existsSync(path.join(dir, s)) ? path.join(dir, s) : path.join(empty, s));
  fs.mkdirSync(path.join(empty, 'home'), { recursive: true });
  fs.mkdirSync(path.join(empty, 'project'), { recursive: true });
  return createContext({
    home: side('home'),
    project: side('project'),
    env: {},
    platform: 'linux',
    systemRoot: empty,
    run: async () => ({ code: 127, stdout: '', stderr: 'not run in tests' }),
  });
}
