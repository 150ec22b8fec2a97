import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { allContainers } from './_containers.js';
import { findingAt } from './_report.js';

export default defineCheck({
  id: 'deploy/no-resource-limits',
  severity: 'medium',
  seedRefs: ['OC-H3', 'DA-2'],
  title: 'A container has no CPU or memory limit',
  docs: {
    why:
      'A looping agent, a fork bomb or a runaway build without limits takes the whole host with it, including ' +
      'the monitoring and the kill switch that should stop it. Agent containers are medium, others low.',
    fix:
      'Set `deploy.resources.limits` (`cpus: "1.0"`, `memory: 2G`) in compose, or `--cpus 1 --memory 2g` on ' +
      '`docker run`. `--fix` adds the compose limits (raise them if the agent needs more; a Node agent also ' +
      'wants NODE_OPTIONS=--max-old-space-size below the memory cap).',
  },
  fixable: true,
  examples: {
    bad: [
      {
        // Mirrors openclaw/openclaw's docker-compose.yml, which ships without limits.
        name: 'compose: gateway without limits',
        files: {
          'docker-compose.yml':
            'services:\n  openclaw-gateway:\n    image: openclaw:local\n    init: true\n    restart: unless-stopped\n',
        },
      },
      {
        name: 'docker run without --cpus/--memory',
        files: { Makefile: 'run:\n\tdocker run --rm -it openclaw:local\n' },
      },
    ],
    good: [
      {
        name: 'compose: deploy.resources.limits, and mem_limit/cpus on another service',
        files: {
          'compose.yaml':
            "services:\n  agent:\n    image: your-agent:latest\n    deploy:\n      resources:\n        limits:\n          cpus: '1.0'\n          memory: 2G\n  db:\n    image: postgres:16\n    cpus: 0.5\n    mem_limit: 512m\n",
        },
      },
    ],
  },
  async run(ctx) {
    const { specs } = await allContainers(ctx);
    const findings: RawFinding[] = [];
    for (const spec of specs) {
      const missing = [!spec.limits.cpus && 'CPU', !spec.limits.memory && 'memory'].filter(Boolean);
      if (missing.length === 0) continue;
      findings.push(
        findingAt(
          spec,
          spec.site,
          `has no ${missing.join(' or ')} limit: a runaway process can exhaust the host${spec.oneShot ? ' (a job that runs once and exits: low)' : ''}.`,
          {
            severity: spec.agentLike && !spec.oneShot ? 'medium' : 'low',
            ...(spec.limitsFix && { fixPlans: spec.limitsFix }),
          },
        ),
      );
    }
    return findings;
  },
});
