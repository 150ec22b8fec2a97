import type { Finding } from '../../src/core/finding.js';
import type { AuditReport } from '../../src/core/report.js';
import { countBySeverity } from '../../src/core/run-audit.js';
import type { RuleCatalogue } from '../../src/reporters/index.js';

export const HOME = '/home/alice';

/** Deterministic filler so fake secrets look random without being real or varying between runs. */
export function fakeChars(n: number, alphabet: string, seed = 7): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[Math.floor(x / 65536) % alphabet.length];
  }
  return out;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const FAKE_ANTHROPIC = `sk-ant-api03-${fakeChars(90, `${ALNUM}_-`, 1)}`;
export const FAKE_AWS_ID = `AKIA${fakeChars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 2)}`;
export const FAKE_GITHUB = `ghp_${fakeChars(36, ALNUM, 3)}`;
export const FAKE_SECRETS = [FAKE_ANTHROPIC, FAKE_AWS_ID, FAKE_GITHUB];

export function finding(over: Partial<Finding> & Pick<Finding, 'checkId' | 'severity'>): Finding {
  return {
    title: `Title of ${over.checkId}`,
    message: `Message of ${over.checkId}`,
    fixable: false,
    seedRefs: ['CC-H2'],
    frameworks: [],
    ...over,
  };
}

export function report(findings: Finding[], over: Partial<AuditReport> = {}): AuditReport {
  return {
    schemaVersion: 1,
    tool: { name: 'agentwarden', version: '1.2.3' },
    target: { home: HOME, project: `${HOME}/work/app`, host: 'devbox' },
    findings,
    summary: { bySeverity: countBySeverity(findings), checksRun: 12, durationMs: 34 },
    ...over,
  };
}

export const RULES: RuleCatalogue = new Map([
  [
    'claude/project-mcp-autoapprove',
    {
      title: 'Project MCP servers are auto-approved',
      severity: 'high' as const,
      why: 'A cloned repository can start any MCP server it declares.',
      fix: 'Remove enableAllProjectMcpServers from settings.json.',
      seedRefs: ['CC-H2'],
      frameworks: ['OWASP-LLM06'],
    },
  ],
]);

/** One finding of every severity, shuffled, with a file under home, one outside it and one with none. */
export function mixedReport(): AuditReport {
  return report([
    finding({ checkId: 'host/low-thing', severity: 'low', file: '/etc/ssh/sshd_config', line: 4 }),
    finding({
      checkId: 'claude/project-mcp-autoapprove',
      severity: 'high',
      file: `${HOME}/work/app/.claude/settings.json`,
      line: 3,
      column: 5,
      fixable: true,
    }),
    finding({ checkId: 'claude/info-thing', severity: 'info' }),
    finding({
      checkId: 'claude/critical-thing',
      severity: 'critical',
      file: `${HOME}/.claude/settings.json`,
      line: 1,
    }),
    finding({ checkId: 'deploy/medium-thing', severity: 'medium', file: `${HOME}/srv/compose.yml` }),
  ]);
}

/** Fake secrets everywhere a check could (wrongly) put them. */
export function leakyReport(): AuditReport {
  return report([
    finding({
      checkId: 'secrets/leaky',
      severity: 'critical',
      title: `Key ${FAKE_GITHUB} in title`,
      message: `Found ${FAKE_ANTHROPIC} in CLAUDE.md`,
      evidence: `export AWS_ACCESS_KEY_ID=${FAKE_AWS_ID}\nANTHROPIC_API_KEY=${FAKE_ANTHROPIC}`,
      fix: `Rotate ${FAKE_GITHUB} now`,
      file: `${HOME}/work/${FAKE_AWS_ID}/CLAUDE.md`,
      line: 2,
    }),
    finding({ checkId: 'secrets/leaky', severity: 'low', message: `token=${FAKE_GITHUB}` }),
  ]);
}
