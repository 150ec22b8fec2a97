import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { redactText } from './redact.js';
import { SEED_IDS } from './seed-items.js';

/** A human answer is trusted this long, then the item is asked again. */
export const ATTESTATION_TTL_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_FILE_BYTES = 1024 * 1024;

export const ATTESTATION_ANSWERS = ['yes', 'no'] as const;
export type AttestationAnswer = (typeof ATTESTATION_ANSWERS)[number];

const attestationSchema = z.object({
  id: z.string().min(1),
  answer: z.enum(ATTESTATION_ANSWERS),
  note: z.string(),
  date: z.iso.datetime({ offset: true }),
});
export type Attestation = z.infer<typeof attestationSchema>;

const fileSchema = z.object({
  schemaVersion: z.literal(1),
  attestations: z.array(attestationSchema),
});

export type AttestationsRead = { ok: true; attestations: Attestation[] } | { ok: false; error: string };

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected content';
  const where = issue.path.length ? issue.path.join('.') : 'top level';
  return `${where}: ${issue.message}`;
}

/** The stored answers; a missing file is no answers. Problems come back as one line naming the file. */
export function readAttestations(file: string): AttestationsRead {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { ok: false, error: `${file}: not a regular file` };
    if (st.size > MAX_FILE_BYTES) return { ok: false, error: `${file}: too large (${st.size} bytes)` };
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true, attestations: [] };
    return { ok: false, error: `${file}: cannot read (${code ?? 'unknown error'})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: `${file}: not valid JSON` };
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, error: `${file}: ${describeIssue(parsed.error)}` };
  return { ok: true, attestations: parsed.data.attestations };
}

/** Writes beside the target and renames over it, so a crash never leaves half a file. */
function writeAtomically(file: string, content: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(tmp, content, { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

export interface AttestationInput {
  id: string;
  answer: AttestationAnswer;
  note: string;
}

export type AttestationRecorded = { ok: true; attestation: Attestation } | { ok: false; error: string };

/**
 * Stores (or replaces) the answer for one seed item, keeping every other entry. The note is masked first:
 * people paste things. An unreadable or malformed file is left alone and reported, never overwritten.
 */
export function recordAttestation(file: string, input: AttestationInput, now: Date): AttestationRecorded {
  if (!SEED_IDS.has(input.id)) return { ok: false, error: `${input.id}: not a seed item id` };
  const note = redactText(input.note.trim());
  if (!note) return { ok: false, error: '--note must say what was checked' };
  const current = readAttestations(file);
  if (!current.ok) return { ok: false, error: `${current.error}; fix or remove it first` };
  const attestation: Attestation = { id: input.id, answer: input.answer, note, date: now.toISOString() };
  const attestations = [...current.attestations.filter((a) => a.id !== input.id), attestation].sort((a, b) =>
    a.id.localeCompare(b.id),
  );
  try {
    writeAtomically(file, `${JSON.stringify({ schemaVersion: 1, attestations }, null, 2)}\n`);
  } catch (err) {
    return { ok: false, error: `${file}: cannot write (${(err as NodeJS.ErrnoException).code ?? err})` };
  }
  return { ok: true, attestation };
}

/** Whether the answer is at least ATTESTATION_TTL_DAYS old. */
export function isExpired(attestation: Attestation, now: Date): boolean {
  return now.getTime() - Date.parse(attestation.date) >= ATTESTATION_TTL_DAYS * DAY_MS;
}

export function expiresOn(attestation: Attestation): Date {
  return new Date(Date.parse(attestation.date) + ATTESTATION_TTL_DAYS * DAY_MS);
}
