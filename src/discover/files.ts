import type { AuditContext } from '../core/context.js';
import { type DecodedText, withoutNuls } from '../core/decode.js';
import { type ConfigDocument, type DocumentFormat, isRecord, parseDocument } from '../core/document/index.js';
import type { FileRead } from '../core/files.js';
import type { Severity } from '../core/severity.js';

/**
 * A config file that exists but could not be used. Checks skip it; one check per agent reports it.
 * `audited` marks a file agentwarden could read but its agent cannot (Claude Code and a comment):
 * checks still see its content, so what it would say is reported too.
 */
export interface LoadProblem {
  file: string;
  message: string;
  line?: number;
  column?: number;
  audited?: boolean;
  /**
   * Set when the problem is agentwarden's own limit, not the agent's: the agent reads the file and the audit
   * could not, so the finding is as severe as what the file could hide.
   */
  severity?: Severity;
}

export type ConfigLoad =
  | { status: 'missing' }
  | { status: 'problem'; problem: LoadProblem }
  | {
      status: 'ok';
      doc: ConfigDocument;
      data: Record<string, unknown>;
      /** How the file's bytes were decoded (NULs are dropped before parsing; see core/decode.ts). */
      decoding?: Omit<DecodedText, 'text'>;
    };

const FORMAT_NAMES: Record<DocumentFormat, string> = { jsonc: 'JSON', json5: 'JSON5', yaml: 'YAML' };

function readProblem(file: string, read: Exclude<FileRead, { ok: true }>): ConfigLoad {
  if (read.problem === 'missing') return { status: 'missing' };
  return { status: 'problem', problem: { file, message: read.message } };
}

/**
 * Reads and parses a config file that must hold an object (a mapping in YAML); never throws. `lenient`
 * decodes the file whatever its encoding (see FileRead) and parses it without its NUL bytes, so a stray byte
 * cannot hide what it says; the caller reports what its agent makes of such a file (`decoding`).
 */
export function loadConfigObject(
  ctx: AuditContext,
  file: string,
  opts: { format: DocumentFormat; maxBytes: number; lenient?: boolean },
): ConfigLoad {
  const read = ctx.fs.readText(file, { maxBytes: opts.maxBytes, lenient: opts.lenient ?? false });
  if (!read.ok) return readProblem(file, read);
  if (read.truncated)
    return {
      status: 'problem',
      problem: {
        file,
        message: `${file} is too large for agentwarden to read (${read.size} bytes, limit ${opts.maxBytes})`,
        severity: 'high',
      },
    };
  const name = FORMAT_NAMES[opts.format];
  const text = withoutNuls(read.text);
  if (text.trim() === '')
    return { status: 'problem', problem: { file, message: `${file} is an empty file`, line: 1, column: 1 } };
  const parsed = parseDocument(text, opts.format);
  if (!parsed.ok) {
    const { line, column } = parsed.position;
    return {
      status: 'problem',
      problem: {
        file,
        message: `${file} is not valid ${name}: ${parsed.error} at line ${line}`,
        line,
        column,
      },
    };
  }
  if (!isRecord(parsed.doc.value)) {
    const what = opts.format === 'yaml' ? 'a YAML mapping' : `a ${name} object`;
    return {
      status: 'problem',
      problem: { file, message: `${file} does not hold ${what} at the top level`, line: 1, column: 1 },
    };
  }
  return {
    status: 'ok',
    doc: parsed.doc,
    data: parsed.doc.value,
    ...(read.decoding && { decoding: read.decoding }),
  };
}
