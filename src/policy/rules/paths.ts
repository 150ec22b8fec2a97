import { REFS } from '../wording.js';
import { defineGuardRule } from './define.js';

/** Protected paths (CC-M4, PR-3), self-protection (CC-H3) and the project boundary (PR-4). */
export const pathRules = [
  defineGuardRule({
    id: 'protected-path/read-secret',
    seedRefs: REFS.secret,
    title: 'reading a credential store (~/.ssh, ~/.aws, .env, *.pem, …), also through a symlink',
    verdict: 'the credentials cell',
    examples: {
      deny: [
        { kind: 'read', path: '~/.ssh/id_rsa' },
        'cat ~/.aws/credentials',
        { action: { kind: 'read', path: 'keys/deploy.txt' }, links: { keys: '~/.ssh' } },
      ],
      ask: [{ action: { kind: 'read', path: '.env' }, policy: 'role: operator\n' }],
      allow: [{ kind: 'read', path: '.env.example' }],
    },
  }),
  defineGuardRule({
    id: 'protected-path/write-secret',
    seedRefs: REFS.secret,
    title:
      "writing or deleting a credential store; the project's own .env or key files (bare-name patterns) are judged like any project file",
    verdict: 'the stricter of the credentials and write cells, at least ask',
    examples: {
      deny: [{ kind: 'write', path: '~/.aws/credentials' }, 'rm ~/.ssh/id_rsa'],
      ask: [{ action: { kind: 'write', path: '~/.aws/credentials' }, policy: 'role: operator\n' }],
      allow: [
        { kind: 'write', path: '.env' },
        { kind: 'delete', path: 'certs/dev.key' },
        'cp .env.example .env',
        'cp -n .env.dist .env',
      ],
    },
  }),
  defineGuardRule({
    id: 'protected-path/write-self',
    seedRefs: REFS.self,
    title:
      "changing or removing the guard's own files: its policy, state, log and the settings that hold the hook",
    verdict: 'deny',
    examples: {
      deny: [
        { kind: 'write', path: '.claude/settings.json' },
        { kind: 'delete', path: 'agentwarden.policy.yaml' },
        'mv ~/.claude /tmp/claude-old',
      ],
      allow: [{ kind: 'read', path: '.claude/settings.json' }],
    },
  }),
  defineGuardRule({
    id: 'protected-path/write-startup-file',
    seedRefs: REFS.startup,
    title:
      'writing a file that makes programs run later: shell start-up files, git hooks and config, .mcp.json',
    verdict: 'deny',
    examples: {
      deny: [
        { kind: 'write', path: '~/.bashrc' },
        { kind: 'write', path: '.git/hooks/pre-commit' },
      ],
      allow: [{ kind: 'read', path: '~/.bashrc' }],
    },
  }),
  defineGuardRule({
    id: 'protected-path/covers-secrets',
    seedRefs: REFS.secret,
    title: 'a recursive search, copy or upload rooted above a credential store (grep -r ~, tar ~)',
    verdict: 'ask (search) / the credentials cell (copy)',
    examples: {
      deny: ['tar czf /tmp/home.tgz ~'],
      ask: ['grep -r AKIA ~'],
      allow: ['grep -r TODO src'],
    },
  }),
  defineGuardRule({
    id: 'protected-path/path-too-long',
    seedRefs: REFS.boundary,
    title: 'a path longer than any file system allows (matching it would outlast the hook timeout)',
    verdict: 'deny',
    examples: { deny: [{ kind: 'read', path: 'a/'.repeat(2100) }] },
  }),
  defineGuardRule({
    id: 'credentials/env-secret',
    seedRefs: REFS.secret,
    title: 'printing a secret-looking environment variable into the transcript',
    verdict: 'the credentials cell',
    examples: {
      deny: ['echo $AWS_SECRET_ACCESS_KEY', 'printenv GITHUB_TOKEN'],
      ask: [{ action: 'printenv GITHUB_TOKEN', policy: 'role: operator\n' }],
      allow: ['echo $HOME'],
    },
  }),
  defineGuardRule({
    id: 'self/guard-cli',
    seedRefs: REFS.self,
    title: "running agentwarden's own commands that change the guard or answer for the human",
    verdict: 'deny',
    examples: {
      deny: ['agentwarden unlock', 'npx agentwarden guard uninstall', 'agentwarden audit --fix'],
      allow: ['agentwarden audit'],
    },
  }),
  defineGuardRule({
    id: 'self/claude-config',
    seedRefs: REFS.mcp,
    title: "changing Claude Code's configuration from the shell (claude mcp add, claude config set)",
    verdict: 'ask',
    examples: {
      ask: ['claude mcp add tools -- npx -y some-mcp-server'],
      allow: ['claude mcp list'],
    },
  }),
  defineGuardRule({
    id: 'boundary/write-outside-project',
    seedRefs: REFS.boundary,
    title: 'writing or deleting outside the project and the scratch directories, on a bare host',
    verdict: 'ask',
    examples: {
      ask: [{ kind: 'write', path: '~/notes/todo.md' }],
      allow: [
        { kind: 'write', path: 'src/app.ts' },
        { kind: 'write', path: '/tmp/out.txt' },
        { action: { kind: 'write', path: '~/notes/todo.md' }, sandboxed: true },
      ],
    },
  }),
];
