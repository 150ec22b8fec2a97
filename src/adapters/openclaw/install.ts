// `guard install openclaw`: the plugin written into OpenClaw's extensions/ and enabled in openclaw.json through
// src/fix (JSON5 comments kept, backup first), with a hook timeout; and its self-test (status: status.ts).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { isRecord, parseDocument } from '../../core/document/index.js';
import { applyEditPlans, type EditPlan } from '../../fix/edit-plans.js';
import { createFile, readForEdit, replaceWithBackup } from '../../fix/file.js';
import { PLUGIN_ID } from './hook-files.js';
import {
  HOOK_TIMEOUT_MS,
  type PluginTarget,
  pluginEntry,
  pluginManifest,
  pluginPackageJson,
} from './plugin-source.js';
import {
  disablers,
  MAX_CONFIG_BYTES,
  type OpenClawWhere,
  openclawInstallPaths,
  PLUGIN_ENTRY_PATH,
} from './status.js';

/** The config edits that enable the plugin with its hook timeout; an allowlist gets the id added. */
function enablePlans(file: string, config: Record<string, unknown>): EditPlan[] {
  const plans: EditPlan[] = [
    {
      kind: 'json-set',
      file,
      path: [...PLUGIN_ENTRY_PATH, 'enabled'],
      value: true,
      description: 'enable the plugin',
    },
    {
      kind: 'json-set',
      file,
      path: [...PLUGIN_ENTRY_PATH, 'hooks', 'timeoutMs'],
      value: HOOK_TIMEOUT_MS,
      description: `hook timeout ${HOOK_TIMEOUT_MS} ms`,
    },
  ];
  const plugins = isRecord(config.plugins) ? config.plugins : {};
  if (Array.isArray(plugins.allow) && plugins.allow.length > 0)
    plans.push({
      kind: 'json-append',
      file,
      path: ['plugins', 'allow'],
      values: [PLUGIN_ID],
      description: 'add it to plugins.allow',
    });
  return plans;
}

export type OpenClawInstallResult =
  | {
      ok: true;
      configFile: string;
      pluginDir: string;
      backup?: string;
      applied: string[];
      before: string | null;
      after: string;
      /** What still keeps the plugin from loading (left for the user: they switch all plugins off). */
      problems: string[];
    }
  | { ok: false; error: string };

export function installOpenClawGuard(
  where: OpenClawWhere,
  target: PluginTarget,
  opts: { dryRun: boolean; now: Date },
): OpenClawInstallResult {
  const { configFile, pluginDir } = openclawInstallPaths(where);
  const read = readForEdit(configFile, MAX_CONFIG_BYTES);
  if (!read.ok) return { ok: false, error: `${configFile}: ${read.reason}; not changed` };
  const before = read.exists ? read.text : null;
  const parsed = parseDocument(before ?? '{}\n', 'json5');
  if (!parsed.ok)
    return { ok: false, error: `${configFile}: not valid JSON5 (${parsed.error}); not changed` };
  const config = parsed.doc.get([]);
  if (!isRecord(config)) return { ok: false, error: `${configFile}: not a JSON object; not changed` };
  const edited = applyEditPlans(before ?? '{}\n', 'json5', enablePlans(configFile, config));
  if (edited.refused.length > 0) return { ok: false, error: `${configFile}: ${edited.refused.join('; ')}` };
  const result = {
    ok: true as const,
    configFile: read.file,
    pluginDir,
    applied: edited.applied,
    before,
    after: edited.text,
    problems: disablers(config),
  };
  if (opts.dryRun) return result;
  // The plugin first: a config that enables a plugin missing from disk fails the CLI's load.
  const files: [string, string][] = [
    ['openclaw.plugin.json', pluginManifest(target.version)],
    ['package.json', pluginPackageJson(target.version)],
    ['index.js', pluginEntry(target)],
  ];
  try {
    for (const [name, text] of files) createFile(path.join(pluginDir, name), text, 0o700);
    if (edited.applied.length === 0) return result;
    if (!read.exists) {
      createFile(configFile, edited.text, 0o700);
      return result;
    }
    return { ...result, backup: replaceWithBackup(read, edited.text, { now: opts.now }) };
  } catch (err) {
    return {
      ok: false,
      error: `cannot write the plugin: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    };
  }
}

export interface OpenClawSelfTestCase {
  name: string;
  expect: 'block' | 'allow';
  got: string;
  pass: boolean;
}

/** The installed command, run as the plugin runs it when it cannot import agentwarden in-process. */
export function openclawSelfTest(
  target: Pick<PluginTarget, 'node' | 'cli'>,
  where: OpenClawWhere,
): OpenClawSelfTestCase[] {
  const call = (toolName: string, params: Record<string, unknown>) =>
    JSON.stringify({
      event: 'before_tool_call',
      toolName,
      params,
      ctx: { sessionKey: 'agentwarden:self-test' },
    });
  const cases: { name: string; input: string; expect: 'block' | 'allow' }[] = [
    { name: 'exec rm -rf ~', input: call('exec', { command: 'rm -rf ~' }), expect: 'block' },
    {
      name: 'plugins disable',
      input: call('plugins', { action: 'disable', pluginId: PLUGIN_ID }),
      expect: 'block',
    },
    { name: 'malformed request', input: '{"event":"before_tool_call","toolName":', expect: 'block' },
  ];
  const env = { ...where.env, HOME: where.home };
  return cases.map((c) => {
    const run = spawnSync(target.node, [target.cli, 'guard', 'hook', 'openclaw'], {
      input: c.input,
      env,
      encoding: 'utf8',
      timeout: 15_000,
    });
    let got = run.status === 0 ? 'unreadable answer' : `exit ${run.status ?? run.signal}`;
    try {
      const answer = JSON.parse(run.stdout) as Record<string, unknown>;
      got = answer.block === true ? 'block' : answer.allow === true ? 'allow' : 'approval';
    } catch {
      // got says what came back
    }
    // A non-zero exit blocks too: the plugin treats it as a failure.
    const blocked = got === 'block' || run.status !== 0;
    return { name: c.name, expect: c.expect, got, pass: c.expect === 'block' ? blocked : got === 'allow' };
  });
}
