import { defineCheck } from '../../core/check.js';
import type { FixPlan, RawFinding } from '../../core/finding.js';
import { loadMcpConfig } from '../../discover/claude-mcp.js';
import { loadClaudeSettings, scopeLabel } from '../../discover/claude-settings.js';
import { autoapproveOffPlan, gateFixes } from './_strict-fix.js';

export default defineCheck({
  id: 'claude/project-mcp-autoapprove',
  severity: 'high',
  seedRefs: ['CC-H2'],
  frameworks: ['OWASP-LLM06', 'OWASP-LLM03'],
  title: 'Project MCP servers are auto-approved',
  docs: {
    why:
      'With "enableAllProjectMcpServers": true every server in a repository\'s .mcp.json starts without asking, ' +
      'so cloning a repo is enough to run its MCP server code with your credentials. A wildcard in ' +
      '"enabledMcpjsonServers", or that list set by the project\'s own .claude/settings.json, does the same.',
    fix:
      'Set "enableAllProjectMcpServers": false and approve servers by name in your user or local settings ' +
      '("enabledMcpjsonServers": ["github"]).',
  },
  fixable: true,
  examples: {
    bad: [
      {
        name: 'user settings approve every project server',
        files: { '~/.claude/settings.json': '{\n  "enableAllProjectMcpServers": true\n}\n' },
      },
      {
        name: 'repo approves its own servers with a wildcard',
        files: {
          '.claude/settings.json': '{"enabledMcpjsonServers": ["*"]}',
          '.mcp.json': '{"mcpServers": {"tools": {"command": "node", "args": ["server.js"]}}}',
        },
      },
    ],
    good: [
      {
        name: 'explicit allowlist in local settings',
        files: {
          '~/.claude/settings.json': '{"enableAllProjectMcpServers": false}',
          '.claude/settings.local.json': '{"enabledMcpjsonServers": ["github"]}',
        },
      },
    ],
  },
  run(ctx) {
    const settings = loadClaudeSettings(ctx);
    const mcp = loadMcpConfig(ctx);
    const findings: RawFinding[] = [];
    const setFalse = (file: string, path: (string | number)[]): FixPlan[] => [
      { ...autoapproveOffPlan(file), path },
    ];
    for (const t of settings.everywhere(['enableAllProjectMcpServers'])) {
      if (t.value !== true) continue;
      findings.push({
        message: `${scopeLabel(t.scope)} set "enableAllProjectMcpServers": true: every server in any project's .mcp.json starts without approval.`,
        file: t.file,
        line: t.line,
        column: t.column,
        evidence: '"enableAllProjectMcpServers": true',
        fix: `Set "enableAllProjectMcpServers": false in ${t.file} and approve servers by name.`,
        ...(t.scope !== 'managed' && { fixPlans: setFalse(t.file, ['enableAllProjectMcpServers']) }),
      });
    }
    const state = mcp.projectState;
    if (state?.data.enableAllProjectMcpServers === true) {
      const p = [...state.path, 'enableAllProjectMcpServers'];
      findings.push({
        message: `${state.file} auto-approves every .mcp.json server of ${ctx.project} ("enableAllProjectMcpServers": true).`,
        file: state.file,
        line: state.doc.locate(p).line,
        evidence: '"enableAllProjectMcpServers": true',
        fixPlans: setFalse(state.file, p),
      });
    }
    for (const t of settings.everywhere(['enabledMcpjsonServers'])) {
      if (!Array.isArray(t.value)) continue;
      const wild = t.value.filter((v): v is string => typeof v === 'string' && v.includes('*'));
      if (wild.length > 0) {
        findings.push({
          message: `${scopeLabel(t.scope)} approve .mcp.json servers by wildcard (${wild.join(', ')}): any server a repo adds starts without asking.`,
          file: t.file,
          line: t.line,
          evidence: `"enabledMcpjsonServers": ${JSON.stringify(t.value)}`,
          fix: 'List the servers you reviewed by exact name instead of a wildcard.',
        });
      } else if (t.scope === 'project' && t.value.length > 0) {
        findings.push({
          message:
            'The repository\'s own .claude/settings.json approves its .mcp.json servers ("enabledMcpjsonServers"): ' +
            'a clone approves itself.',
          file: t.file,
          line: t.line,
          evidence: `"enabledMcpjsonServers": ${JSON.stringify(t.value)}`,
          fix: 'Remove "enabledMcpjsonServers" from the shared project file; approve servers in .claude/settings.local.json after review.',
        });
      }
    }
    const stateList = state?.data.enabledMcpjsonServers;
    if (
      state &&
      Array.isArray(stateList) &&
      stateList.some((v) => typeof v === 'string' && v.includes('*'))
    ) {
      findings.push({
        message: `${state.file} approves .mcp.json servers of ${ctx.project} by wildcard.`,
        file: state.file,
        line: state.doc.locate([...state.path, 'enabledMcpjsonServers']).line,
        evidence: `"enabledMcpjsonServers": ${JSON.stringify(stateList)}`,
        fix: 'List the servers you reviewed by exact name instead of a wildcard.',
      });
    }
    return gateFixes(settings, findings);
  },
});
