import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { allContainers } from './_containers.js';
import { envFiles } from './_env-files.js';
import { reachOf } from './_ports.js';
import { findingAt } from './_report.js';
import type { ContainerSpec } from './_spec.js';

/** Variables agents read their listen address from (HOST, *_HOST, *_BIND, …). */
const BIND_KEY =
  /^(?:HOST|HOSTNAME_BIND|BIND|BIND_ADDRESS|LISTEN_ADDRESS|[A-Z0-9_]*_(?:HOST|BIND|BIND_ADDRESS|LISTEN))$/;
const ALL_INTERFACES = /^(?:0\.0\.0\.0|::|\[::\]|\*|lan)$/;

export function bindsAll(key: string, value: string | undefined): boolean {
  return value !== undefined && BIND_KEY.test(key) && ALL_INTERFACES.test(value.trim());
}

/**
 * Inside a container, listening on every interface is how a published port reaches the service at all: it is
 * exposed only as far as the container shares the host's network or publishes a port beyond loopback.
 */
function exposedBeyondLoopback(spec: ContainerSpec): boolean {
  return (
    spec.networkMode?.value === 'host' ||
    spec.ports.some((p) => !p.value.ok || reachOf(p.value.port.hostIp) !== 'loopback')
  );
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
      'that shares the host network or publishes its port beyond loopback it is the same. Inside a container whose ' +
      'ports are published on 127.0.0.1 only (or not at all), 0.0.0.0 is what makes the mapping work and is not reported.',
    fix: 'Set HOST=127.0.0.1 (OpenClaw: `gateway.bind: "loopback"`) and reach the agent through a reverse proxy or Tailscale.',
  },
  examples: {
    bad: [
      { name: '.env: HOST=0.0.0.0', files: { '.env': '# agent\nHOST=0.0.0.0\nPORT=5678\n' } },
      {
        // Mirrors the clawdbot docs' compose sketch: GATEWAY_BIND=0.0.0.0 with a published port.
        name: 'compose: GATEWAY_BIND=0.0.0.0 with the port published on every interface',
        files: {
          'docker-compose.yml':
            'services:\n  clawdbot:\n    image: ghcr.io/clawdbot/clawdbot:latest\n    ports:\n      - "18789:18789"\n    environment:\n      - GATEWAY_BIND=0.0.0.0\n      - GATEWAY_PORT=18789\n',
        },
      },
    ],
    good: [
      { name: '.env: HOST=127.0.0.1', files: { '.env': 'HOST=127.0.0.1\nPORT=5678\n' } },
      {
        // As troykelly/openclaw-projects publishes its API: HOST=:: inside, the mapping on loopback only.
        name: 'compose: HOST=:: inside a container whose port is published on 127.0.0.1 and [::1] only',
        files: {
          'compose.yaml':
            'services:\n  api:\n    image: ghcr.io/example/openclaw-api:1.0\n    environment:\n      HOST: "::"\n    ports:\n      - "[::1]:3000:3000"\n      - "127.0.0.1:3000:3000"\n',
        },
      },
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
    for (const spec of specs) {
      if (!exposedBeyondLoopback(spec)) continue;
      for (const item of spec.environment)
        if (bindsAll(item.value.key, item.value.value))
          findings.push(
            findingAt(
              spec,
              item.site,
              spec.networkMode?.value === 'host'
                ? `sets ${item.value.key}=${item.value.value} and shares the host's network: it listens on every interface of the host.`
                : `sets ${item.value.key}=${item.value.value} and publishes ports beyond loopback: the agent answers on every interface they are published on.`,
              { evidence: item.text },
            ),
          );
    }
    return findings;
  },
});
