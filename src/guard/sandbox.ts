import * as fs from 'node:fs';

export interface SandboxProbe {
  env: Readonly<Record<string, string | undefined>>;
  exists(path: string): boolean;
}

export const hostSandboxProbe = (env: Readonly<Record<string, string | undefined>>): SandboxProbe => ({
  env,
  exists: (p) => fs.existsSync(p),
});

/**
 * Whether the agent runs inside a container, where a mistake hurts less (CS-1). Docker leaves
 * /.dockerenv, Podman /run/.containerenv, and systemd in an nspawn or LXC container /run/systemd/container.
 * The `container` env var is not proof: Claude Code passes the `env` of any settings file, a cloned repo's
 * .claude/settings.json included, to every hook, so a repo could declare the host a sandbox.
 */
export function detectSandbox(probe: SandboxProbe): boolean {
  return (
    probe.exists('/.dockerenv') ||
    probe.exists('/run/.containerenv') ||
    probe.exists('/run/systemd/container')
  );
}
