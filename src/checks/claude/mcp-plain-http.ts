import { defineCheck } from '../../core/check.js';
import { redactText } from '../../core/redact.js';
import { loadMcpConfig } from '../../discover/claude-mcp.js';
import { isLoopback } from '../../scanners/shell/index.js';

export default defineCheck({
  id: 'claude/mcp-plain-http',
  severity: 'medium',
  seedRefs: ['CC-H2', 'CS-7'],
  frameworks: ['OWASP-LLM03'],
  title: 'Remote MCP server over plain http://',
  docs: {
    why:
      'A remote MCP server reached over http:// sends its tool results, and any Authorization header, in clear ' +
      'text. Anyone on the path can read the token or rewrite tool output to inject instructions.',
    fix: 'Use the https:// endpoint of the server (plain http is fine only for localhost).',
  },
  examples: {
    bad: [
      {
        name: 'http remote in .mcp.json',
        files: {
          '.mcp.json':
            '{\n  "mcpServers": {\n    "docs": {"type": "http", "url": "http://mcp.example.com/mcp"}\n  }\n}\n',
        },
      },
    ],
    good: [
      {
        name: 'https remote and a localhost server',
        files: {
          '.mcp.json':
            '{"mcpServers": {"docs": {"type": "http", "url": "https://mcp.example.com/mcp"}, "dev": {"type": "sse", "url": "http://127.0.0.1:3000/sse"}}}',
        },
      },
    ],
  },
  run(ctx) {
    return loadMcpConfig(ctx).servers.flatMap((server) => {
      const url = server.config.url;
      if (typeof url !== 'string' || !/^(?:http|ws):\/\//i.test(url) || isLoopback(url)) return [];
      return [
        {
          message: `MCP server "${server.name}" (${server.scope} scope) is reached over unencrypted ${url.split(':')[0]}://.`,
          file: server.file,
          line: server.doc.locate([...server.path, 'url']).line,
          evidence: redactText(url),
          fix: `Change "url" to ${redactText(url.replace(/^http:/i, 'https:').replace(/^ws:/i, 'wss:'))}.`,
        },
      ];
    });
  },
});
