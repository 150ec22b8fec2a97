import * as path from 'node:path';
import { parseFrontmatter } from '../../core/frontmatter.js';
import { compareSeverityDesc, type Severity } from '../../core/severity.js';
import { isInside } from '../shell/paths.js';
import { scanUnreviewable } from './binary.js';
import { scanBlobs } from './blobs.js';
import { credentialAccess, scanCode, scanEmbeddedCode } from './code.js';
import { scanCombinations, settleCapabilities } from './combinations.js';
import { scanConfigCommands } from './config-commands.js';
import { scanDeclarations } from './declarations.js';
import {
  checkDependency,
  imitatedName,
  packageJsonDependencies,
  requirementsDependencies,
  requirementsIndexes,
} from './deps.js';
import { crossFileFlows } from './flows.js';
import { namesOnlyVendorInstallers } from './installers.js';
import { hiddenCharacters, scanInstructions } from './instructions.js';
import { codeBlocks, DOC_FILE, proseOf } from './markdown.js';
import { scanOrdersAnyLanguage } from './orders.js';
import { otherLanguageOf, scanOtherCode } from './other-code.js';
import { scanInlineCommands, scanShell, untrustedIndex } from './shell.js';
import { scanStagedPayloads } from './staged.js';
import { ScanState } from './state.js';
import { escalateUnknown, trustTier } from './trust.js';
import type { ScanOptions, SkillFile, SkillInput, SkillReport } from './types.js';

const SHELL_FILE = /\.(?:sh|bash|zsh|ksh)$/i;
/** Python, and the build and workflow files written in it (Snakemake, SCons, Starlark: Bazel, Tilt). */
const PYTHON_FILE = /\.(?:pyw?|smk|bzl)$|(?:^|\/)(?:Snakefile|SConstruct|SConscript|Tiltfile|wscript)$/i;
const JS_FILE = /\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/i;
/** Scripts are analysed up to this size; a bigger one is nobody's idea of reviewable (and would slow a scan). */
const MAX_ANALYSED_CHARS = 256 * 1024;

/**
 * Scans one skill: SKILL.md (frontmatter, instructions, code blocks) and every bundled file. Pure: it reads
 * only what `input` holds, never runs or imports any of it, and reports bad input as findings.
 */
