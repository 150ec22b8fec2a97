import { defineCheck } from '../../core/check.js';
import { loadCompose } from './_compose.js';

export default defineCheck({
  id: 'deploy/compose-unreadable',
  severity: 'low',
  seedRefs: ['DA-2'],
  title: 'A compose file could not be fully audited',
  docs: {
    why:
      `A compose file that does not parse, a variable that cannot be interpolated (missing \`\${VAR:?}\`, a loop ` +
      'between .env values), a broken `extends` or an unknown service key: the deploy checks skip what they ' +
      'cannot read, so a problem there goes unreported.',
    fix: 'Run `docker compose config` in that folder and fix what it reports.',
  },
  examples: {
    bad: [
      { name: 'broken YAML', files: { 'compose.yaml': 'services:\n  agent:\n    image: x\n   ports: [\n' } },
      {
        name: 'interpolation loop in .env',
        files: {
          '.env': `A=\${B}\nB=\${A}\n`,
          'compose.yaml': `services:\n  agent:\n    image: "agent:\${A}"\n`,
        },
      },
      {
        name: 'required variable missing',
        files: { 'compose.yaml': `services:\n  agent:\n    image: "\${IMAGE:?set IMAGE}"\n` },
      },
    ],
    good: [
      {
        name: 'defaults and .env values resolve',
        files: {
          '.env': 'TAG=1.2\n',
          'compose.yaml': `services:\n  agent:\n    image: "agent:\${TAG}"\n    user: "\${UID:-1000}"\n`,
        },
      },
    ],
  },
  run(ctx) {
    return loadCompose(ctx).problems.map((p) => ({
      file: p.file,
      ...(p.line !== undefined && { line: p.line }),
      ...(p.column !== undefined && { column: p.column }),
      severity: p.severity,
      message: p.message,
    }));
  },
});
