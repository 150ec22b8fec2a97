import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import type { RawFinding } from '../../core/finding.js';
import { claudeConfigDir } from '../../core/paths.js';
import { loadClaudeSettings } from '../../discover/claude-settings.js';
import { plaintextSecrets } from '../../scanners/secrets/key-values.js';
import { displayPath } from './_content-helpers.js';

/** `.env.example` and friends are committed templates, not secrets. */
const ENV_TEMPLATE = /\.(?:example|sample|template|dist|defaults?|tpl)$/i;

interface CredentialFile {
  file: string;
  holds: string;
}

function credentialFiles(ctx: AuditContext): CredentialFile[] {
  const cfg = claudeConfigDir(ctx.home, ctx.env);
  const out: CredentialFile[] = [
    { file: path.join(ctx.home, '.claude.json'), holds: 'account state and MCP server env/headers' },
    { file: path.join(cfg, '.claude.json'), holds: 'account state and MCP server env/headers' },
    { file: path.join(cfg, '.credentials.json'), holds: 'Claude Code OAuth tokens' },
  ];
  for (const name of ctx.fs.list(ctx.project)) {
    if ((name === '.env' || name.startsWith('.env.') || name === '.envrc') && !ENV_TEMPLATE.test(name))
      out.push({ file: path.join(ctx.project, name), holds: 'environment secrets' });
  }
  for (const s of loadClaudeSettings(ctx).files) {
    if (s.scope === 'managed') continue;
    if (plaintextSecrets(s.data.env).length > 0)
      out.push({ file: s.file, holds: 'secrets in its "env" block' });
  }
  const seen = new Set<string>();
  return out.filter((c) => !seen.has(c.file) && seen.add(c.file));
}

/** The directories one passes through to reach a file, from its own up to home or the project holding it. */
function reachedThrough(ctx: AuditContext, file: string): string[] {
  const top = [ctx.home, ctx.project]
    .filter((d) => file.startsWith(d + path.sep))
    .sort((a, b) => a.length - b.length)[0];
  if (!top) return [];
  const dirs: string[] = [];
  for (let d = path.dirname(file); ; d = path.dirname(d)) {
    dirs.push(d);
    if (d === top || d === path.dirname(d)) return dirs;
  }
}

const SETTINGS_WITH_KEY =
  '{\n  "env": {\n    "OPENAI_API_KEY": "sk-proj-Qm7Xc2Lp9Rt4Vb8Nw1Ks6Hd3Fg5Jz0Ay2Ue7Io4Pq9Lr3Ts8Wv1Xb6Nm5Kc0Zd"\n  }\n}\n';

export default defineCheck({
  id: 'claude/credential-file-permissions',
  severity: 'medium',
  seedRefs: ['CS-7'],
  frameworks: ['OWASP-LLM02'],
  title: 'A credential file is readable by other users',
  docs: {
    why:
      '~/.claude.json (MCP server keys and headers), ~/.claude/.credentials.json (OAuth tokens on Linux), ' +
      'settings files with keys in "env" and the project .env files hold credentials in plaintext. With ' +
      'group or world permissions any other account or service on the machine can read them.',
    fix: 'Restrict the file to its owner: chmod 600 FILE (agentwarden audit --fix does this).',
  },
  fixable: true,
  examples: {
    bad: [
      {
        name: 'world-readable ~/.claude.json and .credentials.json',
        files: {
          '~/.claude.json': { content: '{"userID":"0f3c","mcpServers":{}}\n', mode: 0o644 },
          '~/.claude/.credentials.json': { content: '{"claudeAiOauth":{}}\n', mode: 0o640 },
        },
      },
      { name: 'group-readable project .env', files: { '.env': { content: 'DB_PASSWORD=x\n', mode: 0o640 } } },
      {
        name: 'user settings with an env key, readable by all',
        files: { '~/.claude/settings.json': { content: SETTINGS_WITH_KEY, mode: 0o644 } },
      },
    ],
    good: [
      {
        name: 'owner-only credential files; templates and key-less settings may be shared',
        files: {
          '~/.claude.json': { content: '{"userID":"0f3c"}\n', mode: 0o600 },
          '~/.claude/.credentials.json': { content: '{"claudeAiOauth":{}}\n', mode: 0o600 },
          '.env': { content: 'DB_PASSWORD=x\n', mode: 0o600 },
          '.env.example': { content: 'DB_PASSWORD=\n', mode: 0o644 },
          '~/.claude/settings.json': { content: '{"model":"opus"}\n', mode: 0o644 },
        },
      },
      {
        name: 'Windows has no POSIX modes',
        platform: 'win32',
        files: { '~/.claude.json': { content: '{}\n', mode: 0o644 } },
      },
    ],
  },
  run(ctx) {
    if (ctx.platform === 'win32') return [];
    const findings: RawFinding[] = [];
    for (const { file, holds } of credentialFiles(ctx)) {
      const info = ctx.fs.stat(file);
      if (info?.kind !== 'file' || (info.mode & 0o077) === 0) continue;
      const mode = `0${info.mode.toString(8).padStart(3, '0')}`;
      // A file's mode only matters to accounts that can get to it: a home of 0700 (Fedora) or 0750
      // (Ubuntu) keeps them out. A symlink's target lies elsewhere, so its mode is taken as it is.
      const dirs = info.isSymlink ? [] : reachedThrough(ctx, file).map((d) => ({ d, info: ctx.fs.stat(d) }));
      const closedTo = (bit: number) => dirs.find((x) => x.info !== undefined && (x.info.mode & bit) === 0);
      const others = info.mode & 0o007 && !closedTo(0o001);
      const group = info.mode & 0o070 && !closedTo(0o010);
      const shown = `mode ${mode}${info.isSymlink ? ', through a symlink' : ''}`;
      let severity: RawFinding['severity'] = 'medium';
      let message = `${displayPath(ctx, file)} holds ${holds} and is readable by its group (${shown}).`;
      if (others) {
        severity = info.mode & 0o004 ? 'high' : 'medium';
        message = `${displayPath(ctx, file)} holds ${holds} and is readable by every user on this machine (${shown}).`;
      } else if (!group) {
        const closed = closedTo(0o001);
        severity = 'low';
        message =
          `${displayPath(ctx, file)} holds ${holds} and has ${shown}, but ${displayPath(ctx, closed?.d ?? '')} ` +
          `(mode 0${((closed?.info?.mode ?? 0) & 0o777).toString(8)}) keeps other accounts out: it is exposed as soon as that directory is opened up.`;
      }
      findings.push({
        file,
        severity,
        message,
        fix: `chmod 600 ${file}`,
        fixPlans: [{ kind: 'chmod', file, mode: 0o600, description: `chmod 600 ${displayPath(ctx, file)}` }],
      });
    }
    return findings;
  },
});
