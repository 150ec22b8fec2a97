import { type ConfigDocument, isRecord, type JsonPath } from '../core/document/document.js';

/** One MCP server definition, wherever an agent keeps it (`scope` is the agent's own name for where). */
export interface McpServer<Scope extends string = string> {
  name: string;
  scope: Scope;
  file: string;
  /** Line of the server's name key. */
  line: number;
  /** Path of the server object inside its file. */
  path: JsonPath;
  config: Record<string, unknown>;
  doc: ConfigDocument;
}

/**
 * The servers of a `{ "<name>": { command | url, … } }` map at `base` in a config document: the shape
 * Claude Code's `mcpServers` and other agents' MCP sections share.
 */
export function mcpServersAt<Scope extends string>(
  doc: ConfigDocument,
  file: string,
  scope: Scope,
  base: JsonPath,
): McpServer<Scope>[] {
  const servers = doc.get(base);
  if (!isRecord(servers)) return [];
  return Object.entries(servers).flatMap(([name, config]) => {
    if (!isRecord(config)) return [];
    const p = [...base, name];
    return [{ name, scope, file, line: doc.locate(p).line, path: p, config, doc }];
  });
}
