/**
 * The rows of one table of an SQLite database, read from its bytes without SQLite (no native module on the
 * audit's path): the file format's table b-trees, records and overflow pages (sqlite.org/fileformat2.html),
 * with the committed frames of a write-ahead log laid over the pages they replace. Enough for OpenClaw's
 * small state tables; UTF-8 databases only. Returns why not instead of throwing.
 */

export type SqliteValue = null | number | string | Uint8Array;

const MAGIC = 'SQLite format 3\0';
const WAL_MAGIC = [0x377f0682, 0x377f0683];
/** A corrupt or hostile file cannot make the walk loop: no table this reads comes near it. */
const MAX_PAGES_VISITED = 100_000;

class Bytes {
  constructor(readonly b: Uint8Array) {}
  u8(i: number): number {
    const v = this.b[i];
    if (v === undefined) throw new RangeError('read past the end of a page');
    return v;
  }
  u16(i: number): number {
    return (this.u8(i) << 8) | this.u8(i + 1);
  }
  u32(i: number): number {
    return this.u16(i) * 0x10000 + this.u16(i + 2);
  }
  /** SQLite's varint: 1-9 bytes, big-endian, 7 bits a byte (8 in the ninth). */
  varint(i: number): [value: number, next: number] {
    let v = 0;
    for (let k = 0; k < 8; k++) {
      const byte = this.u8(i + k);
      v = v * 128 + (byte & 0x7f);
      if (byte < 0x80) return [v, i + k + 1];
    }
    return [v * 256 + this.u8(i + 8), i + 9];
  }
}

/** Page n (1-based) as the database holds it now: the WAL's last committed copy, else the main file's. */
function pageReader(db: Uint8Array, wal: Uint8Array | undefined, pageSize: number) {
  const overlay = new Map<number, Uint8Array>();
  if (wal && wal.length >= 32) {
    const w = new Bytes(wal);
    if (WAL_MAGIC.includes(w.u32(0)) && w.u32(8) === pageSize) {
      const salts = [w.u32(16), w.u32(20)];
      const pending = new Map<number, Uint8Array>();
      for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
        // Frames of an older generation (other salts) are leftovers, not the database.
        if (w.u32(at + 8) !== salts[0] || w.u32(at + 12) !== salts[1]) break;
        pending.set(w.u32(at), wal.subarray(at + 24, at + 24 + pageSize));
        if (w.u32(at + 4) !== 0) {
          for (const [n, p] of pending) overlay.set(n, p);
          pending.clear();
        }
      }
    }
  }
  return (n: number): Bytes => {
    const from = overlay.get(n) ?? db.subarray((n - 1) * pageSize, n * pageSize);
    if (n < 1 || from.length < pageSize) throw new RangeError(`page ${n} is missing`);
    return new Bytes(from);
  };
}

function decodeRecord(payload: Uint8Array): SqliteValue[] {
  const r = new Bytes(payload);
  const [headerSize, first] = r.varint(0);
  const types: number[] = [];
  for (let i = first; i < headerSize; ) {
    const [t, next] = r.varint(i);
    types.push(t);
    i = next;
  }
  const out: SqliteValue[] = [];
  let at = headerSize;
  const text = new TextDecoder('utf-8');
  for (const t of types) {
    if (t === 0) out.push(null);
    else if (t >= 1 && t <= 6) {
      const size = [0, 1, 2, 3, 4, 6, 8][t] as number;
      out.push(signed(payload.subarray(at, at + size)));
      at += size;
    } else if (t === 7) {
      out.push(new DataView(payload.buffer, payload.byteOffset + at, 8).getFloat64(0));
      at += 8;
    } else if (t === 8 || t === 9) out.push(t - 8);
    else if (t >= 12) {
      const size = Math.floor((t - 12) / 2);
      const bytes = payload.subarray(at, at + size);
      out.push(t % 2 === 0 ? bytes : text.decode(bytes));
      at += size;
    } else throw new RangeError(`reserved serial type ${t}`);
  }
  return out;
}

/** A big-endian two's-complement integer of 1-8 bytes (beyond 2^53 it loses precision: never a state value). */
function signed(bytes: Uint8Array): number {
  let v = 0;
  for (const b of bytes) v = v * 256 + b;
  const first = bytes[0] ?? 0;
  return first >= 0x80 ? v - 256 ** bytes.length : v;
}

/** The payloads of every cell of the table b-tree rooted at `root`, in key order. */
function tablePayloads(page: (n: number) => Bytes, root: number, usable: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let visited = 0;
  const visit = (n: number) => {
    if (++visited > MAX_PAGES_VISITED) throw new RangeError('too many pages (a loop in the file?)');
    const p = page(n);
    const h = n === 1 ? 100 : 0;
    const kind = p.u8(h);
    const cells = p.u16(h + 3);
    if (kind === 0x05) {
      for (let c = 0; c < cells; c++) visit(p.u32(p.u16(h + 12 + 2 * c)));
      visit(p.u32(h + 8));
      return;
    }
    if (kind !== 0x0d) throw new RangeError(`page ${n} is not a table b-tree page`);
    for (let c = 0; c < cells; c++) {
      const [size, afterSize] = p.varint(p.u16(h + 8 + 2 * c));
      const [, start] = p.varint(afterSize);
      out.push(payload(page, p, start, size, usable));
    }
  };
  visit(root);
  return out;
}

/** A cell's payload: the part on its page, then the chain of overflow pages. */
function payload(page: (n: number) => Bytes, p: Bytes, start: number, size: number, usable: number) {
  const max = usable - 35;
  const min = Math.floor(((usable - 12) * 32) / 255) - 23;
  const k = min + ((size - min) % (usable - 4));
  const local = size <= max ? size : k <= max ? k : min;
  const out = new Uint8Array(size);
  out.set(p.b.subarray(start, start + local));
  let filled = local;
  let next = size > local ? p.u32(start + local) : 0;
  for (let hops = 0; next !== 0 && filled < size; hops++) {
    if (hops > MAX_PAGES_VISITED) throw new RangeError('overflow chain loops');
    const o = page(next);
    const take = Math.min(size - filled, usable - 4);
    out.set(o.b.subarray(4, 4 + take), filled);
    filled += take;
    next = o.u32(0);
  }
  if (filled < size) throw new RangeError('overflow chain ends early');
  return out;
}

/** The rows of `table` (columns in declaration order), or why they cannot be read. */
export function readSqliteTable(
  db: Uint8Array,
  wal: Uint8Array | undefined,
  table: string,
): { ok: true; rows: SqliteValue[][] } | { ok: false; error: string } {
  try {
    if (db.length < 100 || new TextDecoder('latin1').decode(db.subarray(0, 16)) !== MAGIC)
      return { ok: false, error: 'not an SQLite database' };
    const head = new Bytes(db);
    const pageSize = head.u16(16) === 1 ? 65536 : head.u16(16);
    if (head.u32(56) > 1) return { ok: false, error: 'not a UTF-8 database' };
    const usable = pageSize - head.u8(20);
    const page = pageReader(db, wal, pageSize);
    const schema = tablePayloads(page, 1, usable).map(decodeRecord);
    const entry = schema.find((r) => r[0] === 'table' && r[1] === table);
    if (!entry) return { ok: false, error: `no table ${table}` };
    if (typeof entry[4] === 'string' && /without\s+rowid/i.test(entry[4]))
      return { ok: false, error: `${table} is a WITHOUT ROWID table` };
    return { ok: true, rows: tablePayloads(page, Number(entry[3]), usable).map(decodeRecord) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
