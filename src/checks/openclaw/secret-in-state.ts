import * as path from 'node:path';
import { defineCheck } from '../../core/check.js';
import { systemPath } from '../../core/context.js';
import { parseDocument } from '../../core/document/index.js';
import type { RawFinding } from '../../core/finding.js';
import { openclawEnvFiles, parseEnvFile } from '../../discover/openclaw.js';
import { findSecrets } from '../../scanners/secrets/detect.js';
import { plaintextSecret } from '../../scanners/secrets/key-values.js';
import { HARDENED_CONFIG, type OpenclawConfig, openclaw, openclawHome } from './_openclaw.js';
import { secretsInDocument } from './_secrets.js';

const MAX_BYTES = 32 * 1024 * 1024;
const MAX_FILES = 400;

type Kind = 'store' | 'history';

interface StateFile {
  file: string;
  kind: Kind;
  what: string;
}

/** Files of the state dir that hold secrets by design (stores) or by accident (history: transcripts, logs). */
export function stateFiles(ctx: Parameters<typeof openclawEnvFiles>[0], cfg: OpenclawConfig): StateFile[] {
  const out: StateFile[] = [];
  const add = (file: string, kind: Kind, what: string) => {
    if (ctx.fs.stat(file)?.kind === 'file' && out.length < MAX_FILES) out.push({ file, kind, what });
  };
  for (const f of openclawEnvFiles(ctx)) add(f, 'store', 'env file');
  add(path.join(cfg.stateDir, 'secrets.json'), 'store', 'secrets file');
  const walk = (dir: string, depth: number, visit: (file: string) => void) => {
    for (const name of ctx.fs.list(dir)) {
      const p = path.join(dir, name);
      const info = ctx.fs.stat(p);
      if (info?.kind === 'dir' && !info.isSymlink && depth > 0) walk(p, depth - 1, visit);
      else if (info?.kind === 'file') visit(p);
    }
  };
  walk(path.join(cfg.stateDir, 'credentials'), 3, (f) => {
    if (f.endsWith('.json')) add(f, 'store', 'credential file');
  });
  const agents = path.join(cfg.stateDir, 'agents');
  for (const id of ctx.fs.list(agents)) {
    for (const n of ['auth-profiles.json', 'auth.json'])
      add(path.join(agents, id, 'agent', n), 'store', 'auth profile');
    walk(path.join(agents, id, 'sessions'), 1, (f) => {
      if (f.endsWith('.jsonl')) add(f, 'history', 'session transcript');
    });
  }
  const logDirs = [path.join(cfg.stateDir, 'logs'), systemPath(ctx, '/tmp/openclaw')];
  for (const dir of logDirs)
    walk(dir, 1, (f) => {
      if (/\.log(?:\.\d+)?$/.test(f)) add(f, 'history', 'log');
    });
  const logFile = cfg.get(['logging', 'file']);
  if (typeof logFile === 'string') add(path.resolve(cfg.stateDir, logFile), 'history', 'log');
  return out;
}

/** Secrets in one file with their lines: KEY=value lines, JSON by key name and shape, anything else by shape. */
function secretsIn(
  text: string,
  file: string,
): { line: number; column: number; masked: string; reason: string }[] {
  if (file.endsWith('.env') || path.basename(file) === 'gateway.env')
    return [...parseEnvFile(text)].flatMap(([key, { value, line }]) => {
      const hit = plaintextSecret(key, value);
      return hit ? [{ line, column: 1, masked: hit.masked, reason: `${key} (${hit.reason})` }] : [];
    });
  if (file.endsWith('.json')) {
    const parsed = parseDocument(text, 'jsonc');
    if (parsed.ok)
      return secretsInDocument(parsed.doc).map((s) => ({
        line: s.line,
        column: s.column,
        masked: s.masked,
        reason: `${s.path.join('.')} (${s.reason})`,
      }));
  }
  return findSecrets(text).map((h) => ({
    line: h.line,
    column: h.column,
    masked: h.masked,
    reason: h.ruleId,
  }));
}

/**
 * SQLite keeps TEXT values as plain UTF-8 inside its pages, so the database and its write-ahead log are read
 * as bytes: printable runs kept, everything else a line break, and scanned like any text (deleted rows still on
 * disk included). No SQLite library is needed; a value split across overflow pages (rows over ~4 KB) can be missed.
 */
function sqliteSecrets(ctx: Parameters<typeof openclawEnvFiles>[0], file: string) {
  if (ctx.fs.stat(file)?.kind !== 'file') return [];
  const read = ctx.fs.readText(file, { maxBytes: MAX_BYTES, lenient: true });
  if (!read.ok) return [];
  return findSecrets(read.text.replace(/[^\x20-\x7e\u00a0-\ufffc]+/g, '\n'));
}

