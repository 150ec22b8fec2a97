import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { allContainers } from './_containers.js';
import { envFiles } from './_env-files.js';
import { findingAt } from './_report.js';
import type { ContainerSpec } from './_spec.js';

/** Variables agents read their listen address from (HOST, *_HOST, *_BIND, …). */
const BIND_KEY =
  /^(?:HOST|HOSTNAME_BIND|BIND|BIND_ADDRESS|LISTEN_ADDRESS|[A-Z0-9_]*_(?:HOST|BIND|BIND_ADDRESS|LISTEN))$/;
const ALL_INTERFACES = /^(?:0\.0\.0\.0|::|\[::\]|\*|lan)$/;

export function bindsAll(key: string, value: string | undefined): boolean {
  return value !== undefined && BIND_KEY.test(key) && ALL_INTERFACES.test(value.trim());
}

/** Inside a container, 0.0.0.0 reaches only the container's networks unless a port is published. */
function published(spec: ContainerSpec): boolean {
  return spec.ports.length > 0 || spec.networkMode?.value === 'host';
}

export default defineCheck({
  id: 'deploy/env-binds-all-interfaces',
  severity: 'high',
  seedRefs: ['CS-2', 'CS-7'],
  title: 'An environment setting binds the agent to all interfaces',
  docs: {
    why:
      '`HOST=0.0.0.0` (or `GATEWAY_BIND=0.0.0.0`, `OPENCLAW_GATEWAY_BIND=lan`) in a .env file or a service ' +
      'environment makes the agent listen on every interface. On the host that is the network; in a container ' +
      'whose ports are published it is the same through Docker. A container that publishes nothing is reachable ' +
      'only on its compose networks (low).',
    fix: 'Set HOST=127.0.0.1 (OpenClaw: `gateway.bind: "loopback"`) and reach the agent through a reverse proxy or Tailscale.',
  },
  examples: {
    bad: [
      { name: '.env: HOST=0.0.0.0', files: { '.env': '# agent\nHOST=0.0.0.0\nPORT=5678\n' } },
      {
        // Mirrors the clawdbot docs' compose sketch: GATEWAY_BIND=0.0.0.0 with a published port.
        name: 'compose: GATEWAY_BIND=0.0.0.0 with the port published',
        files: {
          'docker-compose.yml':
            'services:\n  clawdbot:\n    image: ghcr.io/clawdbot/clawdbot:latest\n    ports:\n      - "127.0.0.1:18789:18789"\n    environment:\n      - GATEWAY_BIND=0.0.0.0\n      - GATEWAY_PORT=18789\n',
        },
      },
    ],
    good: [
      { name: '.env: HOST=127.0.0.1', files: { '.env': 'HOST=127.0.0.1\nPORT=5678\n' } },
      {
        name: 'compose: seed example environment HOST=127.0.0.1',
        files: {
          'compose.yaml':
            'services:\n  agent:\n    image: your-agent:latest\n    environment:\n      - HOST=127.0.0.1\n',
        },
      },
    ],
  },
  async run(ctx) {
    const findings: RawFinding[] = [];
    for (const env of envFiles(ctx))
      for (const e of env.entries)
        if (bindsAll(e.key, e.value))
          findings.push({
            file: env.file,
            line: e.line,
            column: e.column,
            message: `${path.relative(ctx.project, env.file) || env.file} sets ${e.key}=${e.value}: whatever reads it listens on every interface.`,
            evidence: `${e.key}=${e.value}`,
          });
    const { specs } = await allContainers(ctx);
    for (const spec of specs)
      for (const item of spec.environment)
        if (bindsAll(item.value.key, item.value.value))
          findings.push(
            findingAt(
              spec,
              item.site,
              published(spec)
                ? `sets ${item.value.key}=${item.value.value} and publishes ports: the agent answers on every interface it is published on.`
                : `sets ${item.value.key}=${item.value.value}; no port is published, so only its compose networks reach it.`,
              { severity: published(spec) ? 'high' : 'low', evidence: item.text },
            ),
          );
    return findings;
  },
});
