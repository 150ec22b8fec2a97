import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expiresOn, isExpired, readAttestations, recordAttestation } from '../../src/core/attest.js';
import { FAKE_ANTHROPIC } from '../reporters/_report.js';

const NOW = new Date('2026-03-01T09:30:00Z');
let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-attest-'));
  file = path.join(dir, 'config', 'agentwarden', 'attestations.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

describe('attestation store', () => {
  it('a missing file is no answers', () => {
    expect(readAttestations(file)).toEqual({ ok: true, attestations: [] });
  });

  it('stores an answer and reads it back', () => {
    const rec = recordAttestation(
      file,
      { id: 'CS-3', answer: 'yes', note: '  cap 200 EUR, alert 50 %  ' },
      NOW,
    );
    expect(rec).toEqual({
      ok: true,
      attestation: {
        id: 'CS-3',
        answer: 'yes',
        note: 'cap 200 EUR, alert 50 %',
        date: '2026-03-01T09:30:00.000Z',
      },
    });
    expect(readAttestations(file)).toEqual({ ok: true, attestations: rec.ok ? [rec.attestation] : [] });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps other entries and replaces only the same item', () => {
    recordAttestation(file, { id: 'ON-6', answer: 'yes', note: 'tried kill' }, NOW);
    recordAttestation(file, { id: 'CS-3', answer: 'no', note: 'no cap yet' }, NOW);
    const later = new Date(NOW.getTime() + 1000);
    recordAttestation(file, { id: 'CS-3', answer: 'yes', note: 'cap set' }, later);
    const read = readAttestations(file);
    expect(read.ok && read.attestations.map((a) => [a.id, a.answer, a.note])).toEqual([
      ['CS-3', 'yes', 'cap set'],
      ['ON-6', 'yes', 'tried kill'],
    ]);
  });

  it('writes atomically: no temporary file is left beside it', () => {
    recordAttestation(file, { id: 'CS-3', answer: 'yes', note: 'x' }, NOW);
    recordAttestation(file, { id: 'ON-5', answer: 'yes', note: 'y' }, NOW);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['attestations.json']);
  });

  it('masks secrets pasted into a note before storing it', () => {
    recordAttestation(file, { id: 'CS-3', answer: 'yes', note: `key is ${FAKE_ANTHROPIC}` }, NOW);
    const raw = fs.readFileSync(file, 'utf8');
    expect(raw).not.toContain(FAKE_ANTHROPIC);
    expect(raw).toContain('****[redacted');
  });

  it('refuses unknown ids and empty notes, writing nothing', () => {
    expect(recordAttestation(file, { id: 'XX-1', answer: 'yes', note: 'x' }, NOW)).toEqual({
      ok: false,
      error: 'XX-1: not a seed item id',
    });
    expect(recordAttestation(file, { id: 'CS-3', answer: 'yes', note: '   ' }, NOW).ok).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
  });

  describe('a corrupt file gives one line naming it, and is never overwritten', () => {
    const cases: [string, string, RegExp][] = [
      ['not JSON', '{"schemaVersion": 1, "attestations": [', /: not valid JSON$/],
      ['wrong version', '{"schemaVersion": 2, "attestations": []}', /: schemaVersion: /],
      [
        'bad answer',
        '{"schemaVersion":1,"attestations":[{"id":"CS-3","answer":"maybe","note":"","date":"2026-01-01T00:00:00Z"}]}',
        /: attestations\.0\.answer: /,
      ],
      [
        'bad date',
        '{"schemaVersion":1,"attestations":[{"id":"CS-3","answer":"yes","note":"","date":"last week"}]}',
        /: attestations\.0\.date: /,
      ],
    ];
    for (const [name, content, pattern] of cases) {
      it(name, () => {
        write(content);
        const read = readAttestations(file);
        expect(read.ok).toBe(false);
        if (read.ok) return;
        expect(read.error.startsWith(file)).toBe(true);
        expect(read.error).toMatch(pattern);
        expect(read.error).not.toContain('\n');
        const rec = recordAttestation(file, { id: 'ON-6', answer: 'yes', note: 'x' }, NOW);
        expect(rec).toEqual({ ok: false, error: `${read.error}; fix or remove it first` });
        expect(fs.readFileSync(file, 'utf8')).toBe(content);
      });
    }

    it('a directory where the file should be', () => {
      fs.mkdirSync(file, { recursive: true });
      expect(readAttestations(file)).toEqual({ ok: false, error: `${file}: not a regular file` });
    });
  });

  it('expires 90 days after the answer', () => {
    const a = { id: 'CS-3', answer: 'yes' as const, note: 'x', date: '2026-03-01T09:30:00.000Z' };
    expect(expiresOn(a).toISOString()).toBe('2026-05-30T09:30:00.000Z');
    expect(isExpired(a, new Date('2026-05-30T09:29:59.999Z'))).toBe(false);
    expect(isExpired(a, new Date('2026-05-30T09:30:00.000Z'))).toBe(true);
  });
});
