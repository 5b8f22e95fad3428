import type { SheetMatrix } from './aggregation';

/** A round's sheet matrix, with the submission times of its entries when they were read along. */
export interface RankingMatrix extends SheetMatrix {
  /**
   * Per entry (when read): its submission time in ms, NaN when never submitted or not read;
   * `timed[e]` is 1 when it was read.
   */
  submittedAt: Float64Array | null;
  timed: Uint8Array | null;
}

/** One judge's submitted sheets of a round, as JudgingRepository.rankingMatrix reads them. */
export interface JudgeSheets {
  judgeId: string;
  /** The sheets' entry ids as bytes (uuid_send: 16 bytes each, back to back). */
  ids: Uint8Array;
  /**
   * One line per sheet, in the same order: "total ratio", the total (numeric(8,4)) and the
   * first-criterion ratio (numeric(7,6)) as fixed-scale decimals, read as integers (the point
   * ignored: "87.5000" reads 875000) then divided by 10⁴ and 10⁶ — the same number as parsing
   * the decimal.
   */
  data: string;
}

/**
 * The wire format of JudgingRepository.rankingMatrix, parsed without one object or string per
 * sheet: one row per judge (JudgeSheets). Judges are numbered in the order of the rows, entries
 * in order of first appearance.
 *
 * `times`, when given, holds submission times of entries: `ids` their ids as bytes, `at`
 * comma-separated ms, empty when never submitted. Those of the matrix's entries go to
 * submittedAt; the others (entries without a sheet) are ignored.
 */
export function parseRankingMatrix(
  judges: readonly JudgeSheets[],
  times?: { ids: Uint8Array | null; at: string | null },
): RankingMatrix {
  let sheets = 0;
  for (const j of judges) {
    if (j.ids.length % 16) throw new Error('ranking: entry ids are not 16 bytes each');
    sheets += j.ids.length >> 4;
  }
  const entries = new EntryIndex(sheets);
  const matrix: RankingMatrix = {
    entryIds: [],
    judgeIds: judges.map((j) => j.judgeId),
    entry: new Int32Array(sheets),
    judge: new Int32Array(sheets),
    total: new Float64Array(sheets),
    first: new Float64Array(sheets),
    submittedAt: null,
    timed: null,
  };
  let k = 0;
  for (let j = 0; j < judges.length; j++) {
    const { ids, data } = judges[j];
    const n = ids.length >> 4;
    const words = wordsOf(ids);
    const end = data.length;
    let pos = 0;
    for (let i = 0; i < n; i++, k++) {
      if (pos >= end) throw new Error('ranking: fewer data lines than entry ids');
      matrix.entry[k] = entries.find(words, i * 4, true);
      matrix.judge[k] = j;
      let total = 0;
      for (; pos < end; pos++) {
        const c = data.charCodeAt(pos);
        if (c === SPACE) break;
        if (c !== POINT) total = total * 10 + (c - 48);
      }
      pos++;
      let first = 0;
      for (; pos < end; pos++) {
        const c = data.charCodeAt(pos);
        if (c === NEWLINE) break;
        if (c !== POINT) first = first * 10 + (c - 48);
      }
      pos++;
      matrix.total[k] = total / 10_000;
      matrix.first[k] = first / 1_000_000;
    }
    if (pos < end) throw new Error('ranking: more data lines than entry ids');
  }
  matrix.entryIds = entries.uuids();
  if (times) readTimes(matrix, entries, times.ids, times.at);
  return matrix;
}

/** 16-byte ids as 32-bit words (an aligned copy when the bytes are not aligned). */
function wordsOf(ids: Uint8Array): Int32Array {
  const aligned = ids.byteOffset % 4 === 0 ? ids : new Uint8Array(ids);
  return new Int32Array(aligned.buffer, aligned.byteOffset, ids.length >> 2);
}

