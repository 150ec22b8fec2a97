import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { loadMcpConfig } from '../../discover/claude-mcp.js';
import { findSecrets } from '../../scanners/secrets/detect.js';
import { plaintextSecret, plaintextSecrets } from '../../scanners/secrets/key-values.js';

export default defineCheck({
  id: 'claude/mcp-plaintext-secret',
  severity: 'high',
  seedRefs: ['CS-7', 'CC-H2'],
  frameworks: ['OWASP-LLM02'],
  title: 'MCP server configuration holds a plaintext secret',
  docs: {
    why:
      'Claude Code keeps MCP "env" and "headers" values in plaintext in ~/.claude.json and .mcp.json. A ' +
      'committed .mcp.json leaks the token to everyone with the repo, and any process (or agent) that reads ' +
      'the file gets it.',
    fix:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Claude Code's ${VAR} syntax, not a template
      'Reference the environment instead ("GITHUB_TOKEN": "${GITHUB_TOKEN}", "Authorization": "Bearer ${API_TOKEN}"), ' +
      'keep the value in a secret manager or an untracked env file, and rotate the exposed token.',
  },
  examples: {
    bad: [
      {
        name: 'GitHub token in ~/.claude.json env',
        files: {
          '~/.claude.json': JSON.stringify(
            {
              mcpServers: {
                github: {
                  command: 'npx',
                  args: ['-y', '@modelcontextprotocol/server-github@2025.4.8'],
                  env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_Q7xk2V9mR4tL8wZ1nB6yH3cJ5dF0gS2aP7eK' },
                },
              },
            },
            null,
            2,
          ),
        },
      },
      {
        name: 'bearer token in .mcp.json headers',
        files: {
          '.mcp.json':
            '{"mcpServers": {"api": {"type": "http", "url": "https://mcp.example.com/mcp", "headers": {"Authorization": "Bearer 8fK2mQ9xL4vR7tZ1wN3bY6cH"}}}}',
        },
      },
    ],
    good: [
      {
        name: 'env references only',
        files: {
          '.mcp.json':
            // biome-ignore lint/suspicious/noTemplateCurlyInString: Claude Code's ${VAR} syntax, not a template
            '{"mcpServers": {"api": {"type": "http", "url": "https://mcp.example.com/mcp", "headers": {"Authorization": "Bearer ${API_TOKEN}"}}, "gh": {"command": "gh-mcp", "env": {"GITHUB_TOKEN": "${GITHUB_TOKEN}", "LOG_LEVEL": "debug"}}}}',
        },
      },
    ],
  },
  run(ctx) {
    const findings: RawFinding[] = [];
    for (const server of loadMcpConfig(ctx).servers) {
      for (const field of ['env', 'headers'] as const) {
        for (const secret of plaintextSecrets(server.config[field])) {
          findings.push({
            message: `MCP server "${server.name}" (${server.scope} scope) has a plaintext secret in ${field}.${secret.key} (${secret.reason}).`,
            file: server.file,
            line: server.doc.locate([...server.path, field, secret.key]).line,
            evidence: `${secret.key}: ${secret.masked}`,
            fix: `Replace the value of ${field}.${secret.key} with an environment reference ("\${${secret.key.toUpperCase().replace(/[^A-Z0-9]/g, '_')}}") and rotate the token.`,
          });
        }
      }
      const url = server.config.url;
      const inUrl = typeof url === 'string' ? plaintextSecret('url', url) : undefined;
      if (inUrl) {
        findings.push({
          message: `MCP server "${server.name}" has a credential inside its url (${inUrl.reason}).`,
          file: server.file,
          line: server.doc.locate([...server.path, 'url']).line,
          evidence: `url: ${inUrl.masked}`,
          fix: 'Move the credential into a header that references an environment variable, and rotate it.',
        });
      }
      const args = Array.isArray(server.config.args) ? server.config.args : [];
      args.forEach((arg, i) => {
        if (typeof arg !== 'string') return;
        const hit = findSecrets(arg)[0];
        if (!hit) return;
        findings.push({
          message: `MCP server "${server.name}" passes a secret on its command line (args[${i}], ${hit.ruleId}).`,
          file: server.file,
          line: server.doc.locate([...server.path, 'args', i]).line,
          evidence: `args[${i}]: ${hit.masked}`,
          fix: 'Pass the secret through "env" referencing an environment variable, and rotate it.',
        });
      });
    }
    return findings;
  },
});
