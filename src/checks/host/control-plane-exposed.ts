import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { agentPorts } from './facts/agent-ports.js';
import { detectContainer } from './facts/container.js';
import { isLoopback, isTailnet, isWildcard, type Listener, readListeners } from './facts/listeners.js';
import { undetermined } from './facts/system.js';

function describe(l: Listener): string {
  const host = l.address.includes(':') ? `[${l.address}]` : l.address;
  return `${host}:${l.port}${l.process ? ` (${l.process})` : ''}`;
}

function unique(listeners: Listener[]): Listener[] {
  const seen = new Set<string>();
  return listeners.filter((l) => {
    const key = `${l.address}|${l.port}`;
    return !seen.has(key) && seen.add(key);
  });
}

// Real `ss -ltnpH` lines (iproute2 6.x): a dual-stack socket on :: prints as `*:PORT`.
const SS_EXPOSED = [
  'LISTEN 0      511          0.0.0.0:18789      0.0.0.0:*    users:(("node",pid=2211,fd=23))',
  'LISTEN 0      4096   127.0.0.53%lo:53         0.0.0.0:*    users:(("systemd-resolve",pid=612,fd=14))',
  'LISTEN 0      128          0.0.0.0:22         0.0.0.0:*    users:(("sshd",pid=901,fd=3))',
  'LISTEN 0      128             [::]:22            [::]:*    users:(("sshd",pid=901,fd=4))',
  '',
].join('\n');
const SS_LOOPBACK = [
  'LISTEN 0      511        127.0.0.1:18789      0.0.0.0:*    users:(("node",pid=2211,fd=23))',
  'LISTEN 0      511            [::1]:18789         [::]:*    users:(("node",pid=2211,fd=24))',
  'LISTEN 0      511        127.0.0.1:6274       0.0.0.0:*    users:(("node",pid=3312,fd=20))',
  'LISTEN 0      4096   127.0.0.53%lo:53         0.0.0.0:*    users:(("systemd-resolve",pid=612,fd=14))',
  '',
].join('\n');
// Real /proc/net/tcp6 rows: `::` on port 0x2CAA (11434, Ollama) and `::1` on 0x4965 (18789).
const TCP6_HEADER =
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const TCP6_OLLAMA_WILDCARD =
  `${TCP6_HEADER}   0: 00000000000000000000000000000000:2CAA 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   998        0 40211 1 0000000000000000 100 0 0 10 0\n` +
  '   1: 00000000000000000000000001000000:4965 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 40377 1 0000000000000000 100 0 0 10 0\n';
const TCP_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const TCP_LOOPBACK_ONLY =
  `${TCP_HEADER}   0: 0100007F:4965 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 40376 1 0000000000000000 100 0 0 10 0\n` +
  '   1: 0100007F:A5F2 0100007F:4965 01 00000000:00000000 00:00000000 00000000  1000        0 40380 1 0000000000000000 20 4 30 10 -1\n';
// `netstat -an -p tcp` as macOS 14/15 prints it: tcp46 is a dual-stack socket, `*.PORT` the wildcard address.
const NETSTAT_HEADER =
  'Active Internet connections (including servers)\n' +
  'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)    \n';
const NETSTAT_EXPOSED =
  NETSTAT_HEADER +
  'tcp4       0      0  192.168.1.23.52144     17.57.146.20.5223      ESTABLISHED\n' +
  'tcp46      0      0  *.18789                *.*                    LISTEN     \n' +
  'tcp4       0      0  127.0.0.1.11434        *.*                    LISTEN     \n' +
  'tcp6       0      0  ::1.5432               *.*                    LISTEN     \n';
const NETSTAT_LOOPBACK =
  NETSTAT_HEADER +
  'tcp4       0      0  127.0.0.1.18789        *.*                    LISTEN     \n' +
  'tcp6       0      0  ::1.18789              *.*                    LISTEN     \n' +
  'tcp4       0      0  127.0.0.1.5000         *.*                    LISTEN     \n';

