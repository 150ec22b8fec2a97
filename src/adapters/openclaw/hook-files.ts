import * as path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** The plugin's id: its folder name under extensions/, its manifest id and its `plugins.entries` key. */
export const PLUGIN_ID = 'agentwarden';

/**
 * OpenClaw's state dirs as OpenClaw resolves them (REFERENCE.md §2), every candidate rather than the one in
 * use: no file-system look-up on the hook path, and protecting a dir that does not exist costs nothing.
 * src/discover/openclaw.ts is the audit's resolver; the hook path may not load discover/ (hook-imports test).
 */
export function openclawStateDirs(home: string, env: Env): string[] {
  const expand = (p: string) => path.resolve(p.replace(/^~(?=[/\\]|$)/, home));
  const base = env.OPENCLAW_HOME ? expand(env.OPENCLAW_HOME) : home;
  return [
    ...new Set([
      ...(env.OPENCLAW_STATE_DIR ? [expand(env.OPENCLAW_STATE_DIR)] : []),
      ...(env.OPENCLAW_PROFILE ? [path.join(base, `.openclaw-${env.OPENCLAW_PROFILE}`)] : []),
      path.join(base, '.openclaw'),
      path.join(base, '.clawdbot'),
    ]),
  ];
}

/** The config file OpenClaw reads first: $OPENCLAW_CONFIG_PATH, else the state dir's openclaw.json. */
export function openclawConfigPath(home: string, env: Env): string {
  if (env.OPENCLAW_CONFIG_PATH) return path.resolve(env.OPENCLAW_CONFIG_PATH.replace(/^~(?=[/\\]|$)/, home));
  return path.join(openclawStateDirs(home, env)[0] ?? path.join(home, '.openclaw'), 'openclaw.json');
}

/**
 * What can switch the OpenClaw guard off: every config file OpenClaw may load (its `plugins` section enables
 * or drops the plugin), the plugin's own folder, and a workspace's extensions/, where a plugin of the same id
 * could shadow ours.
 */
export function openclawHookFiles(home: string, env: Env): string[] {
  const dirs = openclawStateDirs(home, env);
  return [
    ...(env.OPENCLAW_CONFIG_PATH ? [openclawConfigPath(home, env)] : []),
    ...dirs.flatMap((d) => [
      path.join(d, 'openclaw.json'),
      path.join(d, 'clawdbot.json'),
      path.join(d, 'extensions', PLUGIN_ID),
    ]),
    '.openclaw/extensions',
  ];
}
