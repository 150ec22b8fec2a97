import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import { isRecord, type JsonPath } from '../../core/document/index.js';
import type { RawFinding } from '../../core/finding.js';
import {
  agentScopes,
  at,
  HARDENED_CONFIG,
  type OpenclawConfig,
  openclaw,
  openclawHome,
  openclawStateTable,
  show,
  stateJson,
} from './_openclaw.js';

/** Programs that run code they are given (OpenClaw 2026.9.6's INTERPRETER_LIKE_SAFE_BINS and patterns). */
const INTERPRETERS =
  /^(?:ash|awk|bash|busybox|bun|cmd|cscript|dash|deno|fish|gawk|gsed|ksh|lua|mawk|nawk|nodejs|powershell|pypy|pwsh|python2?|ruby|sed|sh|toybox|wscript|zsh|(?:python|ruby|perl|php|node)(?:\d+(?:\.\d+)?)?)$/;
/** safeBins OpenClaw warns about whatever their profile: they run scripts, read the environment or write files. */
const BROAD: Record<string, string> = {
  awk: 'awk runs commands (system()), reads ENVIRON and writes files',
  gawk: 'awk runs commands (system()), reads ENVIRON and writes files',
  mawk: 'awk runs commands (system()), reads ENVIRON and writes files',
  nawk: 'awk runs commands (system()), reads ENVIRON and writes files',
  sed: 'sed scripts run commands (e) and write files (w)',
  gsed: 'sed scripts run commands (e) and write files (w)',
  jq: 'jq reads the environment ($ENV) and loads code from modules',
};

/** Same normalisation as OpenClaw: the basename, lower case, without a Windows suffix. */
const binName = (raw: string) =>
  (raw.trim().toLowerCase().split(/[\\/]/).at(-1) ?? '').replace(/\.(?:exe|cmd|bat|com)$/, '');

/** Why a trusted safe-bin dir can be written by the agent or others, or undefined. */
function riskyDir(raw: string, home: string): string | undefined {
  if (!path.isAbsolute(raw))
    return 'a relative path, resolved against whatever directory the Gateway runs in';
  const p = path.resolve(raw).toLowerCase();
  const under = (d: string) => p === d || p.startsWith(`${d}/`);
  if (['/tmp', '/var/tmp', '/private/tmp'].some(under)) return 'a temporary directory anyone can write to';
  if (['/usr/local/bin', '/opt/homebrew/bin', '/opt/local/bin', '/home/linuxbrew/.linuxbrew/bin'].includes(p))
    return 'a package-manager directory, often writable without root';
  if (under(home.toLowerCase()) || under('/home') || under('/users') || p.includes('/.local/bin'))
    return 'a directory in a home, writable by its user (and by the agent running as that user)';
  return undefined;
}

/**
 * OpenClaw's exec approvals (state/openclaw.sqlite, exec_approvals_config.raw_json): skill bins allowed
 * without asking (autoAllowSkills), and interpreters on an agent's allowlist while strictInlineEval is off, so
 * `python -c …` or `node -e …` runs whatever code it is handed.
 */
function approvalFindings(ctx: AuditContext, cfg: OpenclawConfig): RawFinding[] {
  const { db, rows } = openclawStateTable(ctx, cfg, 'exec_approvals_config');
  const approvals = stateJson(rows[0]?.[1]);
  if (!isRecord(approvals)) return [];
  const out: RawFinding[] = [];
  const agents = isRecord(approvals.agents) ? approvals.agents : {};
  const auto = [
    ...(isRecord(approvals.defaults) && approvals.defaults.autoAllowSkills === true ? ['defaults'] : []),
    ...Object.entries(agents)
      .filter(([, a]) => isRecord(a) && a.autoAllowSkills === true)
      .map(([id]) => `agent "${id}"`),
  ];
  if (auto.length > 0)
    out.push({
      message: `Exec approvals allow every skill's programs without asking (autoAllowSkills: ${auto.join(', ')}): installing a skill widens what runs unapproved.`,
      file: db,
      fix: 'Turn autoAllowSkills off in the exec approvals (`openclaw approvals`) and allowlist the commands you need by hand.',
    });
  const strict = (id: string) => {
    const own = agentScopes(cfg).find((a) => a.id === id);
    const value = own ? cfg.get([...own.path, 'tools', 'exec', 'strictInlineEval']) : undefined;
    return (value ?? cfg.get(['tools', 'exec', 'strictInlineEval'])) === true;
  };
  for (const [id, agent] of Object.entries(agents)) {
    if (!isRecord(agent) || !Array.isArray(agent.allowlist) || strict(id)) continue;
    const interpreters = agent.allowlist
      .map((e) => (isRecord(e) && typeof e.pattern === 'string' ? e.pattern : ''))
      .filter((p) =>
        INTERPRETERS.test(
          binName(p)
            .replace(/[*?[\]{}()]/g, '')
            .replace(/[.-]+$/, ''),
        ),
      );
    if (interpreters.length > 0)
      out.push({
        message: `Exec approvals allowlist ${interpreters.map((p) => `"${p}"`).join(', ')} for agent "${id}" without tools.exec.strictInlineEval: inline code (python -c, node -e) passed to them runs without approval.`,
        file: db,
        fix: 'Set tools.exec.strictInlineEval to true (globally or for that agent), or remove interpreters from the allowlist.',
      });
  }
  return out;
}

