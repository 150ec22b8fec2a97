/** Host extraction and domain-list matching for the network rules. */

/** Where a host sits, before any allow/deny list applies. */
export type HostPlace = 'loopback' | 'metadata' | 'local-network' | 'internet';

export interface Destination {
  /** Lower-case host without port or trailing dot; IPv6 without brackets. */
  host: string;
  place: HostPlace;
}

// Schemes that name a network host; others (s3://, gs://, file://) are storage names or local files.
const HOST_SCHEMES = new Set([
  'http:',
  'https:',
  'ws:',
  'wss:',
  'ftp:',
  'ftps:',
  'git:',
  'ssh:',
  'sftp:',
  'scp:',
  'rsync:',
  'telnet:',
]);

const METADATA_HOSTS = new Set([
  '169.254.169.254',
  '169.254.170.2',
  'fd00:ec2::254',
  '100.100.100.200',
  'metadata.google.internal',
  'metadata',
]);

/** Parses a URL, a bare `host[:port][/path]` or an scp-style `user@host:path`. Undefined for non-hosts. */
export function parseDestination(text: string): Destination | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  let host: string | undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  if (scheme) {
    if (!HOST_SCHEMES.has(`${(scheme[1] as string).toLowerCase()}:`)) return undefined;
    host = hostOfUrl(trimmed);
  } else {
    const scp = /^[^@/\s]+@([^:/\s]+):/.exec(trimmed);
    host = scp ? scp[1] : hostOfUrl(`http://${trimmed}`);
  }
  if (!host) return undefined;
  host = host.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === '') return undefined;
  return { host, place: placeOf(host) };
}

function hostOfUrl(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

function placeOf(host: string): HostPlace {
  if (METADATA_HOSTS.has(host)) return 'metadata';
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '0.0.0.0') {
    return 'loopback';
  }
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    if (a === 127) return 'loopback';
    if (a === 169 && b === 254) return 'metadata';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'local-network';
    return 'internet';
  }
  if (host.includes(':')) return placeOfIpv6(host);
  // mDNS and reserved names never resolve to a host on the public internet (RFC 6762, 6761, 8375).
  if (/\.(local|internal|lan|home\.arpa|test|invalid|example)$/.test(host) || !host.includes('.')) {
    return 'local-network';
  }
  return 'internet';
}

/** An IPv6 literal as the URL parser normalises it (lower-case, compressed, embedded IPv4 in hex). */
function placeOfIpv6(host: string): HostPlace {
  if (host === '::') return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses reach the embedded IPv4 host.
  const embedded = /^(?:::ffff|64:ff9b:):([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (embedded) {
    const high = Number.parseInt(embedded[1] as string, 16);
    const low = Number.parseInt(embedded[2] as string, 16);
    const v4 = [high >> 8, high & 255, low >> 8, low & 255].join('.');
    return placeOf(v4);
  }
  if (/^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host)) return 'local-network';
  return 'internet';
}

/**
 * Domain-list entries: `github.com` matches github.com and its subdomains, `*.github.com` only the
 * subdomains, `=github.com` only github.com itself. A suffix must start at a dot: evil-github.com is not
 * github.com.
 */
export function matchesDomain(host: string, entry: string): boolean {
  const e = entry.toLowerCase().replace(/\.$/, '');
  if (e.startsWith('=')) return host === e.slice(1);
  if (e.startsWith('*.')) return host.endsWith(e.slice(1));
  return host === e || host.endsWith(`.${e}`);
}

export function findDomain(host: string, entries: readonly string[]): string | undefined {
  for (const entry of entries) if (matchesDomain(host, entry)) return entry;
  return undefined;
}
