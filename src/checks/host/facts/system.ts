import * as path from 'node:path';
import { type AuditContext, type CommandResult, systemPath } from '../../../core/context.js';
import type { RawFinding } from '../../../core/finding.js';

/** Every host command is bounded: a hung `tailscale` or `ufw` must not hold the audit up. */
export const HOST_COMMAND_TIMEOUT_MS = 3000;

export function runHostCommand(ctx: AuditContext, cmd: string, args: string[]): Promise<CommandResult> {
  return ctx.memo(`host-cmd:${cmd} ${args.join(' ')}`, () =>
    ctx.run(cmd, args, { timeoutMs: HOST_COMMAND_TIMEOUT_MS }),
  );
}

/** A system file (/etc, /proc, /sys) under the context's system root; undefined when absent or unreadable. */
export function readSystemFile(ctx: AuditContext, absolute: string): string | undefined {
  const read = ctx.fs.readText(systemPath(ctx, absolute), { maxBytes: 1024 * 1024 });
  return read.ok ? read.text : undefined;
}

export function systemFileExists(ctx: AuditContext, absolute: string): boolean {
  return ctx.fs.stat(systemPath(ctx, absolute)) !== undefined;
}

export function listSystemDir(ctx: AuditContext, absolute: string): string[] {
  return ctx.fs.list(systemPath(ctx, absolute));
}

/** The honest answer when a fact cannot be read: an info finding, never a guess either way. */
export function undetermined(what: string, reason: string): RawFinding {
  return { severity: 'info', message: `Could not determine ${what}: ${reason}.` };
}

/** The first line of a failed command's output, to say why it failed. */
export function commandFailure(cmd: string, r: CommandResult): string {
  if (r.code === 127) return `\`${cmd}\` is not installed or not on PATH`;
  const first = (r.stderr || r.stdout).trim().split('\n')[0]?.slice(0, 160);
  return `\`${cmd}\` exited ${r.code}${first ? ` (${first})` : ''}`;
}

/** The program needs root: its error says so (ufw, nft, iptables all word it differently). */
export function needsRoot(r: CommandResult): boolean {
  return (
    r.code !== 0 &&
    /must be root|need to be root|permission denied|operation not permitted|are you root/i.test(
      `${r.stderr}\n${r.stdout}`,
    )
  );
}

const SBIN_DIRS = ['/usr/sbin', '/sbin', '/usr/local/sbin', '/usr/bin', '/bin'];

/** Installed even when not on this user's PATH (Debian leaves /usr/sbin out of a user's PATH). */
export function installedProgram(ctx: AuditContext, name: string): boolean {
  return SBIN_DIRS.some((d) => systemFileExists(ctx, path.posix.join(d, name)));
}

/** /etc/passwd rows: name, uid, gid, home. */
export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export function parsePasswd(text: string): PasswdEntry[] {
  return text.split('\n').flatMap((line) => {
    const f = line.split(':');
    if (f.length < 7 || line.startsWith('#')) return [];
    return [{ name: f[0] as string, uid: Number(f[2]), gid: Number(f[3]), home: f[5] as string }];
  });
}

/** /etc/group rows: name, gid, members. */
export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export function parseGroup(text: string): GroupEntry[] {
  return text.split('\n').flatMap((line) => {
    const f = line.split(':');
    if (f.length < 4 || line.startsWith('#')) return [];
    const members = (f[3] as string).split(',').filter(Boolean);
    return [{ name: f[0] as string, gid: Number(f[2]), members }];
  });
}
