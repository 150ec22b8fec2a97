import { defineCheck } from '../../core/check.js';
import type { JsonPath } from '../../core/document/document.js';
import type { RawFinding } from '../../core/finding.js';
import {
  loadClaudeSettings,
  type SettingsFile,
  scopeLabel,
  traceIn,
} from '../../discover/claude-settings.js';
import { findSecrets } from '../../scanners/secrets/detect.js';
import { plaintextSecrets } from '../../scanners/secrets/key-values.js';

/** Settings keys holding a command Claude Code runs: a key written into one is as exposed as one in "env". */
const COMMAND_KEYS: JsonPath[] = [
  ['apiKeyHelper'],
  ['otelHeadersHelper'],
  ['awsAuthRefresh'],
  ['awsCredentialExport'],
  ['gcpAuthRefresh'],
  ['statusLine', 'command'],
  ['subagentStatusLine', 'command'],
  ['fileSuggestion', 'command'],
];

/** Every command string of a settings file (helpers and hooks, exec-form args included) with its path. */
function commandStrings(f: SettingsFile, hooks: { path: JsonPath }[]): { path: JsonPath; text: string }[] {
  const out: { path: JsonPath; text: string }[] = [];
  for (const key of COMMAND_KEYS) {
    const t = traceIn(f, key);
    if (typeof t?.value === 'string') out.push({ path: key, text: t.value });
  }
  for (const h of hooks) {
    for (const field of ['command', 'url'] as const) {
      const t = traceIn(f, [...h.path, field]);
      if (typeof t?.value === 'string') out.push({ path: [...h.path, field], text: t.value });
    }
    const args = traceIn(f, [...h.path, 'args'])?.value;
    if (Array.isArray(args))
      args.forEach((a, i) => {
        if (typeof a === 'string') out.push({ path: [...h.path, 'args', i], text: a });
      });
  }
  return out;
}

export default defineCheck({
  id: 'claude/settings-env-secret',
  severity: 'high',
  seedRefs: ['CS-7'],
  frameworks: ['OWASP-LLM02'],
  title: 'API key in plaintext in a settings file ("env", a hook or a helper command)',
  docs: {
    why:
      'Values in the "env" block of settings.json are stored in plaintext and handed to every session, hook ' +
      'and tool. A key there, or written into a hook, apiKeyHelper or statusLine command, can be read by the ' +
      'agent itself, leaks with a committed .claude/settings.json, and lives in backups.',
    fix:
      'Remove the key from "env" and from commands; export it from your shell or a secret manager (or use ' +
      'apiKeyHelper with a script that fetches it), and rotate it if the file was ever shared.',
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
      {
        name: 'key echoed by apiKeyHelper and a token in a hook command',
        files: {
          '~/.claude/settings.json': JSON.stringify(
            {
              apiKeyHelper: 'echo sk-ant-api03-Xk3mP9qR2vL7tW4nB8yC1dF6gH0jK5sA2eZ9uV4iO7pQ3rT8',
              hooks: {
                Stop: [
                  {
                    hooks: [
                      {
                        type: 'command',
                        command:
                          'curl -s -H "Authorization: Bearer xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx" https://slack.com/api/chat.postMessage',
                      },
                    ],
                  },
                ],
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
        name: 'harmless env, a helper script and a hook reading its token from the environment',
        files: {
          '~/.claude/settings.json': JSON.stringify({
            env: { CLAUDE_CODE_MAX_OUTPUT_TOKENS: '16000', DISABLE_TELEMETRY: '1', AWS_PROFILE: 'dev' },
            apiKeyHelper: '~/bin/anthropic-key.sh',
            hooks: {
              Stop: [
                {
                  hooks: [
                    {
                      type: 'command',
                      command:
                        'curl -s -H "Authorization: Bearer $SLACK_TOKEN" https://slack.com/api/chat.postMessage',
                    },
                  ],
                },
              ],
            },
          }),
        },
      },
    ],
  },
  run(ctx) {
    const settings = loadClaudeSettings(ctx);
    const findings: RawFinding[] = [];
    for (const f of settings.files) {
      for (const secret of plaintextSecrets(f.data.env)) {
        findings.push({
          message: `${scopeLabel(f.scope)} store ${secret.key} in plaintext in "env" (${secret.reason}).`,
          file: f.file,
          line: f.doc.locate(['env', secret.key]).line,
          evidence: `${secret.key}: ${secret.masked}`,
          fix: `Delete env.${secret.key} from ${f.file}, export it from a secret manager instead, and rotate it.`,
        });
      }
      const hooks = settings.allHooks.filter((h) => h.file === f.file);
      for (const { path, text } of commandStrings(f, hooks)) {
        const hit = findSecrets(text)[0];
        if (!hit) continue;
        const where = path.join('.');
        findings.push({
          message: `${scopeLabel(f.scope)} write a secret in plaintext into ${where} (${hit.ruleId}).`,
          file: f.file,
          line: f.doc.locate(path).line,
          evidence: `${where}: ${hit.masked}`,
          fix: `Take the secret out of ${where} in ${f.file} (read it from the environment or a secret manager at run time) and rotate it.`,
        });
      }
    }
    return findings;
  },
});
