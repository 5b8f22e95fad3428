/**
 * The next free policy slots as this instance last saw them, in fixed memory: an 8-way
 * set-associative table of 32-bit fingerprints and slot numbers, keyed by a hash of what the
 * slot counts (the session and voter, plus the entry for a per-entry limit or the day for a
 * per-day one). Two typed arrays, allocated once: no object per voter, nothing for the garbage
 * collector to walk, and no cliff when there are more voters than the table holds (an old hint
 * gives way to a new one in its set, the others stay).
 *
 * Lossy by design, which is safe because a hint only saves a round trip: the unique keys in
 * PostgreSQL decide. A missing hint makes a voter's vote try slot 0 and, when that is taken,
 * the statement reports the next free slot and the vote is written in the next batch. A wrong
 * hint needs two keys with the same set and fingerprint (about one chance in 500 million per
 * lookup); it can never let a vote past a limit, and the gap it may leave is filled by the
 * voter's next vote that finds its hinted slot taken or over the limit (the statement reports
 * the lowest free slot, vote_next_slot).
 */
export type SlotKind = 'entry' | 'session' | 'day';

const WAYS = 8;
const KIND_CODE: Record<SlotKind, number> = { entry: 0x65, session: 0x73, day: 0x64 };
/** Slots above this are not remembered (no policy comes near it). */
export const MAX_HINTED_SLOT = 0xfffe;

export class SlotHints {
  /** Fingerprint of each way; 0 is an empty way (fingerprints are never 0). */
  private readonly prints: Uint32Array;
  /** Slot + 1 of each way (0: empty). */
  private readonly slots: Uint16Array;
  private readonly setMask: number;
  /** Which way of a full set the next new key replaces (round robin over all sets). */
  private victim = 0;

  /** `capacity`: hints held at most, rounded up to a power of two (at least 64). */
  constructor(capacity: number) {
    let sets = 16;
    while (sets * WAYS < capacity) sets *= 2;
    this.prints = new Uint32Array(sets * WAYS);
    this.slots = new Uint16Array(sets * WAYS);
    this.setMask = sets - 1;
  }

  get capacity(): number {
    return this.prints.length;
  }

  /** The remembered next free slot, or undefined. */
  get(kind: SlotKind, sessionId: string, voterKey: string, scope = ''): number | undefined {
    const base = this.locate(kind, sessionId, voterKey, scope);
    const print = this.print;
    for (let w = 0; w < WAYS; w++) {
      if (this.prints[base + w] === print) return this.slots[base + w] - 1;
    }
    return undefined;
  }

  set(kind: SlotKind, sessionId: string, voterKey: string, scope: string, slot: number): void {
    if (!Number.isInteger(slot) || slot < 0 || slot > MAX_HINTED_SLOT) return;
    const base = this.locate(kind, sessionId, voterKey, scope);
    const print = this.print;
    let empty = -1;
    for (let w = 0; w < WAYS; w++) {
      const p = this.prints[base + w];
      if (p === print) {
        this.slots[base + w] = slot + 1;
        return;
      }
      if (p === 0 && empty < 0) empty = w;
    }
    const way = empty >= 0 ? empty : (this.victim = (this.victim + 1) % WAYS);
    this.prints[base + way] = print;
    this.slots[base + way] = slot + 1;
  }

  /** Fingerprint computed by the last `locate`. */
  private print = 0;
  private h1 = 0;
  private h2 = 0;
  /** The hash state after the last session id (a live vote has one session, mostly). */
  private lastSession = '';
  private sessionH1 = 0;
  private sessionH2 = 0;

  /**
   * Two independent 32-bit hashes of (session, kind, voter, scope) in one pass over the
   * characters, without building the joined string: one picks the set (returned: its first
   * way), the other is the fingerprint kept in it (left in `print`).
   */
  private locate(kind: SlotKind, sessionId: string, voterKey: string, scope: string): number {
    if (sessionId !== this.lastSession) {
      this.h1 = 0x811c9dc5;
      this.h2 = 0x9747b28c;
      this.mix(sessionId);
      this.lastSession = sessionId;
      this.sessionH1 = this.h1;
      this.sessionH2 = this.h2;
    }
    this.h1 = Math.imul(this.sessionH1 ^ KIND_CODE[kind], 0x01000193);
    this.h2 = Math.imul(this.sessionH2 ^ KIND_CODE[kind], 0x5bd1e995);
    this.mix(voterKey);
    this.mix(scope);
    let h1 = this.h1;
    let h2 = this.h2;
    h1 ^= h1 >>> 16;
    h1 = Math.imul(h1, 0x85ebca6b);
    h1 ^= h1 >>> 13;
    h2 ^= h2 >>> 16;
    h2 = Math.imul(h2, 0xc2b2ae35);
    h2 ^= h2 >>> 16;
    this.print = h2 >>> 0 || 1;
    return (h1 & this.setMask) * WAYS;
  }

  private mix(s: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 0x01000193);
      h2 = Math.imul(h2 ^ ch, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    // A separator, so that ("ab", "c") and ("a", "bc") differ.
    this.h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    this.h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
  }
}
