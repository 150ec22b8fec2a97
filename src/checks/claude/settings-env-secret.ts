import { defineCheck } from '../../core/check.js';
import { loadClaudeSettings, scopeLabel } from '../../discover/claude-settings.js';
import { plaintextSecrets } from '../../discover/claude-settings-secrets.js';

export default defineCheck({
  id: 'claude/settings-env-secret',
  severity: 'high',
  seedRefs: ['CS-7'],
  frameworks: ['OWASP-LLM02'],
  title: 'API key in plaintext in a settings file "env"',
  docs: {
    why:
      'Values in the "env" block of settings.json are stored in plaintext and handed to every session, hook ' +
      'and tool. A key there can be read by the agent itself, leaks with a committed .claude/settings.json, ' +
      'and lives in backups.',
    fix:
      'Remove the key from "env"; export it from your shell or a secret manager (or use apiKeyHelper), and ' +
      'rotate it if the file was ever shared.',
  },
  examples: {
    bad: [
      {
        name: 'Anthropic key in user settings',
        files: {
          '~/.claude/settings.json':
            '{\n  "env": {\n    "ANTHROPIC_API_KEY": "sk-ant-api03-Xk3mP9qR2vL7tW4nB8yC1dF6gH0jK5sA2eZ9uV4iO7pQ3rT8"\n  }\n}\n',
        },
      },
      {
        name: 'token under a secret-looking name in project settings',
        files: { '.claude/settings.json': '{"env": {"INTERNAL_API_TOKEN": "a81f9c2e7d4b6053ff12"}}' },
      },
    ],
    good: [
      {
        name: 'harmless env only',
        files: {
          '~/.claude/settings.json':
            '{"env": {"CLAUDE_CODE_MAX_OUTPUT_TOKENS": "16000", "DISABLE_TELEMETRY": "1", "AWS_PROFILE": "dev"}}',
        },
      },
    ],
  },
  run(ctx) {
    const settings = loadClaudeSettings(ctx);
    return settings.files.flatMap((f) =>
      plaintextSecrets(f.data.env).map((secret) => ({
        message: `${scopeLabel(f.scope)} store ${secret.key} in plaintext in "env" (${secret.reason}).`,
        file: f.file,
        line: f.doc.locate(['env', secret.key]).line,
        evidence: `${secret.key}: ${secret.masked}`,
        fix: `Delete env.${secret.key} from ${f.file}, export it from a secret manager instead, and rotate it.`,
      })),
    );
  },
});
