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

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'vendor', 'target', '.venv']);

/** Units a project ships for its deployment (`deploy/agent.service`), two levels down. */
function projectUnits(ctx: AuditContext, dir: string, depth: number, out: string[]): string[] {
  for (const name of ctx.fs.list(dir)) {
    const full = path.join(dir, name);
    const info = ctx.fs.stat(full);
    if (info?.kind === 'file' && name.endsWith('.service')) out.push(full);
    else if (info?.kind === 'dir' && depth > 0 && !info.isSymlink && !SKIP_DIRS.has(name))
      projectUnits(ctx, full, depth - 1, out);
  }
  return out;
}

/** Installed units (system and this user's), then the units the project ships, which install as system units. */
export function unitFiles(ctx: AuditContext): { file: string; scope: 'system' | 'user' | 'project' }[] {
  const installed = unitDirs(ctx).flatMap(({ dir, scope }) =>
    ctx.fs
      .list(dir)
      .filter((n) => n.endsWith('.service'))
      .map((n) => ({ file: path.join(dir, n), scope })),
  );
  const shipped = projectUnits(ctx, ctx.project, 2, [])
    .filter((file) => !installed.some((u) => u.file === file))
    .map((file) => ({ file, scope: 'project' as const }));
  return [...installed, ...shipped];
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
