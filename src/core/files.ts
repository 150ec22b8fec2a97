import * as fs from 'node:fs';
import * as path from 'node:path';
import { type DecodedText, decodeText } from './decode.js';

export type FileProblem =
  | 'missing'
  | 'not-a-file'
  | 'too-large'
  | 'binary'
  | 'not-utf8'
  | 'unreadable'
  | 'loop'
  /** A symbolic link whose target does not exist. */
  | 'broken-link';

export type FileRead =
  | {
      ok: true;
      text: string;
      size: number;
      /** Lenient reads only: how the bytes were decoded (see core/decode.ts). */
      decoding?: Omit<DecodedText, 'text'>;
      /** Lenient reads only: the file is larger than maxBytes and `text` is its first maxBytes bytes. */
      truncated?: true;
    }
  | { ok: false; problem: FileProblem; message: string };

export interface ReadOptions {
  maxBytes?: number;
  /**
   * Read the file as the agent would and never refuse it for its content: UTF-16 and invalid UTF-8 are
   * decoded (core/decode.ts), NULs kept, and a file over maxBytes gives its first maxBytes bytes. For files an
   * attacker may write to hide text from the audit (instructions, settings); callers judge the decoding.
   */
  lenient?: boolean;
}

export interface FileInfo {
  kind: 'file' | 'dir' | 'other';
  size: number;
  /** Permission bits, e.g. 0o644. */
  mode: number;
  mtimeMs: number;
  isSymlink: boolean;
}

/** Read-only view of the filesystem that checks use; never throws. */
export interface FileSystem {
  readText(file: string, opts?: ReadOptions): FileRead;
  stat(file: string): FileInfo | undefined;
  /** Entry names of a directory, sorted; [] when missing or unreadable. */
  list(dir: string): string[];
  /** The path with every symlink resolved; undefined when it does not exist or loops. */
  realpath(file: string): string | undefined;
  /** A binary file's bytes (SQLite state); undefined when missing, not a regular file, over maxBytes or unreadable. */
  readBytes(file: string, maxBytes?: number): Uint8Array | undefined;
}

export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function describe(file: string, problem: FileProblem, detail?: string): string {
  const what: Record<FileProblem, string> = {
    missing: 'does not exist',
    'not-a-file': 'is not a regular file',
    'too-large': 'is too large to read',
    binary: 'looks binary (contains NUL bytes)',
    'not-utf8': 'is not valid UTF-8',
    unreadable: 'cannot be read',
    loop: 'is part of a symbolic link loop',
    'broken-link': 'is a symbolic link that points to a missing file',
  };
  return `${file} ${what[problem]}${detail ? ` (${detail})` : ''}`;
}

function isSymlink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function problemFromError(file: string, err: unknown): FileProblem {
  const code = (err as NodeJS.ErrnoException)?.code;
  // A link to nowhere is not an absent file: something put it there, and the agent may later find a target.
  if (code === 'ENOENT' || code === 'ENOTDIR') return isSymlink(file) ? 'broken-link' : 'missing';
  if (code === 'ELOOP') return 'loop';
  if (code === 'EISDIR') return 'not-a-file';
  return 'unreadable';
}

/** At most maxBytes from the start of a regular file, read through one descriptor (the file may grow). */
function readHead(file: string, maxBytes: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(maxBytes);
    let filled = 0;
    while (filled < maxBytes) {
      const n = fs.readSync(fd, buf, filled, maxBytes - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return buf.subarray(0, filled);
  } finally {
    fs.closeSync(fd);
  }
}

function readLenient(file: string, maxBytes: number, size: number): FileRead {
  const { text, ...decoding } = decodeText(readHead(file, maxBytes));
  return { ok: true, text, size, decoding, ...(size > maxBytes && { truncated: true as const }) };
}

function linkTarget(file: string): string | undefined {
  try {
    return `-> ${fs.readlinkSync(file)}`;
  } catch {
    return undefined;
  }
}

export function readTextFile(file: string, maxBytes = DEFAULT_MAX_BYTES, lenient = false): FileRead {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { ok: false, problem: 'not-a-file', message: describe(file, 'not-a-file') };
    if (lenient) return readLenient(file, maxBytes, st.size);
    if (st.size > maxBytes) {
      return { ok: false, problem: 'too-large', message: describe(file, 'too-large', `${st.size} bytes`) };
    }
    const buf = fs.readFileSync(file);
    if (buf.subarray(0, 8192).includes(0))
      return { ok: false, problem: 'binary', message: describe(file, 'binary') };
    let text: string;
    try {
      text = utf8.decode(buf);
    } catch {
      return { ok: false, problem: 'not-utf8', message: describe(file, 'not-utf8') };
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, text, size: st.size };
  } catch (err) {
    const problem = problemFromError(file, err);
    const detail = problem === 'broken-link' ? linkTarget(file) : (err as NodeJS.ErrnoException)?.code;
    return { ok: false, problem, message: describe(file, problem, detail) };
  }
}

export function statFile(file: string): FileInfo | undefined {
  try {
    const lst = fs.lstatSync(file);
    const st = lst.isSymbolicLink() ? fs.statSync(file) : lst;
    return {
      kind: st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other',
      size: st.size,
      mode: st.mode & 0o777,
      mtimeMs: st.mtimeMs,
      isSymlink: lst.isSymbolicLink(),
    };
  } catch {
    return undefined;
  }
}

export function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

export function realPath(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

function readBytes(file: string, maxBytes = DEFAULT_MAX_BYTES): Uint8Array | undefined {
  try {
    const st = fs.statSync(file);
    return st.isFile() && st.size <= maxBytes ? fs.readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

export const nodeFileSystem: FileSystem = {
  readText: (file, opts) => readTextFile(file, opts?.maxBytes, opts?.lenient),
  stat: statFile,
  list: listDir,
  realpath: realPath,
  readBytes,
};

/**
 * Files below dir (relative paths), depth-first, following no symlinked directories more than once
 * (loops are cut by real path) and stopping at maxFiles. Broken links and link loops are listed as files.
 */
/**
 * A directory holding this file is a deliberately insecure fixture (a demo home, test data): walks from
 * above skip it, so auditing a repository that ships one does not report the fixture as the user's problem.
 * Auditing the fixture itself (it is the walk's root) still reads it.
 */
export const FIXTURE_MARKER = '.agentwarden-fixture';

export function walkFiles(
  fsys: FileSystem,
  dir: string,
  opts: { maxDepth?: number; maxFiles?: number; skipDirs?: string[] } = {},
): string[] {
  const maxDepth = opts.maxDepth ?? 8;
  const maxFiles = opts.maxFiles ?? 5000;
  const skip = new Set(opts.skipDirs ?? ['node_modules', '.git']);
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (abs: string, rel: string, depth: number) => {
    const real = fsys.realpath(abs);
    if (real === undefined || seen.has(real)) return;
    seen.add(real);
    if (depth > 0 && fsys.stat(path.join(abs, FIXTURE_MARKER))?.kind === 'file') return;
    for (const name of fsys.list(abs)) {
      if (out.length >= maxFiles) return;
      const childAbs = path.join(abs, name);
      const childRel = rel ? `${rel}/${name}` : name;
      const info = fsys.stat(childAbs);
      // Listed but not stat-able: a link to nowhere or a link loop. Listed as a file so readers report it.
      if (!info) out.push(childRel);
      else if (info.kind === 'dir') {
        if (depth < maxDepth && !skip.has(name)) visit(childAbs, childRel, depth + 1);
      } else if (info.kind === 'file') {
        out.push(childRel);
      }
    }
  };
  visit(dir, '', 0);
  return out;
}
