// The SQLite reader on databases written by SQLite itself (python3's sqlite3, test/fixtures/sqlite): a
// multi-page table, a value spilling onto overflow pages, a write-ahead log with a committed update.
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSqliteTable } from '../../src/discover/sqlite.js';

const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/sqlite/${name}`, import.meta.url));
const db = fixture('reader.sqlite');
const wal = fixture('reader.sqlite-wal');

describe('readSqliteTable', () => {
  it('reads every row of a table spread over interior and leaf pages, with each column type', () => {
    const r = readSqliteTable(db, undefined, 'rows');
    if (!r.ok) throw new Error(r.error);
    expect(r.rows).toHaveLength(400);
    expect(r.rows[0]).toEqual([-200000000, 'row0', 0, new Uint8Array([0])]);
    expect(r.rows[399]).toEqual([399 * 1000003 - 200000000, 'row399', 99.75, new Uint8Array([399 % 256])]);
  });

  it('follows overflow pages, and lays committed WAL frames over the main file', () => {
    const main = readSqliteTable(db, undefined, 'config_machine_state');
    const withWal = readSqliteTable(db, wal, 'config_machine_state');
    if (!main.ok || !withWal.ok) throw new Error('unreadable');
    expect(main.rows).toEqual([['big', 'x'.repeat(9000), -5]]);
    expect(withWal.rows).toEqual([['big', 'x'.repeat(9000), 42]]);
  });

  it('says why instead of throwing: not a database, no such table, truncated file', () => {
    expect(readSqliteTable(new TextEncoder().encode('{"not": "sqlite"}'), undefined, 'x')).toEqual({
      ok: false,
      error: 'not an SQLite database',
    });
    expect(readSqliteTable(db, undefined, 'missing')).toEqual({ ok: false, error: 'no table missing' });
    const cut = readSqliteTable(db.subarray(0, 4096), undefined, 'rows');
    expect(cut.ok).toBe(false);
  });
});