export default defineCheck({
  id: 'openclaw/exec-safe-bins',
  severity: 'medium',
  seedRefs: ['OC-H6', 'PR-4', 'CC-H5'],
  frameworks: ['OWASP-LLM06'],
  title: 'OpenClaw runs interpreters, skill programs or programs from writable directories without asking',
  docs: {
    why:
      'tools.exec.safeBins lists programs OpenClaw runs without approval as long as they only filter stdin. An ' +
      'interpreter (python, node, bash, awk, sed) in that list runs whatever program the model passes it, so the ' +
      'allowlist allows everything; jq, awk and sed also read the environment or write files. safeBinTrustedDirs ' +
      'tells OpenClaw where those programs may live: a temporary, home or package-manager directory lets anyone ' +
      'who can write there (the agent included) replace a "safe" program. In the exec approvals, autoAllowSkills ' +
      "runs every installed skill's programs unapproved, and an allowlisted interpreter without strictInlineEval " +
      'runs any inline code.',
    fix:
      'Remove interpreters, awk, sed and jq from safeBins (approve them per command, or allowlist exact ' +
      'commands), or give each one a strict tools.exec.safeBinProfiles entry; keep safeBinTrustedDirs to ' +
      'root-owned directories such as /usr/bin and /bin.',
  },
  examples: {
    bad: [
      {
        name: 'python and jq as safe bins, trusted from ~/.local/bin',
        ...openclawHome(
          "{ tools: { exec: { security: 'allowlist', safeBins: ['cat', 'python3', 'jq'], safeBinTrustedDirs: ['~/.local/bin', '/tmp/bin'] } } }\n",
        ),
      },
    ],
    good: [
      { name: 'hardened (no safe bins)', ...openclawHome(HARDENED_CONFIG) },
      {
        name: 'stream filters from /usr/bin; a profiled interpreter',
        ...openclawHome(
          "{ tools: { exec: { security: 'allowlist', safeBins: ['cat', 'wc', 'node'], safeBinProfiles: { node: { maxPositional: 0 } }, safeBinTrustedDirs: ['/usr/bin'] } } }\n",
        ),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = approvalFindings(ctx, cfg);
    const globalProfiles = cfg.get(['tools', 'exec', 'safeBinProfiles']);
    const scopes: JsonPath[] = [
      ['tools', 'exec'],
      ...agentScopes(cfg)
        .filter((a) => a.id !== 'defaults')
        .map((a) => [...a.path, 'tools', 'exec']),
    ];
    for (const scope of scopes) {
      const bins = cfg.get([...scope, 'safeBins']);
      const profiled = (bin: string) =>
        [cfg.get([...scope, 'safeBinProfiles']), globalProfiles].some(
          (p) => typeof p === 'object' && p !== null && Object.keys(p).some((k) => binName(k) === bin),
        );
      if (Array.isArray(bins))
        bins.forEach((raw, i) => {
          if (typeof raw !== 'string') return;
          const bin = binName(raw);
          const broad = BROAD[bin];
          if (broad)
            findings.push({
              message: `${show([...scope, 'safeBins'])} lists "${raw}": ${broad}, so it is no low-risk stream filter.`,
              ...at(cfg, [...scope, 'safeBins', i]),
              evidence: raw,
            });
          else if (INTERPRETERS.test(bin) && !profiled(bin))
            findings.push({
              message: `${show([...scope, 'safeBins'])} lists the interpreter "${raw}" without a safeBinProfiles entry: it runs any program the model hands it, without approval.`,
              ...at(cfg, [...scope, 'safeBins', i]),
              evidence: raw,
              severity: 'high',
            });
        });
      const dirs = cfg.get([...scope, 'safeBinTrustedDirs']);
      if (Array.isArray(dirs))
        dirs.forEach((raw, i) => {
          if (typeof raw !== 'string' || raw.trim() === '') return;
          const expanded = raw.trim().replace(/^~(?=\/|$)/, ctx.home);
          const why = riskyDir(expanded, ctx.home);
          if (why)
            findings.push({
              message: `${show([...scope, 'safeBinTrustedDirs'])} trusts "${raw}", ${why}: a program placed there runs as a safe bin.`,
              ...at(cfg, [...scope, 'safeBinTrustedDirs', i]),
              evidence: raw,
            });
        });
    }
    return findings;
  },
});
