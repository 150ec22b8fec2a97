import type { Severity } from '../../core/severity.js';
import { unpinnedLaunch } from '../mcp/pinning.js';
import { plaintextSecrets } from '../secrets/key-values.js';
import { isLoopback, launchCommandLine, type ShellAnalyzer } from '../shell/index.js';
import type { SkillsConfig } from './types.js';

export interface McpFinding {
  rule: 'mcp-unpinned' | 'mcp-plain-http' | 'mcp-secret' | 'mcp-not-allowed';
  severity: Severity;
  message: string;
}

export interface McpReport {
  name: string;
  file: string;
  line: number;
  /** `npx pkg@1.2.3`, or the URL's origin for remote servers. */
  source: string;
  findings: McpFinding[];
}

/**
 * One MCP server's supply-chain findings: a launcher that fetches an unpinned package (the same rule as the
 * audit's pinning check), a remote server over plain http, literal secrets in env or headers, and a server
 * not on the user's allowlist (when there is one).
 */
export function scanMcpServer(
  server: { name: string; file: string; line: number; config: Record<string, unknown> },
  analyzer: ShellAnalyzer,
  config: SkillsConfig,
): McpReport {
  const { name, config: c } = server;
  const findings: McpFinding[] = [];
  let source = '';
  if (typeof c.command === 'string') {
    const args = Array.isArray(c.args) ? c.args.filter((a): a is string => typeof a === 'string') : [];
    const line = launchCommandLine(c.command, args);
    source = line;
    const analysis = analyzer.analyze(line, { cwd: '/', home: '/home', project: '/' });
    const unpinned = unpinnedLaunch(analysis.commands);
    if (unpinned)
      findings.push({
        rule: 'mcp-unpinned',
        severity: 'medium',
        message: `${unpinned.launcher} ${unpinned.spec} ${unpinned.reason}`,
      });
  }
  if (typeof c.url === 'string') {
    source = c.url.replace(/[?#].*$/, '');
    if (/^http:\/\//i.test(c.url) && !isLoopback(c.url))
      findings.push({
        rule: 'mcp-plain-http',
        severity: 'high',
        message: `connects to ${source} over plain http: anyone on the path can read and change what the agent receives`,
      });
  }
  for (const key of ['env', 'headers'] as const) {
    for (const s of plaintextSecrets(c[key]))
      findings.push({
        rule: 'mcp-secret',
        severity: 'high',
        message: `${key}.${s.key} holds a literal secret (${s.masked})`,
      });
  }
  const allowed = config.allowedMcpServers;
  if (allowed !== undefined && !allowed.some((a) => a === name || source.includes(a)))
    findings.push({
      rule: 'mcp-not-allowed',
      severity: 'medium',
      message: 'is not on the MCP server allowlist',
    });
  return { name, file: server.file, line: server.line, source, findings };
}
