import { defineCheck } from '../../core/check.js';
import type { RawFinding } from '../../core/finding.js';
import { plaintextSecret } from '../../scanners/secrets/key-values.js';
import { allContainers } from './_containers.js';
import { findingAt } from './_report.js';

/** Lower-case words with at most a short number (`password`, `openclaw`, `root-token-demo`, `secret123`). */
const WEAK_DEFAULT = /^(?=.{1,24}$)[a-z]+(?:[-_.][a-z]+)*\d{0,4}$/;

export default defineCheck({
  id: 'deploy/secret-in-environment',
  severity: 'high',
  seedRefs: ['CS-7'],
  title: 'A secret is written inline in a compose file or docker run line',
  docs: {
    why:
      'A key written into compose.yaml or a `docker run -e KEY=…` line ends up in git history, in shell ' +
      'history, in `docker inspect` and in every copy of the repository; rotating it means editing code.',
    fix:
      `Reference it instead (\`ANTHROPIC_API_KEY: \${ANTHROPIC_API_KEY}\`, or \`-e ANTHROPIC_API_KEY\` without a ` +
      'value), keep the value in a .env file with mode 600 that git ignores, or use compose secrets; rotate the exposed key.',
  },
  examples: {
    bad: [
      {
        // Mirrors a generated compose file that puts the database password inline.
        name: 'compose: POSTGRES_PASSWORD and a provider key inline',
        files: {
          'docker-compose.yml':
            'services:\n  openclaw:\n    image: openclaw:local\n    environment:\n      - OPENCLAW_ENV=production\n      - ANTHROPIC_API_KEY=sk-ant-api03-Zq8vT2mK9xLp4RwN7bYc3HdF6gJs1QeU5aVo0iXtE2lMnB8kCzWy4uPr6sDf9GhJ-3xKqLw7AA\n  postgres:\n    image: postgres:15-alpine\n    environment:\n      POSTGRES_DB: openclaw\n      POSTGRES_PASSWORD: Vx9q2LmT7rWk\n',
        },
      },
    ],
    good: [
      {
        name: 'compose: variables only (the official compose file)',
        files: {
          'docker-compose.yml': `services:\n  openclaw-gateway:\n    image: openclaw:local\n    environment:\n      HOME: /home/node\n      OPENCLAW_GATEWAY_TOKEN: \${OPENCLAW_GATEWAY_TOKEN}\n      OPENAI_API_KEY: \${OPENAI_API_KEY}\n`,
        },
      },
    ],
  },
  async run(ctx) {
    const { specs } = await allContainers(ctx);
    const findings: RawFinding[] = [];
    for (const spec of specs) {
      // A running container's environment holds resolved values, wherever they came from.
      if (spec.origin === 'running container') continue;
      for (const item of spec.environment) {
        if (!item.value.literal || item.value.value === undefined) continue;
        const secret = plaintextSecret(item.value.key, item.value.value);
        if (!secret) continue;
        // `POSTGRES_PASSWORD: openclaw` in a dev stack is a known default, not a leaked key.
        const weak = WEAK_DEFAULT.test(item.value.value);
        findings.push(
          findingAt(
            spec,
            item.site,
            weak
              ? `${item.value.key} holds a word-like default password written in the file: everyone who reads the repository knows it; fine for a local dev container, never where the service is reachable.`
              : `${item.value.key} holds a literal secret (${secret.reason}).`,
            { evidence: `${item.value.key}=${secret.masked}`, ...(weak && { severity: 'low' as const }) },
          ),
        );
      }
    }
    return findings;
  },
});
