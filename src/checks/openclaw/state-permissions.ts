import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import type { AuditContext } from '../../core/context.js';
import type { RawFinding } from '../../core/finding.js';
import { HARDENED_CONFIG, type OpenclawConfig, openclaw, openclawHome } from './_openclaw.js';
import { stateFiles } from './secret-in-state.js';

interface Target {
  file: string;
  dir: boolean;
  what: string;
}

/** What OpenClaw's docs want private: the state dir, config and includes, credentials, agents, sessions, logs. */
function targets(ctx: AuditContext, cfg: OpenclawConfig): Target[] {
  const out: Target[] = [];
  const add = (file: string, what: string) => {
    const info = ctx.fs.stat(file);
    if (info && !info.isSymlink && !out.some((t) => t.file === file))
      out.push({ file, dir: info.kind === 'dir', what });
  };
  add(cfg.stateDir, 'state directory');
  for (const s of cfg.sources)
    add(s.file, s.mount.length === 0 && s.file === cfg.configFile ? 'config' : 'config include');
  add(path.join(cfg.stateDir, 'credentials'), 'credentials directory');
  const agents = path.join(cfg.stateDir, 'agents');
  add(agents, 'agents directory');
  for (const id of ctx.fs.list(agents)) {
    add(path.join(agents, id), 'agent directory');
    add(path.join(agents, id, 'sessions'), 'sessions directory');
    add(path.join(agents, id, 'sessions', 'sessions.json'), 'session store');
    add(path.join(agents, id, 'agent', 'openclaw-agent.sqlite'), 'agent database');
  }
  add(path.join(cfg.stateDir, 'state', 'openclaw.sqlite'), 'state database');
  add(path.join(cfg.stateDir, 'logs'), 'logs directory');
  for (const f of stateFiles(ctx, cfg)) add(f.file, f.what);
  return out;
}

export default defineCheck({
  id: 'openclaw/state-permissions',
  severity: 'high',
  seedRefs: ['CS-7', 'OC-L1'],
  frameworks: ['OWASP-LLM02'],
  title: 'OpenClaw state is readable or writable by other users',
  docs: {
    why:
      'The state dir holds the gateway token, bot tokens, WhatsApp sessions, OAuth tokens and every ' +
      'transcript. Readable by others, any local account or compromised service can take them; writable by ' +
      'others, it can change the config or drop in a plugin that runs inside the gateway. OpenClaw recommends ' +
      '700 for directories and 600 for files; its own audit skips agents/ and logs.',
    fix: 'chmod 700 the directories and 600 the files shown (agentwarden audit --fix does it).',
  },
  fixable: true,
  examples: {
    bad: [
      {
        name: 'world-writable state dir, readable config',
        files: {
          '~/.openclaw': { dir: true, mode: 0o777 },
          '~/.openclaw/openclaw.json': { content: HARDENED_CONFIG, mode: 0o644 },
        },
      },
      {
        name: 'readable transcripts',
        ...openclawHome(HARDENED_CONFIG, {
          '~/.openclaw/agents/main/sessions': { dir: true, mode: 0o755 },
          '~/.openclaw/agents/main/sessions/s1.jsonl': { content: '{}\n', mode: 0o644 },
        }),
      },
    ],
    good: [
      { name: 'private (hardened)', ...openclawHome(HARDENED_CONFIG) },
      { name: 'Windows', platform: 'win32', ...openclawHome(HARDENED_CONFIG) },
    ],
  },
  run(ctx) {
    if (ctx.platform === 'win32') return [];
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = [];
    for (const t of targets(ctx, cfg)) {
      const info = ctx.fs.stat(t.file);
      if (!info || (info.mode & 0o077) === 0) continue;
      const want = t.dir ? 0o700 : 0o600;
      const mode = `0${info.mode.toString(8).padStart(3, '0')}`;
      const writable = (info.mode & 0o022) !== 0;
      const worldReadable = (info.mode & 0o004) !== 0;
      const severity = writable
        ? (info.mode & 0o002) !== 0
          ? 'critical'
          : 'high'
        : worldReadable
          ? 'high'
          : 'medium';
      findings.push({
        message: `${t.file} (${t.what}) has mode ${mode}: ${writable ? 'other users can change it' : 'other users can read it'}.`,
        file: t.file,
        severity,
        fix: `chmod ${want.toString(8)} ${t.file}`,
        fixPlans: [
          { kind: 'chmod', file: t.file, mode: want, description: `chmod ${want.toString(8)} ${t.file}` },
        ],
      });
    }
    return findings;
  },
});
