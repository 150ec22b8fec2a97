/**
 * How a policy file names an MCP tool: `mcp__<server>__<tool>`, with `*` as a wildcard (`mcp__github__*`).
 * Adapters give the server and the tool apart (`Action.mcp`); the policy's `mcp` rules match this name,
 * built here and nowhere else.
 */
export const MCP_RULE_PREFIX = 'mcp__';

export function mcpRuleName(mcp: { server: string; tool?: string } | undefined): string | undefined {
  return mcp ? `${MCP_RULE_PREFIX}${mcp.server}__${mcp.tool ?? ''}` : undefined;
}