export default defineCheck({
  id: 'host/control-plane-exposed',
  severity: 'critical',
  seedRefs: ['CS-2', 'DA-3', 'OC-H2'],
  frameworks: ['OWASP-LLM06'],
  title: 'An agent port listens on all network interfaces',
  docs: {
    why:
      'A control plane bound to 0.0.0.0 or :: answers anyone who can reach the machine: on a VPS, the whole ' +
      'internet; at home, the whole network. Whoever reaches the OpenClaw gateway (18789) or an MCP / browser ' +
      'debugging port can drive the agent and everything it can touch. Agent ports checked: 18789 (OpenClaw ' +
      'gateway), 5678, 6274/6277 (MCP Inspector), 9222 (Chrome DevTools), 11434 (Ollama), ' +
      '$OPENCLAW_GATEWAY_PORT, and any listed in $AGENTWARDEN_AGENT_PORTS (comma-separated).',
    fix:
      'Bind the service to 127.0.0.1 (OpenClaw: `gateway.bind: "loopback"`; env files: HOST=127.0.0.1; ' +
      'compose: "127.0.0.1:18789:18789"), reach it through Tailscale Serve or an SSH tunnel, and deny the port ' +
      'in the firewall: `sudo ufw deny 18789`.',
  },
  examples: {
    bad: [
      {
        name: 'ss: the gateway on 0.0.0.0:18789',
        files: {},
        commands: { 'ss -ltnpH': { code: 0, stdout: SS_EXPOSED, stderr: '' } },
      },
      {
        name: 'no ss: /proc/net/tcp6 shows Ollama on ::',
        files: { '/proc/net/tcp': TCP_HEADER, '/proc/net/tcp6': TCP6_OLLAMA_WILDCARD },
      },
      {
        name: 'macOS netstat: the gateway on *.18789 (tcp46)',
        platform: 'darwin',
        files: {},
        commands: { 'netstat -an -p tcp': { code: 0, stdout: NETSTAT_EXPOSED, stderr: '' } },
      },
    ],
    good: [
      {
        name: 'ss: agent ports on loopback only',
        files: {},
        commands: { 'ss -ltnpH': { code: 0, stdout: SS_LOOPBACK, stderr: '' } },
      },
      {
        name: 'no ss: /proc/net/tcp with the gateway on 127.0.0.1',
        files: { '/proc/net/tcp': TCP_LOOPBACK_ONLY, '/proc/net/tcp6': TCP6_HEADER },
      },
      {
        name: 'macOS netstat: the gateway on 127.0.0.1 and ::1, another service on loopback',
        platform: 'darwin',
        files: {},
        commands: { 'netstat -an -p tcp': { code: 0, stdout: NETSTAT_LOOPBACK, stderr: '' } },
      },
    ],
  },
  async run(ctx) {
    if (ctx.platform !== 'linux' && ctx.platform !== 'darwin') return [];
    const read = await readListeners(ctx);
    if (!read.ok) return [undetermined('which ports listen on this machine', read.reason)];
    const ports = agentPorts(ctx);
    const container = detectContainer(ctx).inContainer;
    const findings: RawFinding[] = [];
    const listeners = unique(read.listeners);
    for (const l of listeners) {
      const what = ports.get(l.port);
      if (!what || isLoopback(l.address) || isTailnet(l.address)) continue;
      if (isWildcard(l.address)) {
        findings.push(
          container
            ? {
                severity: 'low',
                message: `${describe(l)}, the ${what}, listens on all interfaces inside a container: it is exposed exactly as far as the container publishes it (check the compose / docker run ports for a 127.0.0.1 host IP).`,
              }
            : {
                message: `${describe(l)}, the ${what}, listens on all interfaces (seen with ${read.source}): anyone who can reach this machine can talk to it.`,
              },
        );
      } else {
        findings.push({
          severity: container ? 'low' : 'high',
          message: `${describe(l)}, the ${what}, listens on a network address, not loopback: every host on that network can reach it.`,
        });
      }
    }
    const others = listeners.filter((l) => isWildcard(l.address) && !ports.has(l.port));
    if (others.length > 0 && !container) {
      findings.push({
        severity: 'info',
        message: `Other services listen on all interfaces: ${others.map(describe).join(', ')}. Make sure each is meant to be reachable from the network.`,
        fix: 'Bind services that only this machine uses to 127.0.0.1, and let the firewall deny the rest.',
      });
    }
    return findings;
  },
});
