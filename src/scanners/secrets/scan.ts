/**
 * What `secrets scan` and the agent-state check report from a text: the engine's hits minus what the user
 * accepted (a baseline of fingerprints, an `agentwarden:allow` comment on the line or the line above) and minus
 * everything in template files (`.env.example`), whose values are placeholders by intent.
 */
import * as path from 'node:path';
import { lineContaining } from '../../core/text-position.js';
import { findSecrets, type SecretHit } from './detect.js';

export const ALLOW_MARKER = 'agentwarden:allow';
export const BASELINE_FILE = '.agentwarden-baseline.json';

/** `.env.example`, `config.sample.json`, `settings.template.yml`, `app.env.dist`. */
const TEMPLATE_FILE = /(?:^|[._-])(?:example|sample|template|dist|tmpl)(?:[._-]|$)/i;

export function isTemplateFile(file: string): boolean {
  return TEMPLATE_FILE.test(path.basename(file));
}

export interface Baseline {
  version: 1;
  fingerprints: string[];
}

/** Parses a baseline file's text; undefined when it is not one (the CLI reports that as a usage error). */
export function parseBaseline(text: string): Baseline | undefined {
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null) return undefined;
    const fps = (data as { fingerprints?: unknown }).fingerprints;
    if (!Array.isArray(fps) || !fps.every((f) => typeof f === 'string')) return undefined;
    return { version: 1, fingerprints: fps };
  } catch {
    return undefined;
  }
}

export function serializeBaseline(fingerprints: Iterable<string>): string {
  return `${JSON.stringify({ version: 1, fingerprints: [...new Set(fingerprints)].sort() }, null, 2)}\n`;
}

function allowedInline(text: string, hit: SecretHit): boolean {
  const line = lineContaining(text, hit.start);
  if (line.text.includes(ALLOW_MARKER)) return true;
  if (line.start === 0) return false;
  const above = lineContaining(text, line.start - 1).text.trim();
  // Only a comment line of its own allows the next line: `# agentwarden:allow` above a config entry.
  return above.includes(ALLOW_MARKER) && /^(?:#|\/\/|--|;|<!--|\/\*|\*)/.test(above);
}

export interface ReportOptions {
  /** Fingerprints accepted by a baseline. */
  baseline?: ReadonlySet<string>;
  /** The file the text came from: template files report nothing. */
  file?: string;
}

/** The hits of a text that are findings. */
export function reportableSecrets(text: string, opts: ReportOptions = {}): SecretHit[] {
  if (opts.file && isTemplateFile(opts.file)) return [];
  const hits = findSecrets(text, opts.baseline ? { allow: { fingerprints: opts.baseline } } : {});
  if (!text.includes(ALLOW_MARKER)) return hits;
  return hits.filter((h) => !allowedInline(text, h));
}
