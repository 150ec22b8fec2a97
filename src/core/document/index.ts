import * as path from 'node:path';
import type { DocumentFormat, DocumentParse } from './document.js';
import { parseJson5 } from './json5.js';
import { parseJsonc } from './jsonc.js';
import { parseYaml } from './yaml.js';

export * from './document.js';

const PARSERS: Record<DocumentFormat, (text: string) => DocumentParse> = {
  jsonc: parseJsonc,
  json5: parseJson5,
  yaml: parseYaml,
};

/** Parses text in the given format; a syntax error is returned as a value with its position. */
export function parseDocument(text: string, format: DocumentFormat): DocumentParse {
  return PARSERS[format](text);
}

/**
 * The format a file's name implies: `.json5` JSON5, `.yaml`/`.yml` YAML, anything else JSONC (strict JSON
 * parses as JSONC). A file whose name says `.json` but whose owner reads JSON5 (OpenClaw's openclaw.json)
 * is named by its discoverer, which knows better.
 */
export function formatFor(file: string): DocumentFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json5') return 'json5';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return 'jsonc';
}
