/**
 * Published ports in every syntax compose and `docker run -p` accept: `"18789"`, `"8080:80"`,
 * `"127.0.0.1:8080:80"`, `"[::1]:8080:80"`, `"::1:8080:80"`, ranges (`"9000-9010:9000-9010"`), `/udp`, and
 * the long form `{ target, published, host_ip, protocol }`.
 */

export interface PortRange {
  from: number;
  to: number;
}

export interface PortMapping {
  /** Undefined: every interface (what `0.0.0.0` / `::` also mean). */
  hostIp?: string;
  /** Undefined: docker picks an ephemeral host port, still on the host IP. */
  published?: PortRange;
  target: PortRange;
  protocol: string;
}

export type PortParse = { ok: true; port: PortMapping } | { ok: false; error: string };

function range(text: string): PortRange | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  return from > 0 && to >= from && to < 65536 ? { from, to } : undefined;
}

export function parseShortPort(spec: string): PortParse {
  let text = spec.trim();
  let protocol = 'tcp';
  const slash = text.lastIndexOf('/');
  if (slash > 0) {
    protocol = text.slice(slash + 1).toLowerCase();
    text = text.slice(0, slash);
  }
  let hostIp: string | undefined;
  const bracket = /^\[([^\]]*)\]:(.*)$/.exec(text);
  if (bracket) {
    hostIp = bracket[1];
    text = bracket[2] as string;
  } else {
    const parts = text.split(':');
    if (parts.length > 3) {
      // An unbracketed IPv6 host IP: the last two parts are the ports.
      hostIp = parts.slice(0, -2).join(':');
      text = parts.slice(-2).join(':');
    } else if (parts.length === 3) {
      hostIp = parts[0];
      text = parts.slice(1).join(':');
    }
  }
  const [first, second] = text.split(':') as [string, string | undefined];
  const target = range(second ?? first);
  const published = second === undefined ? undefined : first === '' ? undefined : range(first);
  if (!target || (second !== undefined && first !== '' && !published))
    return { ok: false, error: `"${spec}" is not a port mapping` };
  return {
    ok: true,
    port: {
      ...(hostIp !== undefined && hostIp !== '' && { hostIp }),
      ...(published && { published }),
      target,
      protocol,
    },
  };
}

/** A ports entry as compose holds it: a number, a short string, or the long form. */
export function parsePortEntry(entry: unknown): PortParse {
  if (typeof entry === 'number') return parseShortPort(String(entry));
  if (typeof entry === 'string') return parseShortPort(entry);
  if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
    const e = entry as Record<string, unknown>;
    const target = range(String(e.target ?? ''));
    if (!target) return { ok: false, error: 'a long-form port without a valid target' };
    const publishedText = e.published === undefined ? undefined : String(e.published);
    const published = publishedText ? range(publishedText) : undefined;
    if (publishedText && !published) return { ok: false, error: `"${publishedText}" is not a port` };
    const hostIp = typeof e.host_ip === 'string' && e.host_ip !== '' ? e.host_ip : undefined;
    return {
      ok: true,
      port: {
        ...(hostIp && { hostIp }),
        ...(published && { published }),
        target,
        protocol: typeof e.protocol === 'string' ? e.protocol : 'tcp',
      },
    };
  }
  return { ok: false, error: 'a ports entry that is neither a string, a number nor a mapping' };
}

export type Reach = 'all' | 'loopback' | 'address';

export function reachOf(hostIp: string | undefined): Reach {
  if (hostIp === undefined) return 'all';
  const ip = hostIp.replace(/^\[|\]$/g, '');
  if (ip === '0.0.0.0' || ip === '::' || ip === '*') return 'all';
  if (/^127\./.test(ip) || ip === '::1' || ip === 'localhost') return 'loopback';
  return 'address';
}

export function rangeText(r: PortRange): string {
  return r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
}

export function describePort(p: PortMapping): string {
  const host = p.hostIp === undefined ? '' : p.hostIp.includes(':') ? `[${p.hostIp}]:` : `${p.hostIp}:`;
  const published = p.published ? rangeText(p.published) : '(random)';
  return `${host}${published}->${rangeText(p.target)}/${p.protocol}`;
}

export function rangeIncludes(r: PortRange | undefined, port: number): boolean {
  return r !== undefined && port >= r.from && port <= r.to;
}

/**
 * The short-syntax text bound to loopback, from the text as written (variables kept): the host IP is
 * replaced or added. Undefined when the written text does not show where the host IP goes.
 */
export function loopbackPortText(raw: string): string | undefined {
  const all = /^(?:0\.0\.0\.0|\[::\]|::|\*):/;
  if (all.test(raw)) return raw.replace(all, '127.0.0.1:');
  // Colons outside `${…}` separate host IP, published and target.
  const bare = raw.replace(/\$\{[^}]*\}/g, 'V');
  const colons = (bare.match(/:/g) ?? []).length;
  if (bare.startsWith('[') || colons > 1) return undefined;
  if (colons === 1) return `127.0.0.1:${raw}`;
  const [ports, proto] = raw.split('/') as [string, string | undefined];
  return `127.0.0.1:${ports}:${ports}${proto ? `/${proto}` : ''}`;
}
