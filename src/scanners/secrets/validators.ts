/**
 * Offline checks a token's own structure allows: they say "this really is one" (a checksum that holds) or
 * "this cannot be one" (a JWT whose header is not JSON), without asking the provider.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(s: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < s.length; i++) crc = (CRC_TABLE[(crc ^ s.charCodeAt(i)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(n: number, width: number): string {
  let out = '';
  let v = n;
  while (v > 0) {
    out = BASE62.charAt(v % 62) + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub's classic tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) end in a 6-character base62 CRC32 of the 30
 * random characters before it: a token whose checksum holds was minted by GitHub, not typed as an example.
 */
export function githubChecksumValid(token: string): boolean {
  const body = token.slice(4);
  if (!/^gh[pousr]_/.test(token) || body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

function decodeBase64(s: string): string | undefined {
  try {
    return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

/** A JWT's header decodes to a JSON object naming its algorithm or type; random `eyJ…` text does not. */
export function jwtStructureValid(token: string): boolean {
  const header = decodeBase64(token.slice(0, token.indexOf('.')));
  if (!header) return false;
  try {
    const parsed: unknown = JSON.parse(header);
    return (
      typeof parsed === 'object' &&
      parsed !== null &&
      ('alg' in parsed || 'typ' in parsed) &&
      !publicAnonKey(token)
    );
  } catch {
    return false;
  }
}

/**
 * A JWT whose claims give it the `anon` role is a Supabase (PostgREST) anonymous key: public by design, shipped in
 * every browser bundle (`NEXT_PUBLIC_SUPABASE_ANON_KEY`); a `service_role` key stays secret.
 */
function publicAnonKey(token: string): boolean {
  const first = token.indexOf('.');
  const claims = decodeBase64(token.slice(first + 1, token.indexOf('.', first + 1)));
  if (claims === undefined) return false;
  try {
    // The token's own role, not a `role` nested in metadata it carries.
    const parsed: unknown = JSON.parse(claims);
    return typeof parsed === 'object' && parsed !== null && (parsed as { role?: unknown }).role === 'anon';
  } catch {
    return false;
  }
}

/** docker config.json `auth` is base64 of `user:password`: anything else is not a registry credential. */
export function dockerAuthValid(value: string): boolean {
  const decoded = decodeBase64(value);
  if (!decoded) return false;
  const colon = decoded.indexOf(':');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a decoded credential is printable text
  return colon > 0 && colon < decoded.length - 1 && !/[\u0000-\u001f\ufffd]/.test(decoded);
}

/** Base64 of a PEM block that holds a private key (not a certificate or a public key). */
export function privateKeyInBase64(value: string): boolean {
  const decoded = Buffer.from(value.slice(0, 200), 'base64').toString('latin1');
  return /^-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/.test(decoded);
}

/**
 * AWS secret keys have no prefix; one is paired with its access key id, which sits a few lines away in every
 * credentials file, env dump and console paste. A 40-character base64 value near a key id is its secret.
 */
export const AWS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z2-7]{16}\b/g;