export function scanSkill(input: SkillInput, opts: ScanOptions, source?: string): SkillReport {
  const state = new ScanState(opts, scanCode);
  const main = input.main ?? 'SKILL.md';
  const skill = input.files.find((f) => f.path === main);
  let data: Record<string, unknown> = {};
  let body = '';
  if (!skill || skill.text === undefined) {
    state.add({
      rule: 'no-skill-md',
      category: 'frontmatter',
      severity: 'low',
      message: skill ? `${main} cannot be read: ${skill.problem ?? 'not text'}` : `the skill has no ${main}`,
      file: main,
    });
  } else {
    const fm = parseFrontmatter(skill.text);
    data = fm.data;
    body = skill.text;
    if (fm.error)
      state.add({
        rule: 'malformed-frontmatter',
        category: 'frontmatter',
        severity: 'low',
        message: `${fm.error}: the agent ignores the skill's settings`,
        file: main,
        line: 1,
      });
  }
  state.nameWords = String(data.name ?? path.basename(input.dir))
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  for (const file of input.files) {
    try {
      scanFile(state, input.dir, file);
    } catch (err) {
      // One file the analysers choke on must not hide the rest of the skill, nor stop a scan of many.
      state.add({
        rule: 'analysis-failed',
        category: 'unreviewable',
        severity: 'low',
        message: `${file.path} could not be analysed (${(err as Error).message.split('\n')[0]?.slice(0, 120)})`,
        file: file.path,
      });
    }
  }
  scanStagedPayloads(state, input.files);
  crossFileFlows(state, input.files);
  lowerNamedServices(state, data, input.files);
  settleCapabilities(state, input.files);
  const name =
    typeof data.name === 'string' && data.name.trim() !== ''
      ? data.name
      : input.main
        ? path.posix.basename(input.main).replace(/\.md$/i, '')
        : path.basename(input.dir);
  const imitated = imitatedName(name);
  if (imitated)
    state.add({
      rule: 'typosquat-name',
      category: 'red-flag',
      severity: 'medium',
      message: `its name "${name}" is one letter away from ${imitated}`,
      file: main,
      line: 1,
    });
  scanDeclarations(state, data, body, main);

  const tier = trustTier(input.dir, opts.config, opts.officialDirs, source);
  escalateUnknown(state.findings, tier, state.settled);
  const findings = state.findings.sort(
    (a, b) =>
      compareSeverityDesc(a.severity, b.severity) ||
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
  const version = versionOf(data);
  return {
    name,
    dir: input.dir,
    skillFile: path.join(input.dir, main),
    ...(version !== undefined ? { version } : {}),
    tier,
    findings,
    worst: (findings[0]?.severity as Severity | undefined) ?? 'none',
  };
}

/** Labels a host name shares with every other service: they say nothing about which service it is. */
const GENERIC_LABEL = /^(?:www|api|apis|app|cdn|web|example|test|invalid|localhost|cloud|service|server)$/;
const SECOND_LEVEL = /^(?:co|com|org|net|gov|ac|edu)$/;

/** The label a host is registered under: api.search.brave.com → brave, foo.co.uk → foo. */
function registeredLabel(host: string): string | undefined {
  const labels = host.toLowerCase().split('.');
  if (labels.length < 2) return undefined;
  const i =
    labels.length >= 3 && SECOND_LEVEL.test(labels.at(-2) as string) && (labels.at(-1) as string).length === 2
      ? -3
      : -2;
  const label = labels.at(i);
  return label && label.length >= 3 && !GENERIC_LABEL.test(label) ? label : undefined;
}

/**
 * A skill that says which service it works with (Data Commons, protocols.io, Benchling) in its name,
 * description or prose, and sends that service plain data, is doing its job: such sends are lowered to
 * low. Code blocks do not count as saying so: a host that appears only in code is not declared.
 */
function lowerNamedServices(state: ScanState, data: Record<string, unknown>, files: SkillFile[]): void {
  if (state.plainSends.length === 0) return;
  const texts = [String(data.name ?? ''), String(data.description ?? '')];
  for (const f of files) if (f.text !== undefined && DOC_FILE.test(f.path)) texts.push(proseOf(f.text));
  const words = texts
    .join('\n')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const named = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    named.add(words[i] as string);
    named.add(`${words[i]}${words[i + 1] ?? ''}`);
    named.add(`${words[i]}${words[i + 1] ?? ''}${words[i + 2] ?? ''}`);
  }
  for (const { finding, host } of state.plainSends) {
    const label = registeredLabel(host);
    if (finding.severity !== 'medium' || label === undefined || !named.has(label)) continue;
    finding.severity = 'low';
    finding.message += ', a service the skill names';
  }
}

export function versionOf(data: Record<string, unknown>): string | undefined {
  const meta = data.metadata;
  const v =
    data.version ??
    (typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>).version : undefined);
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

