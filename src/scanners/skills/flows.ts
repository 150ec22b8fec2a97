import * as path from 'node:path';
import { evidenceLine } from '../../core/evidence.js';
import { severityRank } from '../../core/severity.js';
import { DOC_FILE } from './markdown.js';
import { CREDENTIAL_PATH } from './other-code.js';
import type { ScanState } from './state.js';
import type { SkillFile } from './types.js';

/*
 * Data flow between a skill's files. The single-file rules see a stealer whose read and send share a file;
 * split across files (a script that stages what it read in a temporary file another one uploads, a config
 * listing the key files and the endpoint a second file reads them from and posts to) each half looks
 * ordinary. Here a value read from a credential source in one file that can reach a network send in another
 * is judged as one act.
 */

const CONFIG_FILE = /\.(?:json|jsonc|ya?ml|toml|ini|cfg|conf)$/i;
/** A config key that names a key or credential file: `keypair`, `private_key_path`, `credentials_file`, `keystore`. */
const KEY_FILE_KEY =
  /^\s*["']?[\w.-]*(?:key_?pair|keystore|private_?key|secret_?key|credentials?|wallet|mnemonic|seed_?phrase|identity_?file)[\w.-]*["']?\s*[:=]\s*["']?((?:~|\$HOME|\$\{HOME\}|\/home\/[\w.-]+|\/Users\/[\w.-]+)\/[^\s"',]+)/im;
/** A file path written in code (`.cache/meta.json`, `/tmp/out.tgz`): a file one part writes and another reads. */
const DATA_PATH =
  /(?:~|\.{1,2}|\$\{?\w+\}?)?\/?[\w.-]+(?:\/[\w.-]+)*\.(?:json|txt|log|csv|tgz|gz|zip|tar|b64|dat|bin|out|tmp|env)\b/g;
const URL = /\bhttps?:\/\/[^\s"'`<>{}]+/g;
const MAX_PARTS = 300;

interface Part {
  file: SkillFile & { text: string };
  /** Where this file reads secrets or names credential files (line, and the secrets' names when known). */
  reads?: { line: number; names: string[]; what: string };
  /** Its sends to a host off the allowlist or computed at run time. */
  sends: { line: number; host: string }[];
  /** Data files it names (paths with a folder). */
  paths: Set<string>;
  /** How other files would import it as a module. */
  module: RegExp | undefined;
  /** Its file name and module stem. */
  base: string;
  stem: string;
  /** The words of its text (`[\w.-]+` runs) and the last piece of each dotted word: what it can name. */
  words: Set<string>;
}

/** Whether `a` names `b`: its file name as a word, or its module name in an import or require (`./lib/cfg`, `from cfg import`). */
function names(a: Part, b: Part): boolean {
  return a.words.has(b.base) || (a.words.has(b.stem) && (b.module?.test(a.file.text) ?? false));
}

function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const [w] of text.matchAll(/[\w.-]+/g)) {
    words.add(w);
    const dot = w.lastIndexOf('.');
    if (dot >= 0) words.add(w.slice(dot + 1));
  }
  return words;
}

/** How other files name a module: `'./lib/cfg'`, `require("cfg")`, `from cfg import` (stems of 3 letters or more). */
function moduleName(stem: string): RegExp | undefined {
  const escaped = stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return stem.length >= 3
    ? new RegExp(`['"/]${escaped}['"]|\\b(?:from|import)\\s+(?:[\\w.]*\\.)?${escaped}\\b`)
    : undefined;
}

/** Data files both parts name (not files of the skill): one writes what the other reads. */
function sharedPath(a: Part, b: Part, bundled: Set<string>): string | undefined {
  return [...b.paths].find((p) => a.paths.has(p) && !bundled.has(p.replace(/^\.\//, '')));
}

/** Lines of a config file that name a credential file (a credential path, or a home path under a key-file key). */
function credentialLines(text: string): number {
  const lines = text.split('\n');
  const k = lines.findIndex((l) => CREDENTIAL_PATH.test(l) || KEY_FILE_KEY.test(l));
  return k + 1;
}

/**
 * Reads in one file, sends in another, and a link between them (one names the other, or both name the same
 * data file): the secrets go out. A config file linked to a sender gives the sender its URLs (a send to a
 * computed host goes where the config says) and, when it names credential files, its reads.
 */
export function crossFileFlows(state: ScanState, files: SkillFile[]): void {
  const outbound = (n: ScanState['network'][number]) =>
    n.sends && (n.host === '' || !state.isAllowedHost(n.host));
  if (!state.network.some(outbound)) return;
  const parts: Part[] = files
    .filter((f): f is SkillFile & { text: string } => f.text !== undefined && !DOC_FILE.test(f.path))
    .map((file) => {
      const base = path.posix.basename(file.path);
      const stem = base.replace(/\.\w+$/, '');
      return {
        file,
        sends: [],
        paths: new Set([...file.text.matchAll(DATA_PATH)].map((m) => m[0]).filter((p) => p.includes('/'))),
        module: moduleName(stem),
        base,
        stem,
        words: new Set<string>(),
      };
    });
  // A skill of hundreds of code files is reported as such; pairing them all would only slow the scan.
  if (parts.length < 2 || parts.length > MAX_PARTS) return;
  for (const p of parts) p.words = wordsOf(p.file.text);
  const byPath = new Map(parts.map((p) => [p.file.path, p]));
  for (const n of state.network) {
    const p = byPath.get(n.file);
    if (p && outbound(n)) p.sends.push({ line: n.line, host: n.host });
  }
  for (const r of state.secretReads) {
    const p = byPath.get(r.file);
    if (p && !p.reads) p.reads = { line: r.line, names: r.names, what: 'reads secrets' };
  }
  for (const f of state.findings) {
    const p = byPath.get(f.file);
    if (p && !p.reads && f.rule === 'credential-access' && severityRank(f.severity) >= severityRank('medium'))
      p.reads = { line: f.line ?? 1, names: [], what: 'reads credentials' };
  }
  for (const p of parts) {
    if (p.reads || !CONFIG_FILE.test(p.file.path)) continue;
    const line = credentialLines(p.file.text);
    if (line > 0) p.reads = { line, names: [], what: 'names credential files' };
  }
  const bundled = new Set(parts.map((p) => p.file.path));
  for (const sender of parts) {
    const send = sender.sends[0];
    if (send === undefined) continue;
    const evidence = evidenceLine(sender.file.text.split('\n')[send.line - 1] ?? '');
    for (const other of parts) {
      // Only a file that reads secrets, or a config that may say where a computed send goes, can make a flow:
      // the (costly) link test runs for those pairs alone.
      const configOfSend = send.host === '' && CONFIG_FILE.test(other.file.path);
      if (other === sender || (!other.reads && !configOfSend)) continue;
      const named = names(sender, other) || names(other, sender);
      const shared = named ? undefined : sharedPath(sender, other, bundled);
      if (!named && shared === undefined) continue;
      // A send to a computed host, next to a config of URLs: it goes where the config says.
      const configUrls = configOfSend
        ? [...other.file.text.matchAll(URL)]
            .map((m) => m[0])
            .filter((u) => state.internetHost(u) !== undefined)
        : [];
      for (const url of configUrls) state.contact(url, sender.file.path, send.line, true, evidence);
      const reads = other.reads;
      if (!reads) continue;
      const hosts = [
        ...sender.sends.map((s) => s.host).filter(Boolean),
        ...configUrls.map((u) => state.internetHost(u) as string),
      ];
      // Keys sent to the services they are for (a client split into modules) are API calls.
      if (
        reads.names.length > 0 &&
        hosts.length > 0 &&
        hosts.every((h) => state.isOwnService(h, reads.names))
      )
        continue;
      if (reads.names.length > 0 && hosts.length === 0) continue;
      state.add({
        rule: 'cross-file-exfiltration',
        category: 'red-flag',
        severity: 'critical',
        message: `${other.file.path} ${reads.what} (line ${reads.line}) and ${sender.file.path}, ${shared !== undefined ? `which names the same data file (${shared}),` : 'which one of them names,'} sends data to ${hosts[0] ?? 'a host computed at run time'}`,
        file: sender.file.path,
        line: send.line,
        evidence,
      });
    }
  }
}
