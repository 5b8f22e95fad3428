/**
 * PostgreSQL array literals (`{a,b,"c d"}`) for text-like elements, built here rather than by
 * `pg`, which quotes every element and escapes it with two regular expressions: for the vote
 * intake's batch (five arrays of about a thousand ids and keys) that was a few percent of the
 * API's CPU. Elements that array_in reads as they are (letters, digits and `_:+.-@`, not
 * four characters long so never NULL) go bare; anything else is quoted and escaped; null
 * elements are NULL. Used as a query parameter cast to an array type (`$1::uuid[]`), exactly as
 * `pg` would send the array.
 */
const BARE = /^[A-Za-z0-9_:+.@-]+$/;

export function arrayLiteral(values: readonly (string | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i) out += ',';
    const v = values[i];
    if (v == null) out += 'NULL';
    else if (v.length !== 4 && BARE.test(v)) out += v;
    else out += `"${v.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

/*
 * Arrays in PostgreSQL's binary format (array_send/array_recv): `pg` sends a Buffer parameter
 * as binary, so the server copies each element instead of parsing a literal. For the vote
 * intake's batch that took the parsing of its id and key arrays (about 5 % of the statement's
 * CPU) down to a copy. Layout: ndim, has-nulls flag, element type oid, then per dimension its
 * length and lower bound, then each element as its byte length and bytes.
 */
const UUID_OID = 2950;
const TEXT_OID = 25;
const HEADER = 20;

/** Hex digit values by character code (-1: not a hex digit). */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) HEX[65 + i] = HEX[97 + i] = 10 + i;

function header(b: Buffer, elementOid: number, length: number): void {
  b.writeInt32BE(1, 0); // one dimension
  b.writeInt32BE(0, 4); // no nulls
  b.writeInt32BE(elementOid, 8);
  b.writeInt32BE(length, 12);
  b.writeInt32BE(1, 16); // lower bound
}

function hexDigit(s: string, i: number): number {
  const c = s.charCodeAt(i);
  const v = c < 128 ? HEX[c] : -1;
  if (v < 0) throw new TypeError(`not a uuid: ${JSON.stringify(s)}`);
  return v;
}

/** Writes the 16 bytes of a uuid in its canonical spelling (either case) at `at`. */
function writeUuid(s: string, b: Buffer, at: number): void {
  if (
    s.length !== 36 ||
    s.charCodeAt(8) !== 45 ||
    s.charCodeAt(13) !== 45 ||
    s.charCodeAt(18) !== 45 ||
    s.charCodeAt(23) !== 45
  )
    throw new TypeError(`not a uuid: ${JSON.stringify(s)}`);
  let o = at;
  for (let i = 0; i < 36; i += 2) {
    if (i === 8 || i === 13 || i === 18 || i === 23) i++;
    b[o++] = (hexDigit(s, i) << 4) | hexDigit(s, i + 1);
  }
}

/**
 * A `uuid[]` parameter in binary form. A value equal to the one before it (a batch's votes
 * mostly share their session and entry) is copied rather than decoded again. Throws on anything
 * that is not a uuid: callers pass ids they have validated.
 */
export function uuidArrayBinary(values: readonly string[]): Buffer {
  const n = values.length;
  const b = Buffer.allocUnsafe(HEADER + n * 20);
  header(b, UUID_OID, n);
  let o = HEADER;
  for (let i = 0; i < n; i++) {
    b.writeInt32BE(16, o);
    if (i > 0 && values[i] === values[i - 1]) b.copy(b, o + 4, o - 16, o);
    else writeUuid(values[i], b, o + 4);
    o += 20;
  }
  return b;
}

/** A `text[]` parameter in binary form (UTF-8; no null elements). */
export function textArrayBinary(values: readonly string[]): Buffer {
  const n = values.length;
  let size = HEADER + 4 * n;
  for (let i = 0; i < n; i++) size += Buffer.byteLength(values[i]);
  const b = Buffer.allocUnsafe(size);
  header(b, TEXT_OID, n);
  let o = HEADER;
  for (let i = 0; i < n; i++) {
    const len = b.write(values[i], o + 4);
    b.writeInt32BE(len, o);
    o += 4 + len;
  }
  return b;
}