function scanFile(state: ScanState, dir: string, file: SkillFile): void {
  if (file.linkTarget !== undefined) {
    const real = file.linkTarget;
    if (real === null || !isInside(real, dir)) {
      state.add({
        rule: real === null ? 'broken-symlink' : 'symlink-outside',
        category: 'symlink',
        severity: real === null ? 'low' : 'high',
        message:
          real === null
            ? `${file.path} is a broken or looping symbolic link`
            : `${file.path} is a symbolic link to ${real}, outside the skill: the skill reads or runs whatever is there`,
        file: file.path,
      });
      return;
    }
  }
  if (scanUnreviewable(state, file)) return;
  const text = file.text;
  if (text === undefined) return;
  const name = file.path;
  if (text.length > MAX_ANALYSED_CHARS && !DOC_FILE.test(name)) {
    state.add({
      rule: 'oversized-file',
      category: 'unreviewable',
      severity: 'medium',
      message: `${name} is ${Math.round(text.length / 1024)} KB of code: too large to review (or to analyse here)`,
      file: name,
    });
    hiddenCharacters(state, text, name);
    return;
  }
  const shebang = /^#!\s*\S*?(?:env\s+)?(\w+)/.exec(text)?.[1] ?? '';
  if (/(?:^|\/)requirements[^/]*\.txt$/i.test(name)) {
    for (const dep of requirementsDependencies(text, name)) checkDependency(state, dep);
    for (const { url, line } of requirementsIndexes(text)) untrustedIndex(state, url, name, line);
  } else if (DOC_FILE.test(name) && !CMAKE_FILE.test(name)) {
    scanInstructions(state, text, name);
    const prose = proseOf(text);
    scanInlineCommands(state, prose, name);
    scanOrdersAnyLanguage(state, prose, name);
    for (const block of codeBlocks(text)) {
      if (block.lang === 'shell') scanShell(state, block.code, name, block.line);
      else if (block.lang !== 'other') scanCode(state, block.code, block.lang, name, block.line);
      else scanEmbeddedCode(state, block.code, name, block.line);
    }
  } else {
    hiddenCharacters(state, text, name);
    scanUnitCommands(state, text, name);
    sqlCommands(state, text, name);
    plantedCommands(state, text, name);
    if (SHELL_FILE.test(name) || /^(?:ba|z|k|da)?sh$/.test(shebang)) scanShell(state, text, name, 1);
    else if (PYTHON_FILE.test(name) || /^python/.test(shebang)) {
      scanCode(state, text, 'python', name);
      directiveCommands(state, text, name);
    } else if (JS_FILE.test(name) || /^(?:node|deno|bun)$/.test(shebang)) scanCode(state, text, 'js', name);
    else if (path.posix.basename(name) === 'package.json') packageJson(state, text, name);
    else if (/\.ipynb$/i.test(name)) notebook(state, text, name);
    else if (MAKEFILE.test(name)) scanMakefile(state, text, name);
    else {
      const other = otherLanguageOf(name, shebang, text);
      if (other)
        scanOtherCode(state, text, name, other, (tokens, i, lines, at) =>
          credentialAccess(state, tokens, i, lines, at),
        );
      // Source a language's rules read runs its commands as code (above); in data, a spawn call is a payload.
      if (!other || other === 'native') scanEmbeddedCode(state, text, name);
      if (!other && CONFIG_FILE.test(name)) scanConfigCommands(state, text, name);
      if (/(?:^|\/)deno\.jsonc?$/.test(name)) scriptsOf(state, text, name, 'tasks');
    }
  }
  scanBlobs(state, text, name);
  scanCombinations(state, text, name);
}

const MAKEFILE = /(?:^|\/)(?:GNUmakefile|[Mm]akefile|justfile|Justfile)$|\.mk$/;

/** A Makefile's (or justfile's) recipes: each tab-indented line is a shell command make runs. */
function scanMakefile(state: ScanState, text: string, file: string): void {
  text.split('\n').forEach((line, k) => {
    const m = /^(?:\t| {4})[@+-]*\s*(.+)$/.exec(line);
    if (m && !(m[1] as string).startsWith('#'))
      scanShell(state, (m[1] as string).replace(/\$\$/g, '$'), file, k + 1);
  });
}

const CONFIG_FILE = /\.(?:json|jsonc|ya?ml|toml)$/i;

