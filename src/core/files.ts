import * as fs from 'node:fs';
import * as path from 'node:path';

export type FileProblem =
  | 'missing'
  | 'not-a-file'
  | 'too-large'
  | 'binary'
  | 'not-utf8'
  | 'unreadable'
  | 'loop';

export type FileRead =
  | { ok: true; text: string; size: number }
  | { ok: false; problem: FileProblem; message: string };

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
  readText(file: string, opts?: { maxBytes?: number }): FileRead;
  stat(file: string): FileInfo | undefined;
  /** Entry names of a directory, sorted; [] when missing or unreadable. */
  list(dir: string): string[];
  /** The path with every symlink resolved; undefined when it does not exist or loops. */
  realpath(file: string): string | undefined;
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
  };
  return `${file} ${what[problem]}${detail ? ` (${detail})` : ''}`;
}

function problemFromError(err: unknown): FileProblem {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
  if (code === 'ELOOP') return 'loop';
  if (code === 'EISDIR') return 'not-a-file';
  return 'unreadable';
}

export function readTextFile(file: string, maxBytes = DEFAULT_MAX_BYTES): FileRead {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { ok: false, problem: 'not-a-file', message: describe(file, 'not-a-file') };
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
    const problem = problemFromError(err);
    return { ok: false, problem, message: describe(file, problem, (err as NodeJS.ErrnoException)?.code) };
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

export const nodeFileSystem: FileSystem = {
  readText: (file, opts) => readTextFile(file, opts?.maxBytes),
  stat: statFile,
  list: listDir,
  realpath: realPath,
};

/**
 * Files below dir (relative paths), depth-first, following no symlinked directories more than once
 * (loops are cut by real path) and stopping at maxFiles.
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
      if (!info) continue;
      if (info.kind === 'dir') {
        if (depth < maxDepth && !skip.has(name)) visit(childAbs, childRel, depth + 1);
      } else if (info.kind === 'file') {
        out.push(childRel);
      }
    }
  };
  visit(dir, '', 0);
  return out;
}
