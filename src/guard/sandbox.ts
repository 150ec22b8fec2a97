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
 * /.dockerenv, Podman /run/.containerenv, and systemd-nspawn / LXC / Podman set `container`.
 */
export function detectSandbox(probe: SandboxProbe): boolean {
  if (probe.env.container) return true;
  return probe.exists('/.dockerenv') || probe.exists('/run/.containerenv');
}
