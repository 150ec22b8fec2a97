// Seeded fake values for the secrets dev-set generators (make-secrets-dev*.mjs): the same seed gives the same
// rows, so a generator rewrites its files byte for byte. Nothing here is or resembles a real credential.
export const HEX = '0123456789abcdef';
export const UHEX = '0123456789ABCDEF';
export const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const b64 = (s) => Buffer.from(s).toString('base64');

/** A linear congruential generator and the pickers built on it; `reseed` starts a new reproducible stream. */
export function fakeValues(initialSeed) {
  let seed = initialSeed;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const pick = (alphabet, n) =>
    Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
  const one = (list) => list[Math.floor(rand() * list.length)];
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const uuid = () =>
    `${pick(HEX, 8)}-${pick(HEX, 4)}-4${pick(HEX, 3)}-${one(['8', '9', 'a', 'b'])}${pick(HEX, 3)}-${pick(HEX, 12)}`;
  const reseed = (next) => {
    seed = next;
  };
  return { rand, pick, one, int, uuid, reseed };
}
