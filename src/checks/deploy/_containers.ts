import * as path from 'node:path';
import { type AuditContext, systemPath } from '../../core/context.js';
import { loadCompose } from './_compose.js';
import { type EngineRead, readRunningContainers } from './_docker-engine.js';
import { findDockerRuns } from './_docker-run.js';
import type { ContainerSpec } from './_spec.js';

/** systemd unit folders: the system's and this user's. */
export function unitDirs(ctx: AuditContext): { dir: string; scope: 'system' | 'user' }[] {
  return [
    { dir: systemPath(ctx, '/etc/systemd/system'), scope: 'system' },
    { dir: path.join(ctx.home, '.config', 'systemd', 'user'), scope: 'user' },
  ];
}

export function unitFiles(ctx: AuditContext): { file: string; scope: 'system' | 'user' }[] {
  return unitDirs(ctx).flatMap(({ dir, scope }) =>
    ctx.fs
      .list(dir)
      .filter((n) => n.endsWith('.service'))
      .map((n) => ({ file: path.join(dir, n), scope })),
  );
}

export interface Containers {
  specs: ContainerSpec[];
  engine: EngineRead;
}

/** Every container the deployment defines or runs: compose services, `docker run` lines, running containers. */
export function allContainers(ctx: AuditContext): Promise<Containers> {
  return ctx.memo('deploy:containers', async () => {
    const [runs, engine] = await Promise.all([
      findDockerRuns(
        ctx,
        unitFiles(ctx).map((u) => u.file),
      ),
      readRunningContainers(ctx),
    ]);
    const running = engine.status === 'ok' ? engine.containers : [];
    return { specs: [...loadCompose(ctx).services, ...runs, ...running], engine };
  });
}
