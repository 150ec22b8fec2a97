import * as fs from 'node:fs';
import * as path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * OpenClaw's state dir (openclaw REFERENCE.md §2): $OPENCLAW_STATE_DIR, else ~/.openclaw (or
 * ~/.openclaw-<profile>) under $OPENCLAW_HOME or the home, else the legacy ~/.clawdbot when only it exists.
 */
export function openclawStateDir(home: string, env: Env): string {
  if (env.OPENCLAW_STATE_DIR) return path.resolve(env.OPENCLAW_STATE_DIR);
  const base = env.OPENCLAW_HOME ? path.resolve(env.OPENCLAW_HOME) : home;
  if (env.OPENCLAW_PROFILE) return path.join(base, `.openclaw-${env.OPENCLAW_PROFILE}`);
  const current = path.join(base, '.openclaw');
  const legacy = path.join(base, '.clawdbot');
  return !fs.existsSync(current) && fs.existsSync(legacy) ? legacy : current;
}

/** The config file OpenClaw would load: $OPENCLAW_CONFIG_PATH, else openclaw.json or clawdbot.json. */
export function openclawConfigFile(home: string, env: Env): string | undefined {
  if (env.OPENCLAW_CONFIG_PATH) return path.resolve(env.OPENCLAW_CONFIG_PATH);
  const state = openclawStateDir(home, env);
  return ['openclaw.json', 'clawdbot.json'].map((f) => path.join(state, f)).find((f) => fs.existsSync(f));
}