/** The submission times of the matrix's entries among `ids`/`at` (see parseRankingMatrix). */
function readTimes(
  matrix: RankingMatrix,
  entries: EntryIndex,
  ids: Uint8Array | null,
  at: string | null,
): void {
  const count = matrix.entryIds.length;
  const submittedAt = new Float64Array(count).fill(NaN);
  const timed = new Uint8Array(count);
  matrix.submittedAt = submittedAt;
  matrix.timed = timed;
  const n = ids ? ids.length >> 4 : 0;
  if (!ids || !n) return;
  if (ids.length !== n * 16) throw new Error('ranking: entry ids are not 16 bytes each');
  if (at === null) throw new Error('ranking: entry ids without times');
  const words = wordsOf(ids);
  const end = at.length;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      if (at.charCodeAt(pos) !== COMMA) throw new Error('ranking: fewer times than entry ids');
      pos++;
    }
    let c = at.charCodeAt(pos);
    const negative = c === MINUS;
    if (negative) c = at.charCodeAt(++pos);
    let ms = NaN;
    if (pos < end && c !== COMMA) {
      ms = 0;
      for (; pos < end; pos++) {
        c = at.charCodeAt(pos);
        if (c === COMMA) break;
        ms = ms * 10 + (c - 48);
      }
      if (negative) ms = -ms;
    }
    const e = entries.find(words, i * 4, false);
    if (e >= 0) {
      submittedAt[e] = ms;
      timed[e] = 1;
    }
  }
  if (pos < end) throw new Error('ranking: more times than entry ids');
}

const SPACE = 32;
const COMMA = 44;
const MINUS = 45;
const NEWLINE = 10;
const POINT = 46;

/** "0a", "ff", … as character codes: HEX[2b], HEX[2b + 1]. */
const HEX = new Uint8Array(512);
for (let b = 0; b < 256; b++) {
  const s = b.toString(16).padStart(2, '0');
  HEX[2 * b] = s.charCodeAt(0);
  HEX[2 * b + 1] = s.charCodeAt(1);
}

/**
 * Distinct 16-byte ids numbered in order of first appearance: an open-addressing table keyed by
 * a hash of the id's four 32-bit words, each slot checked against the words it holds.
 */
class EntryIndex {
  private slots: Int32Array;
  private mask: number;
  /** Per entry: its four words. */
  private keys: Int32Array;
  private count = 0;

  constructor(expected: number) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.keys = new Int32Array(Math.max(expected, 1) * 4);
  }

  /** The number of the id words[at .. at + 4); when new, added if `add`, else -1. */
  find(words: Int32Array, at: number, add: boolean): number {
    const a = words[at];
    const b = words[at + 1];
    const c = words[at + 2];
    const d = words[at + 3];
    let h = Math.imul(
      a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77) ^ Math.imul(d, 0xc2b2ae3d),
      0x27d4eb2f,
    );
    h ^= h >>> 15;
    const keys = this.keys;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const e = this.slots[slot];
      if (e === -1) {
        if (!add) return -1;
        const added = this.count++;
        this.slots[slot] = added;
        keys[4 * added] = a;
        keys[4 * added + 1] = b;
        keys[4 * added + 2] = c;
        keys[4 * added + 3] = d;
        return added;
      }
      if (
        keys[4 * e] === a &&
        keys[4 * e + 1] === b &&
        keys[4 * e + 2] === c &&
        keys[4 * e + 3] === d
      )
        return e;
    }
  }

  /** The ids as uuid text (lowercase, 8-4-4-4-12), as PostgreSQL writes them. */
  uuids(): string[] {
    const bytes = new Uint8Array(this.keys.buffer, this.keys.byteOffset, this.count * 16);
    const text = Buffer.allocUnsafe(this.count * 36);
    let o = 0;
    for (let i = 0; i < bytes.length; i++) {
      const k = i & 15;
      if (k === 4 || k === 6 || k === 8 || k === 10) text[o++] = 45; // "-"
      text[o++] = HEX[2 * bytes[i]];
      text[o++] = HEX[2 * bytes[i] + 1];
    }
    const all = text.toString('latin1');
    const out = new Array<string>(this.count);
    for (let e = 0; e < this.count; e++) out[e] = all.slice(36 * e, 36 * e + 36);
    return out;
  }
}
