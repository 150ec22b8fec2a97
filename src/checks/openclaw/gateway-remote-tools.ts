import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { at, gatewayExposed, HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';

/** Tools OpenClaw 2026.9.6 refuses over HTTP POST /tools/invoke unless gateway.tools.allow lists them. */
const HTTP_DENIED = new Set([
  'exec',
  'spawn',
  'shell',
  'fs_write',
  'fs_delete',
  'fs_move',
  'apply_patch',
  'terminal',
  'portal',
  'sessions_spawn',
  'sessions_send',
  'conversations_list',
  'conversations_send',
  'conversations_turn',
  'automations',
  'cron',
  'gateway',
  'plugins',
  'nodes',
  'computer',
  'mobile_ui',
  'openclaw',
]);
/** Node commands OpenClaw keeps off unless gateway.nodes.commands.allow names them (DEFAULT_DANGEROUS_NODE_COMMANDS). */
const DANGEROUS_NODE_COMMANDS = new Set([
  'camera.snap',
  'camera.clip',
  'camera.ptz.control',
  'screen.record',
  'contacts.add',
  'calendar.add',
  'reminders.add',
  'sms.send',
  'sms.search',
  'health.summary',
]);
/** deny entries are exact command names: these shapes look like patterns or shell text and match nothing. */
const looksLikePattern = (v: string) =>
  /[?*[\]{}(),|]/.test(v) || /^[/^]|[/$]$/.test(v) || /\s/.test(v) || v.includes('group:');

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.trim()) : [];

export default defineCheck({
  id: 'openclaw/gateway-remote-tools',
  severity: 'high',
  seedRefs: ['OC-H6', 'PR-4', 'CS-2'],
  frameworks: ['OWASP-LLM06'],
  title: 'The OpenClaw gateway hands dangerous tools or device commands to remote callers',
  docs: {
    why:
      'Over HTTP (POST /tools/invoke) the gateway refuses shell, file-writing, session, plugin and gateway ' +
      'tools by default; gateway.tools.allow gives them back to any client holding the gateway token, with no ' +
      'model and no approval in between. gateway.nodes.commands.allow turns on paired-device commands that ' +
      'film, record the screen, send SMS or read health data. gateway.nodes.commands.deny matches exact command ' +
      'names only, so a glob or a shell fragment there blocks nothing. mcp.apps.enabled lets MCP servers show ' +
      'interactive pages that call their own tools.',
    fix:
      'Remove dangerous tools from gateway.tools.allow and dangerous commands from gateway.nodes.commands.allow; ' +
      'write deny entries as exact command names (e.g. "system.run"); leave mcp.apps.enabled off unless every ' +
      'MCP server is trusted. Keep the gateway on loopback when any of them stays.',
  },
  examples: {
    bad: [
      {
        name: 'exec over HTTP, SMS from nodes, a glob deny',
        ...openclawHome(
          "{ gateway: { tools: { allow: ['exec', 'web_search'] }, nodes: { commands: { allow: ['sms.send'], deny: ['system.*'] } } } }\n",
        ),
      },
      { name: 'MCP apps', ...openclawHome('{ mcp: { apps: { enabled: true } } }\n') },
    ],
    good: [
      { name: 'hardened', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'harmless HTTP tools, exact deny names',
        ...openclawHome(
          "{ gateway: { tools: { allow: ['web_search'] }, nodes: { commands: { allow: ['camera.list'], deny: ['system.run'] } } } }\n",
        ),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const exposed = gatewayExposed(cfg);
    const findings: RawFinding[] = [];
    const http = strings(cfg.get(['gateway', 'tools', 'allow'])).filter((t) =>
      HTTP_DENIED.has(t.toLowerCase()),
    );
    if (http.length > 0)
      findings.push({
        message: `gateway.tools.allow gives ${http.join(', ')} back to HTTP /tools/invoke: any client with the gateway token runs them directly${exposed ? ', and the gateway listens beyond loopback' : ''}.`,
        ...at(cfg, ['gateway', 'tools', 'allow']),
        severity: exposed ? 'critical' : 'medium',
      });
    const commands = ['gateway', 'nodes', 'commands'];
    const deny = strings(cfg.get([...commands, 'deny']));
    const allowed = strings(cfg.get([...commands, 'allow'])).filter(
      (c) => DANGEROUS_NODE_COMMANDS.has(c) && !deny.includes(c),
    );
    if (allowed.length > 0)
      findings.push({
        message: `gateway.nodes.commands.allow turns on ${allowed.join(', ')}: the agent can act on or read from paired devices (camera, screen, contacts, SMS, health).`,
        ...at(cfg, [...commands, 'allow']),
        severity: exposed ? 'high' : 'medium',
      });
    const patterns = deny.filter(looksLikePattern);
    if (patterns.length > 0)
      findings.push({
        message: `gateway.nodes.commands.deny holds ${patterns.map((p) => `"${p}"`).join(', ')}: deny matches exact command names only, so these block nothing.`,
        ...at(cfg, [...commands, 'deny']),
        severity: 'medium',
        fix: 'Write each denied command by its exact name (e.g. "system.run", "camera.snap").',
      });
    if (cfg.get(['mcp', 'apps', 'enabled']) === true)
      findings.push({
        message:
          'mcp.apps.enabled is true: MCP servers can show interactive pages that call their own tools while the session runs.',
        ...at(cfg, ['mcp', 'apps', 'enabled']),
        severity: 'low',
        fix: 'Set mcp.apps.enabled to false unless every configured MCP server is trusted.',
      });
    return findings;
  },
});
