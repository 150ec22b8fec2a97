import { defineCheck } from '../../core/check.js';
import { isRecord } from '../../core/document/index.js';
import type { RawFinding } from '../../core/finding.js';
import { at, HARDENED_CONFIG, openclaw, openclawHome } from './_openclaw.js';

/** An npm spec naming an exact version: `name@1.2.3` or `@scope/name@1.2.3`. */
const PINNED = /^(?:@[^/@]+\/)?[^@]+@\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/;

export default defineCheck({
  id: 'openclaw/plugin-installs-unpinned',
  severity: 'medium',
  seedRefs: ['SK-4', 'CS-4'],
  frameworks: ['OWASP-LLM03'],
  title: 'An OpenClaw plugin install is not pinned or has no integrity hash',
  docs: {
    why:
      'plugins.installs records how each managed plugin was installed. A spec without an exact version ' +
      '("@openclaw/feishu", "^1.2.0") installs whatever is newest at the next update, and a record without ' +
      'an integrity hash cannot show that the code on disk is what was reviewed. Plugins run inside the gateway.',
    fix: 'Reinstall with an exact version (`openclaw plugins install name@1.2.3`) so the record carries the version and its integrity hash.',
  },
  examples: {
    bad: [
      {
        name: 'unpinned npm spec without integrity',
        ...openclawHome(
          "{ plugins: { installs: { feishu: { source: 'npm', spec: '@openclaw/feishu', version: '2026.3.13' } } } }\n",
        ),
      },
    ],
    good: [
      { name: 'no managed plugins (hardened)', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'pinned with integrity',
        ...openclawHome(
          "{ plugins: { installs: { adapter: { source: 'npm', spec: 'openclaw-mcp-adapter@0.1.1', integrity: 'sha512-AAAA' } } } }\n",
        ),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    const installs = cfg?.get(['plugins', 'installs']);
    if (!cfg || !isRecord(installs)) return [];
    const findings: RawFinding[] = [];
    for (const [id, rec] of Object.entries(installs)) {
      if (!isRecord(rec)) continue;
      const spec = typeof rec.spec === 'string' ? rec.spec : undefined;
      const problems: string[] = [];
      if (rec.source === 'npm' && spec && !PINNED.test(spec))
        problems.push(`spec "${spec}" is not an exact version`);
      if (typeof rec.integrity !== 'string' || rec.integrity === '')
        problems.push('no integrity hash is recorded');
      if (problems.length === 0) continue;
      findings.push({
        message: `plugin "${id}": ${problems.join(' and ')}.`,
        ...at(cfg, [
          'plugins',
          'installs',
          id,
          spec && problems[0]?.startsWith('spec') ? 'spec' : 'integrity',
        ]),
      });
    }
    return findings;
  },
});