export default defineCheck({
  id: 'openclaw/secret-in-state',
  severity: 'high',
  seedRefs: ['OC-L1', 'CS-7', 'OC-L3'],
  frameworks: ['OWASP-LLM02'],
  title: 'Secrets sit in OpenClaw transcripts, logs or state files',
  docs: {
    why:
      'Keys pasted into a chat, printed by a tool or logged at debug level stay in session transcripts ' +
      '(agents/<id>/sessions/*.jsonl) and logs (/tmp/openclaw/*.log) long after the conversation: readable by ' +
      'the agent in later sessions, by backups and by anyone who gets the files. The seed asks for periodic ' +
      'secret scans of the state directory. Env files, secrets.json and credentials/ hold secrets by design: ' +
      'they are listed at low severity so you know what to rotate if the machine is compromised.',
    fix:
      'Rotate each secret found in a transcript or log, then delete or redact those lines (or the whole file). ' +
      'Keep stores (.env, secrets.json, credentials/) at mode 600 and out of backups and dotfile repositories.',
  },
  examples: {
    bad: [
      {
        name: 'key pasted into a session transcript',
        ...openclawHome(HARDENED_CONFIG, {
          '~/.openclaw/agents/main/sessions/s1.jsonl':
            '{"type":"message","message":{"role":"user","content":"use ghp_Zx8Cv7Bn6Mq5Wl4Ek3Rj2Th1Yg0Uf9Id8Os7P"}}\n',
        }),
      },
      {
        name: 'token in a gateway log',
        ...openclawHome(HARDENED_CONFIG, {
          '/tmp/openclaw/openclaw-2026-11-20.log':
            'debug: telegram login token=7412589630:AAHk3Jd8Lq2Zx9Vb4Nm7Pw1Rt6Ys0Uc5IeQ ok\n',
        }),
      },
    ],
    good: [
      {
        name: 'clean transcript',
        ...openclawHome(HARDENED_CONFIG, {
          '~/.openclaw/agents/main/sessions/s1.jsonl':
            '{"type":"message","message":{"role":"user","content":"hello"}}\n',
        }),
      },
    ],
  },
  run(ctx) {
    const cfg = openclaw(ctx);
    if (!cfg) return [];
    const findings: RawFinding[] = [];
    for (const { file, kind, what } of stateFiles(ctx, cfg)) {
      const read = ctx.fs.readText(file, { maxBytes: MAX_BYTES });
      if (!read.ok) continue;
      const hits = secretsIn(read.text, file);
      if (hits.length === 0) continue;
      const first = hits[0] as (typeof hits)[number];
      findings.push({
        message:
          `${file} (${what}) holds ${hits.length} secret(s) in plaintext, first at line ${first.line}: ${first.reason}` +
          (kind === 'history'
            ? '. It was leaked into history, where it stays.'
            : '. This is a store: keep it private and know to rotate it.'),
        file,
        line: first.line,
        column: first.column,
        evidence: first.masked,
        severity: kind === 'history' ? 'high' : 'low',
      });
    }
    const sqlite: [string, string][] = [
      [path.join(cfg.stateDir, 'state', 'openclaw.sqlite'), 'MCP OAuth tokens, device and pairing tokens'],
    ];
    for (const id of ctx.fs.list(path.join(cfg.stateDir, 'agents')))
      sqlite.push([
        path.join(cfg.stateDir, 'agents', id, 'agent', 'openclaw-agent.sqlite'),
        'auth profiles, session rows and transcripts',
      ]);
    for (const [db, what] of sqlite) {
      const hits = [db, `${db}-wal`].flatMap((f) =>
        sqliteSecrets(ctx, f).map((h) => ({ f, ruleId: h.ruleId, masked: h.masked })),
      );
      if (ctx.fs.stat(db)?.kind !== 'file' || hits.length === 0) continue;
      const first = hits[0] as (typeof hits)[number];
      findings.push({
        message: `${db} (SQLite: ${what}) holds ${hits.length} secret(s) as plain text in its pages${first.f === db ? '' : ' (write-ahead log)'}, first: ${first.ruleId}. Whatever is stored there by design, a key pasted into a chat is in the session rows too.`,
        file: first.f,
        evidence: first.masked,
        severity: 'medium',
        fix: 'Keep it at mode 600 and out of backups; rotate what should not be there, then delete the session (`openclaw sessions`) so its rows go.',
      });
    }
    return findings;
  },
});
