import type { AuditContext } from '../../../core/context.js';

/**
 * Ports that carry an agent's control plane, dashboard or tool server. The list is data: users add their
 * own with AGENTWARDEN_AGENT_PORTS=8080,9000 (documented in docs/checks.md through this check's docs).
 */
export const KNOWN_AGENT_PORTS: Readonly<Record<number, string>> = {
  18789: 'OpenClaw / Moltbot / Clawdbot gateway',
  5678: 'agent HTTP port of the seed’s compose example (n8n’s default)',
  6274: 'MCP Inspector UI',
  6277: 'MCP Inspector proxy',
  9222: 'Chrome DevTools remote debugging (browser automation)',
  11434: 'Ollama model API',
};

/** Known agent ports plus $OPENCLAW_GATEWAY_PORT and $AGENTWARDEN_AGENT_PORTS. */
export function agentPorts(ctx: Pick<AuditContext, 'env'>): Map<number, string> {
  const ports = new Map(Object.entries(KNOWN_AGENT_PORTS).map(([p, what]) => [Number(p), what]));
  const add = (raw: string | undefined, what: string) => {
    for (const part of (raw ?? '').split(/[\s,]+/)) {
      const port = Number(part);
      if (Number.isInteger(port) && port > 0 && port < 65536 && !ports.has(port)) ports.set(port, what);
    }
  };
  add(ctx.env.OPENCLAW_GATEWAY_PORT, 'OpenClaw gateway ($OPENCLAW_GATEWAY_PORT)');
  add(ctx.env.AGENTWARDEN_AGENT_PORTS, 'agent port ($AGENTWARDEN_AGENT_PORTS)');
  return ports;
}
