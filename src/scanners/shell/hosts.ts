/** A URL (`https://host/path`) or a bare host (`host`, `host:port`, `[::1]`), as effects and configs give them. */
function parseTarget(target: string): URL | undefined {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target : `tcp://${target}`);
  } catch {
    return undefined;
  }
}

/** The target stays on this machine: plain http:// or a raw socket there is not on the network. */
export function isLoopback(target: string): boolean {
  const host = parseTarget(target)?.hostname;
  return (
    host === 'localhost' || host === '[::1]' || host === '::1' || (host !== undefined && /^127\./.test(host))
  );
}

/** Scheme and host only: paths and queries can hold tokens, and a reader needs to know where, not what. */
export function originOf(target: string): string {
  const url = parseTarget(target);
  if (!url) return target.replace(/[/?#].*$/, '');
  return url.protocol === 'tcp:' ? url.host : `${url.protocol}//${url.host}`;
}
