import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { allContainers } from './_containers.js';
import { isConfigMount } from './_mounts.js';
import { findingAt } from './_report.js';

export default defineCheck({
  id: 'deploy/config-mount-writable',
  severity: 'medium',
  seedRefs: ['DA-2'],
  title: 'Configuration is mounted read-write into a container',
  docs: {
    why:
      'An agent that can rewrite its own configuration (a config folder, a Caddyfile, CLAUDE.md, openclaw.json) ' +
      'can switch off its own limits: one injected instruction turns the sandbox off or widens its allow list, ' +
      'and the change survives a restart.',
    fix: 'Mount configuration with `:ro` (`./config:/config:ro`; long syntax `read_only: true`). `--fix` adds it in compose files.',
  },
  fixable: true,
  examples: {
    bad: [
      {
        name: 'compose: ./config mounted without :ro',
        files: {
          'compose.yaml':
            'services:\n  agent:\n    image: your-agent:latest\n    volumes:\n      - ./workspace:/workspace:rw\n      - ./config:/config  # agent settings\n',
        },
      },
    ],
    good: [
      {
        name: 'compose: the seed example (config :ro, workspace :rw)',
        files: {
          'compose.yaml':
            'services:\n  agent:\n    image: your-agent:latest\n    volumes:\n      - ./workspace:/workspace:rw\n      - ./config:/config:ro\n      - type: bind\n        source: ./Caddyfile\n        target: /etc/caddy/Caddyfile\n        read_only: true\n',
        },
      },
    ],
  },
  async run(ctx) {
    const { specs } = await allContainers(ctx);
    const findings: RawFinding[] = [];
    for (const spec of specs)
      for (const item of spec.mounts) {
        if (!item.value.ok || item.value.mount.readOnly || !isConfigMount(item.value.mount)) continue;
        findings.push(
          findingAt(
            spec,
            item.site,
            `mounts configuration ${item.value.mount.source} read-write at ${item.value.mount.target}: the container can rewrite it.`,
            {
              evidence: item.text,
              ...(item.fixPlans && { fixPlans: item.fixPlans }),
            },
          ),
        );
      }
    return findings;
  },
});
