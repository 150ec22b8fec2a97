import { evidenceLine } from '../../core/evidence.js';
import { isVendorInstaller } from './installers.js';
import { DOC_FILE } from './markdown.js';
import type { ScanState } from './state.js';
import type { SkillFile } from './types.js';

/** Where a download is saved: curl -o, wget -O, PowerShell -OutFile, certutil, bitsadmin, urlretrieve, DownloadFile. */
const SAVED_TO = [
  /\bcurl\b[^\n]*?\s(?:-o|--output)\s+["']?([^\s"'`;|&)>]+)/,
  /\bwget\b[^\n]*?\s(?:-O\s*|--output-document[=\s])["']?([^\s"'`;|&)>]+)/,
  /\s-OutFile\s+["']?([^\s"'`;|&)>]+)/i,
  /\b(?:certutil(?:\.exe)?\b[^\n]*-urlcache|bitsadmin(?:\.exe)?\b[^\n]*\/transfer)\b[^\n]*?\s(?:https?|ftp):\/\/\S+\s+["']?([^\s"'`;|&>]+)/i,
  /\burlretrieve\(\s*[^,]+,\s*["']?([^\s"',)]+)/,
  /\.DownloadFile\(\s*[^,]+,\s*["']?([^\s"',)]+)/i,
];
/** Runs a file: a shell, an interpreter or `start` given it (its first argument), or a Python/JS spawn call. */
const RUNS_FILE =
  /(?:^|[\s;&|(`"'])(?:(?:ba|z|da)?sh|source|python[\d.]*|node|bun|deno\s+run(?:\s+-\S+)*|ruby|perl|pwsh|powershell(?:\.exe)?(?:\s+-File)?|Start-Process(?:\s+-FilePath)?|start(?:\s+\/\w+)*(?:\s+"")?|exec)\s+["']?([^\s"'`;|&)]+)/gi;
const SPAWN_CALL =
  /\b(?:subprocess\.\w+|os\.(?:system|popen|exec\w*|startfile)|Popen|execFile(?:Sync)?|spawn(?:Sync)?|execSync|runpy\.run_path|exec\(open)\(([^\n]*)/;

/** One spelling for a path: home and Windows variables written alike, `\` as `/`, no quotes, lower case. */
function normalise(target: string): string {
  return target
    .replace(/^["']|["']$/g, '')
    .replace(/\\/g, '/')
    .replace(/^(?:\$HOME|\$\{HOME\}|%USERPROFILE%|\$env:USERPROFILE|\$env:HOME)(?=\/|$)/i, '~')
    .replace(/\$env:(\w+)/gi, '%$1%')
    .toLowerCase();
}

interface Download {
  file: string;
  line: number;
  target: string;
  /** A bare identifier (`PLUGIN`): matched only in its own file, as a word in a spawn call. */
  variable: boolean;
  vendor: boolean;
}

/**
 * Staged payloads: a file downloaded in one place (a setup script, a build file, a `.bat` line) and run in
 * another (a later step of SKILL.md, another script, a later line). Each half alone is ordinary; together
 * they run code nobody reviewed: `download-and-run`, critical. A vendor's own installer saved and run from
 * the docs is the setup step `curl … | sh` is (`auto-install`, medium).
 */
export function scanStagedPayloads(state: ScanState, files: SkillFile[]): void {
  const texts = files.filter(
    (f): f is SkillFile & { text: string } => f.text !== undefined && f.text.length <= 256 * 1024,
  );
  const downloads: Download[] = [];
  for (const f of texts)
    f.text.split('\n').forEach((text, k) => {
      for (const re of SAVED_TO) {
        const m = re.exec(text);
        if (!m) continue;
        const target = m[1] as string;
        if (target === '-' || /^\/dev\//.test(target)) continue;
        const url = /\b(?:https?|ftp):\/\/[^\s"'`)]+/.exec(text)?.[0];
        const variable = /^[A-Za-z_]\w*$/.test(target);
        downloads.push({
          file: f.path,
          line: k + 1,
          target: variable ? target : normalise(target),
          variable,
          vendor: url !== undefined && isVendorInstaller(url),
        });
      }
    });
  for (const f of texts) if (!DOC_FILE.test(f.path)) unpackedAndRun(state, f.path, f.text);
  if (downloads.length === 0) return;
  for (const f of texts)
    f.text.split('\n').forEach((text, k) => {
      const runs = [...text.matchAll(RUNS_FILE)].map((m) => normalise(m[1] as string));
      const spawn = SPAWN_CALL.exec(text)?.[1];
      for (const d of downloads) {
        const ran = d.variable
          ? d.file === f.path && spawn !== undefined && new RegExp(`\\b${d.target}\\b`).test(spawn)
          : runs.includes(d.target) || runs.some((r) => r.endsWith(`/${d.target.replace(/^\.\//, '')}`));
        if (!ran) continue;
        const docs = [d.file, f.path].every((p) => DOC_FILE.test(p));
        const setup = d.vendor && docs;
        state.add({
          rule: setup ? 'auto-install' : 'download-and-run',
          category: 'red-flag',
          severity: setup ? 'medium' : 'critical',
          message: `runs ${d.target}, which ${d.file}:${d.line} downloads: ${setup ? "the vendor's own installer, documented as a setup step" : 'code nobody reviewed, and it changes whenever the server does'}`,
          file: f.path,
          line: k + 1,
          evidence: evidenceLine(text),
        });
      }
    });
}

/** A download unpacked as it arrives: `curl … | tar xz`, `wget -qO- … | tar -x`. */
const FETCH_UNPACK =
  /\b(?:curl|wget)\b[^\n|]*?((?:https?|ftp):\/\/[^\s"'`|)]+)[^\n|]*\|\s*(?:sudo\s+)?(?:tar\s+-?[a-zA-Z]*x|bsdtar\s+-?[a-zA-Z]*x)/;
/** A program run from the working directory: `./xmrig …`, `nohup ./agent &`. */
const RUNS_LOCAL = /(?:^|[;&|(])\s*(?:nohup\s+|exec\s+|setsid\s+)?\.\/([\w.-]+)/;

/**
 * A bundled script that unpacks a download from a host off the allowlist and then runs a program from the
 * working directory (`curl … | tar xz` then `./tool`): what runs came in the archive, `download-and-run`.
 */
function unpackedAndRun(state: ScanState, file: string, text: string): void {
  const lines = text.split('\n');
  const k = lines.findIndex((l) => FETCH_UNPACK.test(l));
  if (k < 0) return;
  const host = /^\w+:\/\/([^/:?#@]+)/.exec(FETCH_UNPACK.exec(lines[k] as string)?.[1] ?? '')?.[1];
  if (!host || state.isAllowedHost(host)) return;
  for (let j = k; j < lines.length; j++) {
    const ran = RUNS_LOCAL.exec((lines[j] as string).replace(FETCH_UNPACK, ''))?.[1];
    if (ran === undefined) continue;
    state.add({
      rule: 'download-and-run',
      category: 'red-flag',
      severity: 'critical',
      message: `runs ./${ran}, unpacked from what ${file}:${k + 1} downloads from ${host}: code nobody reviewed`,
      file,
      line: j + 1,
      evidence: evidenceLine(lines[j] as string),
    });
    return;
  }
}
