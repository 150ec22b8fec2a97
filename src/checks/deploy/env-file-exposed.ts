import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import type { RawFinding } from '../../core/finding.js';
import { runHostCommand } from '../host/facts/system.js';
import { envFiles } from './_env-files.js';

/** Which of these files git tracks and which it ignores; undefined when the project is not a git work tree. */
async function gitStatus(
  ctx: AuditContext,
  files: string[],
): Promise<{ tracked: Set<string>; ignored: Set<string> } | undefined> {
  const rel = files.map((f) => path.relative(ctx.project, f));
  const ls = await runHostCommand(ctx, 'git', ['-C', ctx.project, 'ls-files', '--', ...rel]);
  if (ls.code !== 0) return undefined;
  const ignored = await runHostCommand(ctx, 'git', ['-C', ctx.project, 'check-ignore', '--', ...rel]);
  // check-ignore exits 1 when nothing is ignored; anything else but 0 means it could not tell.
  if (ignored.code !== 0 && ignored.code !== 1) return undefined;
  const set = (text: string) =>
    new Set(
      text
        .split('\n')
        .filter(Boolean)
        .map((f) => path.resolve(ctx.project, f)),
    );
  return { tracked: set(ls.stdout), ignored: set(ignored.stdout) };
}

export default defineCheck({
  id: 'deploy/env-file-exposed',
  severity: 'medium',
  seedRefs: ['CS-7', 'PR-3'],
  title: 'A .env file is readable by others, tracked by git or not ignored',
  docs: {
    why:
      '.env files hold the keys compose passes to the agent. Readable by group or others, any local account or ' +
      'service reads them; tracked by git (high), they are in every clone and in history; not ignored, the ' +
      'next `git add .` commits them.',
    fix:
      '`chmod 600 .env` (`--fix` does it), add `.env` to .gitignore, and if git tracks it: ' +
      '`git rm --cached .env`, then rotate every key it held (history keeps the old values).',
  },
  fixable: true,
  examples: {
    bad: [
      {
        name: 'deploy/.env beside a compose file, world-readable (0644)',
        files: {
          'deploy/compose.yaml': 'services:\n  agent:\n    image: a\n',
          'deploy/.env': { content: 'ANTHROPIC_API_KEY=\n', mode: 0o644 },
        },
      },
      {
        name: 'agent.env world-readable (0644)',
        files: { 'agent.env': { content: 'TOKEN=\n', mode: 0o644 } },
      },
    ],
    good: [
      {
        name: 'deploy/.env with mode 600',
        files: {
          'deploy/compose.yaml': 'services:\n  agent:\n    image: a\n',
          'deploy/.env': { content: 'ANTHROPIC_API_KEY=\n', mode: 0o600 },
        },
      },
      {
        name: '.env.example is a template',
        files: { '.env.example': { content: 'ANTHROPIC_API_KEY=\n', mode: 0o644 } },
      },
    ],
  },
  async run(ctx) {
    const files = envFiles(ctx).map((e) => e.file);
    if (files.length === 0) return [];
    const findings: RawFinding[] = [];
    for (const file of files) {
      // The project's own .env / .env.* modes are claude/credential-file-permissions' to report.
      if (path.dirname(file) === ctx.project && /^\.env(?:\.|$)/.test(path.basename(file))) continue;
      const mode = ctx.fs.stat(file)?.mode;
      if (mode !== undefined && (mode & 0o077) !== 0)
        findings.push({
          file,
          message: `${path.relative(ctx.project, file)} has mode ${mode.toString(8).padStart(4, '0')}: other accounts on this machine can read the keys in it.`,
          fixPlans: [{ kind: 'chmod', file, mode: 0o600, description: `chmod 600 ${file}` }],
        });
    }
    const git = await gitStatus(ctx, files);
    for (const file of files) {
      const rel = path.relative(ctx.project, file);
      if (git?.tracked.has(file))
        findings.push({
          file,
          severity: 'high',
          message: `${rel} is tracked by git: its keys are in every clone and in the history.`,
          fix: `git rm --cached ${rel}, add it to .gitignore, and rotate every key it held.`,
        });
      else if (git && !git.ignored.has(file))
        findings.push({
          file,
          message: `${rel} is not ignored by git: the next \`git add .\` commits it.`,
          fix: `Add ${rel} to .gitignore.`,
        });
    }
    return findings;
  },
});
