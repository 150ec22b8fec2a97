import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import { isRecord } from '../../core/document/document.js';
import { loadClaudeSettings } from '../../discover/claude-settings.js';
import { parsePermissionRule, pathPatternMatcher } from '../../scanners/permissions/claude-rules.js';
import { gateFixes } from './_strict-fix.js';

/** Credential stores in the home directory and a file inside each that must stay out of reach. */
const SENSITIVE_DIRS: { dir: string; sample: string }[] = [
  { dir: '.ssh', sample: 'id_ed25519' },
  { dir: '.aws', sample: 'credentials' },
  { dir: '.config', sample: 'gh/hosts.yml' },
  { dir: '.gnupg', sample: 'private-keys-v1.d/key.key' },
];

export default defineCheck({
  id: 'claude/sensitive-paths-unprotected',
  severity: 'medium',
  seedRefs: ['CC-M4', 'PR-3'],
  frameworks: ['OWASP-LLM02', 'OWASP-LLM06'],
  title: 'Credential directories in home are not protected from the agent',
  docs: {
    why:
      '~/.ssh, ~/.aws, ~/.config and ~/.gnupg hold the keys to your servers, cloud accounts and signing ' +
      'identity. Without Read/Edit deny rules (or a sandbox denyRead) an agent, or an instruction injected ' +
      'into one, can read or change them. .env files are covered by claude/dangerous-commands-not-denied.',
    fix:
      'Add "Read(~/.ssh/**)", "Edit(~/.ssh/**)" and the same for ~/.aws, ~/.config and ~/.gnupg to ' +
      'permissions.deny in ~/.claude/settings.json (or list them in sandbox.filesystem.denyRead).',
  },
  fixable: true,
  examples: {
    bad: [
      { name: 'no deny rules', files: {} },
      {
        name: 'only ~/.ssh protected',
        files: {
          '~/.claude/settings.json':
            '{\n  "permissions": {\n    "deny": ["Read(~/.ssh/**)", "Edit(~/.ssh/**)"]\n  }\n}\n',
        },
      },
    ],
    good: [
      {
        name: 'deny rules and a sandbox denyRead',
        files: {
          '~/.claude/settings.json': JSON.stringify({
            permissions: {
              deny: ['Read(~/.ssh/**)', 'Edit(~/.ssh/**)', 'Read(~/.aws/**)', 'Edit(~/.aws/**)'],
            },
            sandbox: { enabled: true, filesystem: { denyRead: ['~/.config', '~/.gnupg'] } },
          }),
        },
      },
    ],
  },
  run(ctx) {
    const settings = loadClaudeSettings(ctx);
    const roots = (settingsRoot: string) => ({ home: ctx.home, project: ctx.project, settingsRoot });
    const settingsRootOf = (scope: string) => (scope === 'user' ? settings.configDir : ctx.project);
    // Each rule prepared once for every sensitive path (a file may hold 100,000 rules).
    const readDenies: ((target: string) => boolean)[] = [];
    const editDenies: ((target: string) => boolean)[] = [];
    for (const r of settings.rules('deny')) {
      const parsed = parsePermissionRule(r.value);
      if (parsed?.tool !== 'Read' && parsed?.tool !== 'Edit') continue;
      (parsed.tool === 'Read' ? readDenies : editDenies).push(
        pathPatternMatcher(parsed.content, roots(settingsRootOf(r.scope))),
      );
    }
    // A sandbox list in a file Claude Code ignores (not strict JSON) protects nothing.
    const sandboxDenyRead = settings.files
      .filter((f) => !f.ignoredByClaude)
      .flatMap((f) => {
        const fsCfg =
          isRecord(f.data.sandbox) && isRecord(f.data.sandbox.filesystem) ? f.data.sandbox.filesystem : {};
        const list = Array.isArray(fsCfg.denyRead) ? fsCfg.denyRead : [];
        const root =
          f.scope === 'user' ? settings.configDir : f.scope === 'managed' ? settings.managedDir : ctx.project;
        return list
          .filter((p): p is string => typeof p === 'string')
          .map((p) => pathPatternMatcher(p, roots(root)));
      });
    const unprotected: string[] = [];
    const rulesToAdd: string[] = [];
    for (const { dir, sample } of SENSITIVE_DIRS) {
      const target = path.join(ctx.home, dir, sample);
      const readDenied = readDenies.some((m) => m(target)) || sandboxDenyRead.some((m) => m(target));
      const editDenied = editDenies.some((m) => m(target));
      if (readDenied) continue;
      unprotected.push(`~/${dir}`);
      rulesToAdd.push(`Read(~/${dir}/**)`);
      if (!editDenied) rulesToAdd.push(`Edit(~/${dir}/**)`);
    }
    if (unprotected.length === 0) return [];
    const denyList = settings.get(['permissions', 'deny']);
    return gateFixes(settings, [
      {
        message: `Nothing stops the agent reading ${unprotected.join(', ')}: no Read deny rule and no sandbox.filesystem.denyRead covers them.`,
        ...(denyList && { file: denyList.file, line: denyList.line }),
        evidence: `unprotected: ${unprotected.join(', ')}`,
        baseline: true,
        fix: `Add ${rulesToAdd.map((r) => `"${r}"`).join(', ')} to permissions.deny in ${settings.userFile}.`,
        fixPlans: [
          {
            kind: 'json-append',
            file: settings.userFile,
            path: ['permissions', 'deny'],
            values: rulesToAdd,
            description: `deny reading and editing ${unprotected.join(', ')}`,
          },
        ],
      },
    ]);
  },
});
