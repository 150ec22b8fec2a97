import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/log/sha256.js';

const native = (text: string) => createHash('sha256').update(text).digest('hex');

describe('sha256 (plain JavaScript)', () => {
  it('gives the FIPS 180-4 example digests', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('equals node:crypto on every length around the block boundaries and on non-ASCII text', () => {
    for (let n = 0; n <= 200; n++) {
      const text = Array.from({ length: n }, (_, i) => String.fromCharCode(32 + ((i * 7 + n) % 95))).join('');
      expect(sha256(text)).toBe(native(text));
    }
    for (const text of [
      'é',
      'ünïcödé ✓',
      '日本語のテキスト',
      '🔒 emoji \u{1F600}',
      '\u0000nul',
      'lone \ud800 surrogate',
    ])
      expect(sha256(text)).toBe(native(text));
  });

  it('equals node:crypto on random log-sized texts', () => {
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let k = 0; k < 300; k++) {
      const text = Array.from({ length: next() % 3000 }, () => String.fromCodePoint(next() % 0x3000)).join(
        '',
      );
      expect(sha256(text)).toBe(native(text));
    }
  });
});
