import type { AuditContext } from '../../../core/context.js';
import { commandFailure, readSystemFile, runHostCommand } from './system.js';

export interface Listener {
  /** Normalised: `0.0.0.0`, `::`, `127.0.0.1`, `::1`, `192.168.1.5`, IPv4-mapped IPv6 unwrapped. */
  address: string;
  port: number;
  /** Process name when `ss -p` could see it (own processes, or all as root). */
  process?: string;
}

export type ListenersRead =
  | { ok: true; listeners: Listener[]; source: string }
  | { ok: false; reason: string };

export function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::' || address === '*';
}

export function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address === 'localhost';
}

/** Tailscale's CGNAT range 100.64.0.0/10 and its IPv6 ULA prefix: reachable only from the tailnet. */
export function isTailnet(address: string): boolean {
  const m = /^100\.(\d+)\./.exec(address);
  if (m && Number(m[1]) >= 64 && Number(m[1]) <= 127) return true;
  return address.toLowerCase().startsWith('fd7a:115c:a1e0:');
}

function unwrapMapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? (m[1] as string) : address;
}

/** `0.0.0.0:18789`, `*:18789`, `[::]:22`, `127.0.0.53%lo:53`, `[::ffff:127.0.0.1]:9000`. */
function splitSsAddress(field: string): { address: string; port: number } | undefined {
  const i = field.lastIndexOf(':');
  if (i < 0) return undefined;
  const port = Number(field.slice(i + 1));
  if (!Number.isInteger(port)) return undefined;
  let address = field.slice(0, i).replace(/^\[|\]$/g, '');
  address = address.replace(/%[^\]]*$/, '');
  return { address: unwrapMapped(address), port };
}

/** Output of `ss -ltnpH`: `LISTEN 0 511 0.0.0.0:18789 0.0.0.0:* users:(("node",pid=2211,fd=23))`. */
export function parseSsListeners(text: string): Listener[] {
  const out: Listener[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] !== 'LISTEN' || fields.length < 5) continue;
    const local = splitSsAddress(fields[3] as string);
    if (!local) continue;
    const proc = /users:\(\("([^"]+)"/.exec(line)?.[1];
    out.push({ ...local, ...(proc && { process: proc }) });
  }
  return out;
}

/** /proc/net/tcp stores each 32-bit word of an address in host (little-endian) byte order. */
function hexWordBytes(word: string): number[] {
  const bytes = [0, 2, 4, 6].map((i) => Number.parseInt(word.slice(i, i + 2), 16));
  return bytes.reverse();
}

function procAddress(hex: string): string {
  if (hex.length === 8) return hexWordBytes(hex).join('.');
  const bytes = [0, 8, 16, 24].flatMap((i) => hexWordBytes(hex.slice(i, i + 8)));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff)
    return bytes.slice(12).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2)
    groups.push((((bytes[i] as number) << 8) | (bytes[i + 1] as number)).toString(16));
  const full = groups.join(':');
  // Compress the longest zero run the way inet_ntop does, enough for :: and ::1 and ordinary addresses.
  const runs = [...full.matchAll(/(?:^|:)0(?::0)+(?::|$)/g)].sort((a, b) => b[0].length - a[0].length);
  const run = runs[0];
  if (!run || run.index === undefined) return full;
  return `${full.slice(0, run.index)}::${full.slice(run.index + run[0].length)}`;
}

/** /proc/net/tcp and tcp6 rows: `0: 00000000:4965 00000000:0000 0A …` (state 0A is LISTEN). */
export function parseProcNetTcp(text: string): Listener[] {
  const out: Listener[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (!/^\d+:$/.test(fields[0] ?? '') || fields[3] !== '0A') continue;
    const [addr, port] = (fields[1] ?? '').split(':');
    if (!addr || !port || (addr.length !== 8 && addr.length !== 32)) continue;
    out.push({ address: procAddress(addr), port: Number.parseInt(port, 16) });
  }
  return out;
}

/** macOS/BSD `netstat -an -p tcp` address: `*.18789`, `127.0.0.1.11434`, `::1.5432`, `fe80::1%lo0.631`. */
function splitNetstatAddress(field: string): { address: string; port: number } | undefined {
  const i = field.lastIndexOf('.');
  if (i < 0) return undefined;
  const port = Number(field.slice(i + 1));
  if (!Number.isInteger(port)) return undefined;
  return { address: unwrapMapped(field.slice(0, i).replace(/%.*$/, '')), port };
}

/** macOS `netstat -an -p tcp`: `tcp46  0  0  *.18789  *.*  LISTEN`. Lists every user's sockets without root. */
export function parseNetstatListeners(text: string): Listener[] {
  const out: Listener[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (!/^tcp(?:4|6|46)?$/.test(fields[0] ?? '') || fields[5] !== 'LISTEN') continue;
    const local = splitNetstatAddress(fields[3] ?? '');
    if (local) out.push(local);
  }
  return out;
}

/** macOS `lsof -nP -iTCP -sTCP:LISTEN`: `node 2211 alice 23u IPv4 0x… 0t0 TCP *:18789 (LISTEN)`. */
export function parseLsofListeners(text: string): Listener[] {
  const out: Listener[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+\d+\s.*\sTCP\s+(\S+)\s+\(LISTEN\)\s*$/.exec(line);
    const local = m ? splitSsAddress(m[2] as string) : undefined;
    if (m && local) out.push({ ...local, process: (m[1] as string).replace(/\\x20/g, ' ') });
  }
  return out;
}

async function readDarwinListeners(ctx: AuditContext): Promise<ListenersRead> {
  const netstat = await runHostCommand(ctx, 'netstat', ['-an', '-p', 'tcp']);
  if (netstat.code === 0)
    return { ok: true, listeners: parseNetstatListeners(netstat.stdout), source: 'netstat -an -p tcp' };
  // lsof sees only this user's processes unless run as root: better than nothing, and it names them.
  const lsof = await runHostCommand(ctx, 'lsof', ['-nP', '-iTCP', '-sTCP:LISTEN']);
  if (lsof.code === 0)
    return { ok: true, listeners: parseLsofListeners(lsof.stdout), source: 'lsof (this user’s processes)' };
  return { ok: false, reason: `${commandFailure('netstat', netstat)} and ${commandFailure('lsof', lsof)}` };
}

/**
 * Listening TCP sockets. Linux: `ss` first (it names processes), /proc/net/tcp{,6} when ss is missing or
 * fails. macOS: netstat, then lsof.
 */
export function readListeners(ctx: AuditContext): Promise<ListenersRead> {
  return ctx.memo('host-listeners', async (): Promise<ListenersRead> => {
    if (ctx.platform === 'darwin') return readDarwinListeners(ctx);
    if (ctx.platform !== 'linux')
      return { ok: false, reason: 'listening sockets are read on Linux and macOS only' };
    const ss = await runHostCommand(ctx, 'ss', ['-ltnpH']);
    if (ss.code === 0) return { ok: true, listeners: parseSsListeners(ss.stdout), source: 'ss -ltnpH' };
    const v4 = readSystemFile(ctx, '/proc/net/tcp');
    const v6 = readSystemFile(ctx, '/proc/net/tcp6');
    if (v4 === undefined && v6 === undefined)
      return { ok: false, reason: `${commandFailure('ss', ss)} and /proc/net/tcp is unreadable` };
    return {
      ok: true,
      listeners: [...parseProcNetTcp(v4 ?? ''), ...parseProcNetTcp(v6 ?? '')],
      source: '/proc/net/tcp',
    };
  });
}
