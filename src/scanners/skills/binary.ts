import type { ScanState } from './state.js';
import type { SkillFile } from './types.js';

const COMPILED = /\.(?:pyc|pyo|so|dylib|dll|exe|bin|wasm|class|jar|node|o|a)$/i;
const ARCHIVE = /\.(?:zip|tar|tgz|gz|bz2|xz|7z|rar|whl|egg|crx|xpi|vsix)$/i;
const IMAGE = /\.(?:png|jpe?g|gif|webp|ico|bmp)$/i;

const PNG_IEND = [0x49, 0x45, 0x4e, 0x44]; // 'IEND'; its 4-byte CRC follows

/** Bytes after the end of the image proper: where a payload rides along in a file that previews fine. */
export function trailingBytes(bytes: Uint8Array, name: string): number {
  if (/\.png$/i.test(name)) {
    for (let i = bytes.length - 8; i >= 8; i--) {
      if (PNG_IEND.every((b, k) => bytes[i + k] === b)) return Math.max(0, bytes.length - (i + 8));
    }
    return 0;
  }
  if (/\.jpe?g$/i.test(name)) {
    for (let i = bytes.length - 2; i >= 2; i--) {
      if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return bytes.length - (i + 2);
    }
    return 0;
  }
  if (/\.gif$/i.test(name)) {
    const end = bytes.lastIndexOf(0x3b);
    return end >= 0 ? bytes.length - end - 1 : 0;
  }
  return 0;
}

/**
 * Files nobody can review: compiled code, archives, binaries, images with data appended after the image.
 * Returns true when the file was reported (so it is not also read as text).
 */
export function scanUnreviewable(state: ScanState, file: SkillFile): boolean {
  const add = (rule: string, severity: 'low' | 'medium' | 'high', message: string) =>
    state.add({ rule, category: 'unreviewable', severity, message, file: file.path });
  if (COMPILED.test(file.path)) {
    add('compiled-file', 'high', `${file.path} is compiled code (${file.size} bytes) and cannot be reviewed`);
    return true;
  }
  if (ARCHIVE.test(file.path)) {
    add(
      'archive',
      'medium',
      `${file.path} is an archive (${file.size} bytes): its contents cannot be reviewed here`,
    );
    return true;
  }
  if (IMAGE.test(file.path)) {
    const extra = file.bytes ? trailingBytes(file.bytes, file.path) : 0;
    // A few bytes of padding after the end marker are common; a payload is larger.
    if (extra > 16)
      add('appended-payload', 'high', `${file.path} carries ${extra} bytes after the end of the image`);
    return true;
  }
  if (file.problem !== undefined && file.text === undefined) {
    add('binary-file', 'medium', `${file.path} cannot be reviewed: ${file.problem}`);
    return true;
  }
  return false;
}
