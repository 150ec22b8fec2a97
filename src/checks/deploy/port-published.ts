import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import type { Severity } from '../../core/severity.js';
import { agentPorts } from '../host/facts/agent-ports.js';
import { undetermined } from '../host/facts/system.js';
import { allContainers } from './_containers.js';
import { describePort, type PortMapping, rangeIncludes, reachOf } from './_ports.js';
import { findingAt } from './_report.js';

const WEB_PORTS = [80, 443];

function agentPortOf(p: PortMapping, ports: Map<number, string>): string | undefined {
  for (const [port, what] of ports)
    if (rangeIncludes(p.target, port) || rangeIncludes(p.published, port)) return `${port}, the ${what}`;
  return undefined;
}

const isTailnet = (ip: string) =>
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./.test(ip) || /^fd7a:115c:a1e0:/i.test(ip);

export default defineCheck({
  id: 'deploy/port-published',
  severity: 'critical',
  seedRefs: ['CS-2', 'DA-2', 'DA-3', 'OC-H2'],
  frameworks: ['OWASP-LLM06'],
  title: 'A container publishes a port on every interface',
  docs: {
    why:
      'Docker publishes a port on 0.0.0.0 (and ::) unless the mapping names a host IP, and it inserts its own ' +
      'iptables rules ahead of ufw: `"18789:18789"` puts the agent gateway on the internet even with ' +
      `\`ufw deny 18789\`. Read from compose files (every port syntax, merged files, extends, \${VAR:-default}), ` +
      '`docker run -p` lines in scripts, Makefiles, READMEs and systemd units, and `docker ps` when an engine ' +
      'is reachable. Agent ports (18789 and the others listed under host/control-plane-exposed) are critical.',
    fix:
      'Publish on loopback only — `"127.0.0.1:18789:18789"` (`--fix` rewrites compose files) or `-p ' +
      '127.0.0.1:18789:18789` — or better, `expose:` the port to a reverse proxy (Caddy) on an internal ' +
      'network and reach it through Tailscale (`agentwarden init` writes such a setup).',
  },
  fixable: true,
  examples: {
    bad: [
      {
        // Mirrors the compose sketch in clawdbot's Docker docs: the gateway port with no host IP.
        name: 'compose: "18789:18789" (no host IP)',
        files: {
          'docker-compose.yml':
            'version: \'3.8\'\nservices:\n  clawdbot:\n    image: ghcr.io/clawdbot/clawdbot:latest\n    ports:\n      - "18789:18789"\n',
        },
      },
      {
        // Mirrors openclaw/openclaw's docker-compose.yml: the published port comes from a variable default.
        name: `compose: "\${OPENCLAW_GATEWAY_PORT:-18789}:18789" from the official compose file`,
        files: {
          'docker-compose.yml': `services:\n  openclaw-gateway:\n    image: \${OPENCLAW_IMAGE:-openclaw:local}\n    ports:\n      - "\${OPENCLAW_GATEWAY_PORT:-18789}:18789"\n`,
        },
      },
      {
        name: 'README: docker run -p 18789:18789',
        files: {
          'README.md':
            '# Run\n\n```bash\ndocker run -d \\\n  --name clawdbot \\\n  -p 18789:18789 \\\n  ghcr.io/clawdbot/clawdbot:latest\n```\n',
        },
      },
    ],
    good: [
      {
        name: 'compose: loopback host IP in short and long syntax',
        files: {
          'compose.yaml':
            'services:\n  agent:\n    image: ghcr.io/openclaw/openclaw:latest\n    ports:\n      - "127.0.0.1:18789:18789"\n      - target: 18790\n        published: 18790\n        host_ip: 127.0.0.1\n',
        },
      },
      {
        name: 'compose: agent reached only through expose',
        files: {
          'compose.yaml': 'services:\n  agent:\n    image: your-agent:latest\n    expose:\n      - "5678"\n',
        },
      },
    ],
  },
  async run(ctx) {
    const { specs, engine } = await allContainers(ctx);
    const known = agentPorts(ctx);
    const findings: RawFinding[] = [];
    for (const spec of specs) {
      for (const item of spec.ports) {
        if (!item.value.ok) {
          findings.push(
            findingAt(spec, item.site, `cannot read the port mapping: ${item.value.error}`, {
              severity: 'info',
              evidence: item.text,
            }),
          );
          continue;
        }
        const p = item.value.port;
        const reach = reachOf(p.hostIp);
        if (reach === 'loopback' || (p.hostIp && isTailnet(p.hostIp))) continue;
        const agent = agentPortOf(p, known);
        let severity: Severity;
        let why: string;
        if (reach === 'address') {
          severity = agent ? 'high' : 'low';
          why = `publishes ${describePort(p)} on ${p.hostIp}: every host on that network can reach it`;
        } else if (agent) {
          severity = 'critical';
          why = `publishes ${describePort(p)} (agent port ${agent}) on every interface: anyone who reaches this machine can drive the agent`;
        } else if (p.target.from === p.target.to && WEB_PORTS.includes(p.target.from)) {
          // A reverse proxy must answer on 80/443: binding it to loopback is no fix, so none is offered.
          findings.push(
            findingAt(
              spec,
              item.site,
              `publishes ${describePort(p)} on every interface; expected for a TLS reverse proxy, nothing else.`,
              { severity: 'low', evidence: item.text },
            ),
          );
          continue;
        } else {
          severity = spec.agentLike ? 'high' : 'medium';
          why = `publishes ${describePort(p)} on every interface`;
        }
        findings.push(
          findingAt(spec, item.site, `${why}.`, {
            severity,
            evidence: item.text,
            ...(item.fixPlans && { fixPlans: item.fixPlans }),
          }),
        );
      }
    }
    // Only worth saying where the project deploys containers; elsewhere it is a fact about this machine.
    if (engine.status === 'unreachable' && specs.length > 0)
      findings.push(undetermined('which ports running containers publish', engine.reason));
    return findings;
  },
});
