// Whether the agentwarden plugin is in force in OpenClaw: what `guard status` prints and the audit's
// openclaw/guard-coverage reports, read through a FileSystem so the audit runs it on fixtures.
import * as path from 'node:path';
import { systemPath } from '../../core/context.js';
import { isRecord, parseDocument } from '../../core/document/index.js';
import { type FileSystem, nodeFileSystem } from '../../core/files.js';
import { openclawConfigFile, openclawStateDir } from '../../discover/openclaw.js';
import type { Env } from '../../guard/engine.js';
import { PLUGIN_ID } from './hook-files.js';

export interface OpenClawWhere {
  home: string;
  env: Env;
  /** Prefix for absolute paths outside home ('/', the default, on a real machine; a fixture dir in tests). */
  systemRoot?: string;
}

export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** Holes found in verification (PLUGINS.md §0) that no plugin can close; said wherever the guard is. */
export const OPENCLAW_KNOWN_GAPS = [
  'a Gateway whose plugin fails to load starts anyway and runs tools unguarded: check `openclaw plugins inspect agentwarden --runtime` after every change, and run `agent --local`, which refuses to start instead',
  '`openclaw agent exec` fires no plugin hook: its tool calls are unguarded; use `openclaw agent --local` or the Gateway (an agent that runs it through exec is asked, or denied with --elevated: shell/openclaw-agent-unguarded)',
];

export function openclawInstallPaths(
  where: OpenClawWhere,
  fsys: FileSystem = nodeFileSystem,
): { configFile: string; pluginDir: string } {
  const stateDir = openclawStateDir(where.home, where.env, fsys);
  return {
    configFile: openclawConfigFile(where.home, where.env, fsys) ?? path.join(stateDir, 'openclaw.json'),
    pluginDir: path.join(stateDir, 'extensions', PLUGIN_ID),
  };
}

export const PLUGIN_ENTRY_PATH = ['plugins', 'entries', PLUGIN_ID];

/** What in a config keeps the plugin from loading, whatever its entry says. */
export function disablers(config: Record<string, unknown>): string[] {
  const plugins = isRecord(config.plugins) ? config.plugins : {};
  const out: string[] = [];
  if (plugins.enabled === false) out.push('plugins.enabled is false: no plugin loads');
  if (Array.isArray(plugins.deny) && plugins.deny.includes(PLUGIN_ID))
    out.push(`plugins.deny lists ${PLUGIN_ID}`);
  return out;
}

export interface OpenClawGuardStatus {
  configFile: string;
  pluginDir: string;
  /** The plugin is on disk and the config enables it. */
  installed: boolean;
  /** Set when OpenClaw is not set up here at all (no config, no plugin): nothing to report. */
  absent: boolean;
  /** The config enables the plugin or the plugin is on disk: the user means to be guarded. */
  wanted: boolean;
  /** OpenClaw loads the plugin at its next start; when wanted and false, a Gateway starts unguarded. */
  loads: boolean;
  /** What keeps it from loading is only the config switching it (or every plugin) off, not a broken install. */
  switchedOff: boolean;
  problems: string[];
  gaps: string[];
}

/** Paths OpenClaw refuses to load a plugin from (PLUGINS.md §1: any world-writable path of the candidate). */
function worldWritable(fsys: FileSystem, pluginDir: string): string[] {
  const files = ['', 'openclaw.plugin.json', 'package.json', 'index.js'].map((n) => path.join(pluginDir, n));
  return files.filter((f) => ((fsys.stat(f)?.mode ?? 0) & 0o002) !== 0);
}

export function openclawGuardStatus(
  where: OpenClawWhere,
  fsys: FileSystem = nodeFileSystem,
): OpenClawGuardStatus {
  const { configFile, pluginDir } = openclawInstallPaths(where, fsys);
  const problems: string[] = [];
  /** Why OpenClaw would not load the plugin: the config turns it off, or the install is broken. */
  const off: string[] = [];
  const broken: string[] = [];
  const refuse = (why: string, into = broken) => {
    problems.push(why);
    into.push(why);
  };
  const manifest = fsys.readText(path.join(pluginDir, 'openclaw.plugin.json'));
  const hasPlugin = manifest.ok || fsys.stat(pluginDir)?.kind === 'dir';
  const configExists = fsys.stat(configFile)?.kind === 'file';
  let entryEnabled = false;
  if (configExists) {
    const read = fsys.readText(configFile, { maxBytes: MAX_CONFIG_BYTES });
    const parsed = read.ok ? parseDocument(read.text, 'json5') : undefined;
    const config = parsed?.ok ? parsed.doc.get([]) : undefined;
    if (!isRecord(config)) refuse(`${configFile} cannot be read as JSON5`);
    else {
      for (const d of disablers(config)) refuse(d, off);
      const entry = parsed?.ok ? parsed.doc.get(PLUGIN_ENTRY_PATH) : undefined;
      entryEnabled = isRecord(entry) && entry.enabled !== false;
      const plugins = isRecord(config.plugins) ? config.plugins : {};
      if (Array.isArray(plugins.allow) && plugins.allow.length > 0 && !plugins.allow.includes(PLUGIN_ID))
        refuse(`plugins.allow does not list ${PLUGIN_ID}: the plugin does not load`);
      if (isRecord(entry) && entry.enabled === false)
        refuse(`plugins.entries.${PLUGIN_ID}.enabled is false`, off);
    }
  }
  if (!hasPlugin && (configExists || entryEnabled)) refuse(`the plugin is missing from ${pluginDir}`);
  if (hasPlugin) {
    if (!manifest.ok || !isRecord(parseJson(manifest.text)))
      refuse(
        `${path.join(pluginDir, 'openclaw.plugin.json')} is missing or not JSON: OpenClaw skips the plugin`,
      );
    for (const f of worldWritable(fsys, pluginDir))
      refuse(`${f} is writable by anyone: OpenClaw refuses to load the plugin from it`);
    const entry = path.join(pluginDir, 'index.js');
    const text = fsys.readText(entry);
    const cli = text.ok ? /const CLI = ("[^"\n]*");/.exec(text.text)?.[1] : undefined;
    if (!text.ok) refuse(`${entry} is missing: OpenClaw cannot load the plugin`);
    else if (!cli || fsys.stat(onMachine(where, String(parseJson(cli))))?.kind !== 'file')
      problems.push(
        `${entry} points at an agentwarden that is no longer there, so every tool call is blocked; run \`agentwarden guard install openclaw\``,
      );
  }
  const installed = hasPlugin && entryEnabled && problems.length === 0;
  return {
    configFile,
    pluginDir,
    installed,
    absent: !configExists && !hasPlugin,
    wanted: hasPlugin || entryEnabled,
    loads: hasPlugin && off.length === 0 && broken.length === 0,
    switchedOff: off.length > 0 && broken.length === 0,
    problems,
    gaps: hasPlugin ? OPENCLAW_KNOWN_GAPS : [],
  };
}

/** An absolute path the plugin names, where it is on this machine (under systemRoot unless in home). */
function onMachine(where: OpenClawWhere, file: string): string {
  const inHome = !path.relative(where.home, file).startsWith('..');
  return inHome ? file : systemPath({ systemRoot: where.systemRoot ?? '/' }, file);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
