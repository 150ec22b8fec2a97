import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { allContainers } from './_containers.js';
import { mountRisk } from './_mounts.js';
import { findingAt } from './_report.js';

export default defineCheck({
  id: 'deploy/sensitive-mount',
  severity: 'critical',
  seedRefs: ['CS-1', 'OC-H1', 'PR-3'],
  frameworks: ['OWASP-LLM06'],
  title: 'A container mounts the home directory, /, credentials or the Docker socket',
  docs: {
    why:
      'A container is only a boundary for what is not mounted into it. `~:/root`, `/:/host`, `~/.ssh`, `~/.aws` ' +
      'or `/var/run/docker.sock` (root on the host) hand the agent exactly what the container was meant to keep ' +
      'from it: an injected prompt then reads keys or starts a privileged container of its own.',
    fix:
      'Mount only the project folder (`./workspace:/workspace`) and the agent config read-only; pass single ' +
      'credentials as environment variables or compose secrets, never a credential folder; never mount the ' +
      'Docker socket into an agent.',
  },
  examples: {
    bad: [
      {
        // Mirrors a community compose file for an OpenClaw desktop image: the whole home directory mounted.
        name: 'compose: ~/openclaw-data is fine, but ~ and the Docker socket are not',
        files: {
          'docker-compose.yml':
            'services:\n  openclaw:\n    image: ghcr.io/openclaw/openclaw:latest\n    volumes:\n      - ~:/home/node\n      - /var/run/docker.sock:/var/run/docker.sock  # If using Docker skills\n',
        },
      },
      {
        name: 'docker run -v ~/.ssh:/root/.ssh:ro in a script',
        files: { 'start.sh': '#!/bin/sh\ndocker run -d -v ~/.ssh:/root/.ssh:ro -v "$PWD":/work my-agent\n' },
      },
    ],
    good: [
      {
        name: 'compose: project folders and a named volume',
        files: {
          'compose.yaml':
            'services:\n  agent:\n    image: your-agent:latest\n    volumes:\n      - ./workspace:/workspace:rw\n      - ./config:/config:ro\n      - agent_state:/data\nvolumes:\n  agent_state:\n',
        },
      },
    ],
  },
  async run(ctx) {
    const { specs } = await allContainers(ctx);
    const findings: RawFinding[] = [];
    for (const spec of specs)
      for (const item of spec.mounts) {
        if (!item.value.ok) continue;
        const risk = mountRisk(item.value.mount, ctx.home, ctx.project);
        if (!risk) continue;
        // A reverse proxy or a container manager (Traefik, Portainer) takes the socket by design: a real risk,
        // but not the agent's own; an agent container holding it is the seed's worst case.
        const severity = spec.agentLike || risk.severity !== 'critical' ? risk.severity : 'high';
        findings.push(
          findingAt(
            spec,
            item.site,
            `mounts ${risk.what} into the container${item.value.mount.readOnly ? ' (read-only)' : ''}${spec.agentLike ? '' : '; it does not look like an agent container (high rather than critical), but whatever runs in it or breaks into it has the same reach'}.`,
            {
              severity,
              evidence: item.text,
            },
          ),
        );
      }
    return findings;
  },
});
