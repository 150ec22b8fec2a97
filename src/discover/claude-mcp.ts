import * as path from 'node:path';
import type { AuditContext } from '../core/context.js';
import { type ConfigDocument, isRecord, type JsonPath } from '../core/document/document.js';
import { loadClaudeJson, managedSettingsDir } from './claude-settings.js';
import type { LoadProblem } from './files.js';
import { type McpServer, mcpServersAt } from './mcp.js';

/** Where an MCP server is configured (Claude Code's own scope names). */
export type McpScope = 'user' | 'local' | 'project' | 'managed';

export type ClaudeMcpServer = McpServer<McpScope>;

/** The per-project entry of ~/.claude.json, which also carries MCP approvals. */
export interface ProjectState {
  file: string;
  path: JsonPath;
  data: Record<string, unknown>;
  doc: ConfigDocument;
}

export interface McpConfig {
  globalConfigFile: string;
  projectMcpFile: string;
  servers: ClaudeMcpServer[];
  projectState: ProjectState | undefined;
  problems: LoadProblem[];
}

/** ~/.claude.json also holds history and caches on old installs, so it can be several MB. */
const MAX_GLOBAL_CONFIG_BYTES = 64 * 1024 * 1024;

/** ~/.claude.json, or $CLAUDE_CONFIG_DIR/.claude.json when Claude Code runs with a custom config dir. */
export function claudeGlobalConfigFile(
  home: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return env.CLAUDE_CONFIG_DIR
    ? path.join(path.resolve(env.CLAUDE_CONFIG_DIR), '.claude.json')
    : path.join(home, '.claude.json');
}

export function loadMcpConfig(ctx: AuditContext): McpConfig {
  return ctx.memo('claude-mcp', () => readMcpConfig(ctx));
}

function readMcpConfig(ctx: AuditContext): McpConfig {
  const globalConfigFile = claudeGlobalConfigFile(ctx.home, ctx.env);
  const projectMcpFile = path.join(ctx.project, '.mcp.json');
  const managedFile = path.join(managedSettingsDir(ctx), 'managed-mcp.json');
  const servers: ClaudeMcpServer[] = [];
  const problems: LoadProblem[] = [];
  let projectState: ProjectState | undefined;

  const global = loadClaudeJson(ctx, globalConfigFile, MAX_GLOBAL_CONFIG_BYTES);
  if (global.status === 'problem') problems.push(global.problem);
  if (global.status === 'ok') {
    const { doc, data } = global;
    // Claude Code rewrites ~/.claude.json from what it could parse: a comment loses the file's MCP servers.
    if (global.strictProblem) problems.push(global.strictProblem);
    servers.push(...mcpServersAt(doc, globalConfigFile, 'user', ['mcpServers']));
    const projects = data.projects;
    // Claude Code keys projects by the directory it ran in; through a symlink that may be the real path.
    const key = [ctx.project, ctx.fs.realpath(ctx.project)].find(
      (k): k is string => k !== undefined && isRecord(projects) && isRecord(projects[k]),
    );
    const entry = key !== undefined && isRecord(projects) ? projects[key] : undefined;
    if (key !== undefined && isRecord(entry)) {
      const base: JsonPath = ['projects', key];
      projectState = { file: globalConfigFile, path: base, data: entry, doc };
      servers.push(...mcpServersAt(doc, globalConfigFile, 'local', [...base, 'mcpServers']));
    }
  }
  for (const [file, scope] of [
    [projectMcpFile, 'project'],
    [managedFile, 'managed'],
  ] as const) {
    const load = loadClaudeJson(ctx, file);
    if (load.status === 'problem') problems.push(load.problem);
    if (load.status === 'ok') {
      servers.push(...mcpServersAt(load.doc, file, scope, ['mcpServers']));
      // Same strict parser as settings (anthropics/claude-code #9906): a comment drops every server.
      if (load.strictProblem) problems.push(load.strictProblem);
    }
  }
  return { globalConfigFile, projectMcpFile, servers, projectState, problems };
}
