import type { CommandRunner } from '../../core/context.js';

export interface AgentContainer {
  id: string;
  image: string;
  name: string;
}

// Image repositories that run an agent (the last path part, without tag or digest).
const AGENT_IMAGES = new Set(['openclaw', 'clawdbot', 'moltbot', 'claude-code']);
// A container anyone can mark as an agent's, whatever its image.
const AGENT_LABEL = 'agentwarden.agent';

function repositoryName(image: string): string {
  const noDigest = image.split('@')[0] ?? '';
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  return last.split(':')[0] ?? '';
}

/** Running containers whose image is an agent's, or that carry the label agentwarden.agent=true. */
export async function findAgentContainers(
  run: CommandRunner,
): Promise<{ containers: AgentContainer[]; error?: string }> {
  const ps = await run(
    'docker',
    ['ps', '--no-trunc', '--format', `{{.ID}}\t{{.Image}}\t{{.Names}}\t{{.Label "${AGENT_LABEL}"}}`],
    { timeoutMs: 5000 },
  );
  if (ps.code === 127) return { containers: [] };
  if (ps.code !== 0) return { containers: [], error: `docker ps failed: ${ps.stderr.split('\n')[0] ?? ''}` };
  const containers: AgentContainer[] = [];
  for (const line of ps.stdout.split('\n')) {
    const [id, image = '', name = '', label = ''] = line.split('\t');
    if (!id) continue;
    if (AGENT_IMAGES.has(repositoryName(image)) || label === 'true') containers.push({ id, image, name });
  }
  return { containers };
}

/** `docker stop` sends SIGTERM and, after the grace period, SIGKILL; the container and its data stay. */
export async function stopContainers(
  run: CommandRunner,
  containers: AgentContainer[],
  graceSeconds: number,
): Promise<{ stopped: string[]; error?: string }> {
  if (containers.length === 0) return { stopped: [] };
  const ids = containers.map((c) => c.id);
  const r = await run('docker', ['stop', '--time', String(graceSeconds), ...ids], {
    timeoutMs: (graceSeconds + 10) * 1000,
  });
  if (r.code !== 0) return { stopped: [], error: `docker stop failed: ${r.stderr.split('\n')[0] ?? ''}` };
  return { stopped: ids };
}