/** A workflow rule's `shell:` directive (Snakemake): the command the rule runs, read as shell at its line. */
function directiveCommands(state: ScanState, text: string, file: string): void {
  text.split('\n').forEach((line, k) => {
    const m = /^\s*shell:\s*[rf]?(["'])(.+)\1\s*$/.exec(line);
    if (m) scanShell(state, (m[2] as string).replace(/\\(["'\\])/g, '$1'), file, k + 1);
  });
}

/** A download piped into a shell inside a quoted string: `curl … | sh`, `wget -O- … | bash`, `irm … | iex`. */
const QUOTED_PIPE_TO_SHELL =
  /(["'`])[^\n]*?\b((?:curl|wget|irm|iwr|Invoke-WebRequest|Invoke-RestMethod)\b[^\n"'`]*?\|\s*(?:sudo\s+)?(?:(?:ba|z|da)?sh|iex)\b)/g;

/**
 * A download piped into a shell, written as a string in code or data (a `postinstall` set by a script, a
 * payload appended to other files, an alias written into an rc file): whoever later runs the string runs
 * what the URL serves, so it is read as shell at its line. A vendor's own installer (`echo "  curl … astral.sh/uv/install.sh
 * | sh"` in a hint) is a setup step printed for a reader.
 */
function plantedCommands(state: ScanState, text: string, file: string): void {
  if (!/\|\s*(?:sudo\s+)?(?:(?:ba|z|da)?sh|iex)\b/.test(text)) return;
  for (const m of text.matchAll(QUOTED_PIPE_TO_SHELL))
    if (!namesOnlyVendorInstallers(m[2] as string))
      scanShell(state, m[2] as string, file, text.slice(0, m.index).split('\n').length);
}

/**
 * Commands a database server runs for SQL: PostgreSQL's `COPY … TO/FROM PROGRAM '…'`, SQL Server's
 * `xp_cmdshell '…'`. Whoever runs the SQL (a migration, a seed) runs the command, read as shell.
 */
function sqlCommands(state: ScanState, text: string, file: string): void {
  if (!/\bPROGRAM\s+'|xp_cmdshell/i.test(text)) return;
  for (const m of text.matchAll(/\b(?:PROGRAM|xp_cmdshell)\s*\(?\s*N?'((?:[^']|'')+)'/gi))
    scanShell(state, (m[1] as string).replace(/''/g, "'"), file, text.slice(0, m.index).split('\n').length);
}

/**
 * `ExecStart=…` lines of a systemd unit, in a unit file or in the text code writes into one: the command
 * the service runs at every start, read as shell at its line.
 */
function scanUnitCommands(state: ScanState, text: string, file: string): void {
  text.split('\n').forEach((line, k) => {
    // A line of a quoted string (`"ExecStart=…\\n",`) loses its quote and escape; a bare one keeps its own.
    const m = /^\s*(["']?)Exec(?:Start|StartPre|StartPost|Reload|Stop)=[-@+!:]*(.+)$/.exec(line);
    if (!m) return;
    const cmd = m[1] ? (m[2] as string).replace(/(?:\\n)?["'],?\s*$/, '') : (m[2] as string);
    scanShell(state, cmd, file, k + 1);
  });
}

const CMAKE_FILE = /(?:^|\/)CMakeLists\.txt$/;

/** package.json: its dependencies, and its scripts (install hooks run on `npm install`, the rest when asked). */
function packageJson(state: ScanState, text: string, file: string): void {
  for (const dep of packageJsonDependencies(text, file)) checkDependency(state, dep);
  scriptsOf(state, text, file, 'scripts');
}

/** The commands a JSON manifest names (package.json `scripts`, deno.json `tasks`), each read as shell at its line. */
function scriptsOf(state: ScanState, text: string, file: string, key: 'scripts' | 'tasks'): void {
  let scripts: unknown;
  try {
    scripts = (JSON.parse(text) as Record<string, unknown>)[key];
  } catch {
    return;
  }
  if (typeof scripts !== 'object' || scripts === null) return;
  const lines = text.split('\n');
  for (const [name, cmd] of Object.entries(scripts)) {
    if (typeof cmd !== 'string') continue;
    const line = lines.findIndex((l) => l.includes(`"${name}"`)) + 1 || 1;
    scanShell(state, cmd, file, line);
  }
}

/**
 * A Jupyter notebook: its code cells are Python the user (or the agent) runs, read as one script; `!cmd`
 * lines are shell. Lines point at the notebook's JSON: a cell's source lines follow its `"source"` key.
 */
function notebook(state: ScanState, text: string, file: string): void {
  let cells: unknown;
  try {
    cells = (JSON.parse(text) as { cells?: unknown }).cells;
  } catch {
    return;
  }
  if (!Array.isArray(cells)) return;
  const lines = text.split('\n');
  let from = 0;
  for (const cell of cells as { cell_type?: unknown; source?: unknown }[]) {
    const at = lines.findIndex((l, k) => k >= from && /"source"\s*:/.test(l));
    from = at + 1;
    if (cell.cell_type !== 'code') continue;
    const source = Array.isArray(cell.source) ? cell.source.join('') : String(cell.source ?? '');
    // A source list holds one line per JSON line; a source string is all on the key's line.
    const perLine = Array.isArray(cell.source);
    const firstLine = at + (perLine ? 2 : 1);
    const python = source.replace(/^(\s*)!(.*)$/gm, (_, indent: string, cmd: string, offset: number) => {
      const k = perLine ? source.slice(0, offset).split('\n').length - 1 : 0;
      scanShell(state, cmd, file, firstLine + k);
      return `${indent}pass`;
    });
    scanCode(state, python, 'python', file, firstLine);
  }
}
