import type { AuditContext } from '../core/context.js';
import { type ConfigDocument, type DocumentFormat, isRecord, parseDocument } from '../core/document/index.js';

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
}

export type ConfigLoad =
  | { status: 'missing' }
  | { status: 'problem'; problem: LoadProblem }
  | { status: 'ok'; doc: ConfigDocument; data: Record<string, unknown> };

const FORMAT_NAMES: Record<DocumentFormat, string> = { jsonc: 'JSON', json5: 'JSON5', yaml: 'YAML' };

/** Reads and parses a config file that must hold an object (a mapping in YAML); never throws. */
export function loadConfigObject(
  ctx: AuditContext,
  file: string,
  opts: { format: DocumentFormat; maxBytes: number },
): ConfigLoad {
  const read = ctx.fs.readText(file, { maxBytes: opts.maxBytes });
  if (!read.ok) {
    if (read.problem === 'missing') return { status: 'missing' };
    return { status: 'problem', problem: { file, message: read.message } };
  }
  const name = FORMAT_NAMES[opts.format];
  const parsed = parseDocument(read.text, opts.format);
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
  return { status: 'ok', doc: parsed.doc, data: parsed.doc.value };
}
