import type { AppConfig } from '../config/config';
import {
  crowded,
  FraudReason,
  isBurst,
  isPublicIp,
  lowerBound,
  normalizeIp,
  phoneNumberValue,
  phoneRunLength,
  subnetOf,
  tooFast,
} from './signals';

export type FraudSettings = AppConfig['integrity'];

export const DEFAULT_FRAUD_SETTINGS: FraudSettings = {
  windowSeconds: 3600,
  votersPerIp: 50,
  votersPerSubnet: 150,
  devicesPerFingerprint: 20,
  minHumanMs: 700,
  burstFactor: 20,
  burstMinPerSecond: 200,
  phoneRunLength: 5,
  phoneRunGap: 2,
};

/** What is known about a vote when it arrives. */
export interface VoteFacts {
  sessionId: string;
  /** The client's vote id: remembered per key so that a key that trips later can take it back. */
  voteId?: string | null;
  voterKey: string;
  ip?: string | null;
  /** A hash of the browser's traits, sent by the page. */
  fingerprint?: string | null;
  deviceId?: string | null;
  /** E.164 phone when the voter is a verified phone. */
  phone?: string | null;
  /** Milliseconds from the page (or the socket, or the device token) appearing to the vote. */
  elapsedMs?: number | null;
}

/**
 * A key that just crossed its threshold: the votes assessed under it before (counted, since the
 * key was not crowded yet) are to be taken out of the tally too. `voteIds` are those votes;
 * `voterKeys` (when some ids were not kept, or for a run of phone numbers) are voters all of
 * whose votes in the session are to be held.
 */
export interface Trip {
  sessionId: string;
  reason: FraudReason;
  /** The key, e.g. `ip:203.0.113.50`, `subnet:203.0.113.0/24`, `fingerprint:…`, `phones:…`. */
  key: string;
  voteIds: string[];
  voterKeys: string[];
}

export interface Judgement {
  reasons: FraudReason[];
  /** Keys this vote made trip (usually none). */
  trips: Trip[];
}

/** Vote ids kept per key until it trips; beyond this the key's voters are used instead. */
export const CROWD_VOTES_MAX = 4096;

/** Distinct members seen behind one key; stops growing once over the limit (it is crowded). */
class Crowd {
  /**
   * Distinct members, each with the ids of its votes seen under the key while it was not
   * crowded (one id as is, several in an array, none as null), up to CROWD_VOTES_MAX ids.
   */
  readonly members = new Map<string, string | string[] | null>();
  ids = 0;
  overflow = false;
  over = false;
  seenAt = 0;
}

const KEY_NAMES: Record<string, string> = { i: 'ip', s: 'subnet', f: 'fingerprint' };

const MAX_KEYS = 200_000;
/** Client addresses whose keys are remembered (a socket sends many votes from one address). */
const MAX_ADDRESSES = 50_000;
const MAX_PHONES = 500_000;
const RECENT_SECONDS = 5;
const USUAL_SECONDS = 120;
const USUAL_HISTORY_SECONDS = 60;

/** An address's crowd keys, or null for an address that says nothing (not public). */
type AddressKeys = { ip: string; subnet: string } | null;

const NO_REASONS: FraudReason[] = Object.freeze([]) as unknown as FraudReason[];
const NO_TRIPS: Trip[] = Object.freeze([]) as unknown as Trip[];

class SessionSignals {
  readonly crowds = new Map<string, Crowd>();
  readonly phones: number[] = [];
  /** Votes per second, in a ring of USUAL_SECONDS buckets. */
  readonly buckets = new Array<number>(USUAL_SECONDS).fill(0);
  bucketSecond = 0;
  firstSecond = 0;
  /** The second `recent` and `usual` were summed for (NaN: not yet). */
  sumSecond = NaN;
  recent = 0;
  usual = 0;
  seenAt = 0;
}

/**
 * Fraud signals kept in memory per session. Each instance judges the votes it receives at once;
 * with REDIS_URL set it also learns the votes the other instances received (observe,
 * countRemote: see SignalExchange), so a crowd or a burst split across instances is counted as
 * one. Memory is bounded: a crowd stops recording members once it is over its limit, idle keys
 * are dropped after the window, and the number of keys and phones per session is capped.
 */
export class FraudDetector {
  private readonly sessions = new Map<string, SessionSignals>();
  private readonly addresses = new Map<string, AddressKeys>();

  constructor(private readonly s: FraudSettings = DEFAULT_FRAUD_SETTINGS) {}

  /** Reasons to quarantine this vote (empty: count it). Records the vote's facts. */
  assess(v: VoteFacts, now = Date.now()): FraudReason[] {
    return this.judge(v, now).reasons;
  }

  /**
   * Reasons to quarantine this vote, and the keys it made trip: the votes seen under such a key
   * before it tripped were counted and are to be held too (retroactive quarantine).
   */
  judge(v: VoteFacts, now = Date.now()): Judgement {
    const session = this.session(v.sessionId, now);
    // Most votes have no reason and trip nothing: the arrays are made for those that do.
    let reasons = NO_REASONS;
    const trips: Trip[] = [];
    const id = v.voteId ?? null;
    const address = v.ip ? this.address(v.ip) : null;
    if (address) {
      const { ip, subnet } = address;
      if (this.crowd(session, ip, v.voterKey, id, this.s.votersPerIp, now, trips, 'ip_crowd'))
        reasons = ['ip_crowd'];
      const max = this.s.votersPerSubnet;
      if (this.crowd(session, subnet, v.voterKey, id, max, now, trips, 'subnet_crowd'))
        reasons = add(reasons, 'subnet_crowd');
    }
    if (v.fingerprint && v.deviceId) {
      const key = `f:${v.fingerprint}`;
      const max = this.s.devicesPerFingerprint;
      if (this.crowd(session, key, v.deviceId, id, max, now, trips, 'fingerprint_crowd'))
        reasons = add(reasons, 'fingerprint_crowd');
    }
    if (tooFast(v.elapsedMs, this.s.minHumanMs)) reasons = add(reasons, 'too_fast');
    if (this.burst(session, now)) reasons = add(reasons, 'burst');
    if (v.phone && this.phoneRun(session, v.phone, trips)) reasons = add(reasons, 'phone_run');
    if (!trips.length) return { reasons, trips: NO_TRIPS };
    for (const t of trips) t.sessionId = v.sessionId;
    return { reasons, trips };
  }

  /**
   * Records a vote another instance received at `at` (its crowds and phone run; its rate comes
   * apart, countRemote). Answers the votes to take out of the tally: those seen under a key it
   * made trip here, and the vote itself when a crowd or run it belongs to is over its limit but
   * `flagged` (the reasons the vote was held for where it was received) does not say so (that
   * instance had not learnt of the rest yet).
   */
  observe(v: VoteFacts, at: number, flagged: readonly FraudReason[]): Trip[] {
    const session = this.session(v.sessionId, at);
    const trips: Trip[] = [];
    const id = v.voteId ?? null;
    const late = (reason: FraudReason, key: string, over: boolean) => {
      if (over && id && !flagged.includes(reason))
        trips.push({ sessionId: '', reason, key, voteIds: [id], voterKeys: [] });
    };
    const address = v.ip ? this.address(v.ip) : null;
    if (address) {
      const { ip, subnet } = address;
      const ipOver = this.crowd(
        session,
        ip,
        v.voterKey,
        id,
        this.s.votersPerIp,
        at,
        trips,
        'ip_crowd',
      );
      late('ip_crowd', `ip:${ip.slice(2)}`, ipOver);
      const max = this.s.votersPerSubnet;
      const subnetOver = this.crowd(
        session,
        subnet,
        v.voterKey,
        id,
        max,
        at,
        trips,
        'subnet_crowd',
      );
      late('subnet_crowd', `subnet:${subnet.slice(2)}`, subnetOver);
    }
    if (v.fingerprint && v.deviceId) {
      const key = `f:${v.fingerprint}`;
      const max = this.s.devicesPerFingerprint;
      const over = this.crowd(session, key, v.deviceId, id, max, at, trips, 'fingerprint_crowd');
      late('fingerprint_crowd', `fingerprint:${v.fingerprint}`, over);
    }
    if (v.phone) late('phone_run', `phone:${v.phone}`, this.phoneRun(session, v.phone, trips));
    for (const t of trips) t.sessionId = v.sessionId;
    return trips;
  }

  /** Adds `n` votes another instance received in `second` (epoch seconds) to the session's rate. */
  countRemote(sessionId: string, second: number, n: number): void {
    const s = this.session(sessionId, second * 1000);
    if (second < s.firstSecond) s.firstSecond = second;
    this.advance(s, second);
    if (s.bucketSecond - second >= USUAL_SECONDS) return;
    s.buckets[second % USUAL_SECONDS] += n;
    // The sums kept for the current second take it in too.
    if (!Number.isNaN(s.sumSecond) && second <= s.sumSecond) {
      const ago = s.sumSecond - second;
      if (ago < RECENT_SECONDS) s.recent += n;
      else if (ago < USUAL_SECONDS) s.usual += n;
    }
  }

  /** Whether a client address says anything about its voter (a public one). */
  judgesAddress(ip: string): boolean {
    return this.address(ip) !== null;
  }

  /** The crowd keys of a client address (`i:<ip>`, `s:<subnet>`), or null when not public. */
  private address(raw: string): AddressKeys {
    let keys = this.addresses.get(raw);
    if (keys === undefined) {
      if (isPublicIp(raw)) {
        const ip = normalizeIp(raw);
        keys = { ip: `i:${ip}`, subnet: `s:${subnetOf(ip)}` };
      } else keys = null;
      if (this.addresses.size >= MAX_ADDRESSES) this.addresses.clear();
      this.addresses.set(raw, keys);
    }
    return keys;
  }

  /** Forget a session (closed, or for tests). */
  forget(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  private session(id: string, now: number): SessionSignals {
    let s = this.sessions.get(id);
    if (!s) {
      s = new SessionSignals();
      s.firstSecond = Math.floor(now / 1000);
      s.bucketSecond = s.firstSecond;
      s.seenAt = now;
      this.sweep(now);
      this.sessions.set(id, s);
    }
    // Another instance's votes come a little late: the last time seen stays the latest.
    if (now > s.seenAt) s.seenAt = now;
    return s;
  }

  private crowd(
    s: SessionSignals,
    key: string,
    member: string,
    voteId: string | null,
    max: number,
    now: number,
    trips: Trip[],
    reason: FraudReason,
  ): boolean {
    let c = s.crowds.get(key);
    if (c && now - c.seenAt > this.s.windowSeconds * 1000) {
      s.crowds.delete(key);
      c = undefined;
    }
    if (!c) {
      if (s.crowds.size >= MAX_KEYS) this.evict(s, now);
      c = new Crowd();
      s.crowds.set(key, c);
    }
    c.seenAt = now;
    if (c.over) return true;
    const known = c.members.get(member);
    if (known === undefined && crowded(c.members.size + 1, max)) {
      c.over = true;
      const kind = key.slice(0, 1);
      const voteIds: string[] = [];
      for (const ids of c.members.values())
        if (typeof ids === 'string') voteIds.push(ids);
        else if (ids) voteIds.push(...ids);
      const voterKeys = !c.overflow
        ? []
        : kind === 'f'
          ? [...c.members.keys()].map((m) => `d:${m}`)
          : [...c.members.keys()];
      if (voteIds.length || voterKeys.length)
        trips.push({
          sessionId: '',
          reason,
          key: `${KEY_NAMES[kind]}:${key.slice(2)}`,
          voteIds,
          voterKeys,
        });
      c.members.clear();
      return true;
    }
    if (!voteId || c.ids >= CROWD_VOTES_MAX) {
      if (voteId) c.overflow = true;
      if (known === undefined) c.members.set(member, null);
      return false;
    }
    c.ids++;
    if (!known) c.members.set(member, voteId);
    else if (typeof known === 'string') c.members.set(member, [known, voteId]);
    else known.push(voteId);
    return false;
  }

  /**
   * Makes room for new keys: the idle ones go, then the oldest (in the order they were made)
   * until a tenth of the room is free, so that the next evictions are as many keys away (a scan
   * per new key would make every vote from a new address cost the whole map).
   */
  private evict(s: SessionSignals, now: number): void {
    const idle = this.s.windowSeconds * 1000;
    for (const [k, c] of s.crowds) if (now - c.seenAt > idle) s.crowds.delete(k);
    for (const k of s.crowds.keys()) {
      if (s.crowds.size < MAX_KEYS * 0.9) break;
      s.crowds.delete(k);
    }
  }

  /** Moves the ring of per-second counts on to `second` (the seconds skipped counted none). */
  private advance(s: SessionSignals, second: number): void {
    if (second > s.bucketSecond) {
      const steps = Math.min(second - s.bucketSecond, USUAL_SECONDS);
      for (let i = 1; i <= steps; i++) s.buckets[(s.bucketSecond + i) % USUAL_SECONDS] = 0;
      s.bucketSecond = second;
    }
  }

  private burst(s: SessionSignals, now: number): boolean {
    const second = Math.floor(now / 1000);
    this.advance(s, second);
    // The sums of the recent and the usual seconds change by one per vote within a second:
    // they are added up again only when the second changes.
    if (second !== s.sumSecond) {
      s.sumSecond = second;
      s.recent = 0;
      s.usual = 0;
      for (let i = 0; i < USUAL_SECONDS; i++) {
        const n = s.buckets[(second - i + USUAL_SECONDS * 2) % USUAL_SECONDS];
        if (i < RECENT_SECONDS) s.recent += n;
        else s.usual += n;
      }
    }
    s.buckets[second % USUAL_SECONDS]++;
    s.recent++;
    const { recent, usual } = s;
    // No usual rate before a minute of history: a session's opening rush is not a burst.
    const history = second - s.firstSecond;
    if (history < USUAL_HISTORY_SECONDS) return false;
    const usualSpan = Math.min(USUAL_SECONDS, history + 1) - RECENT_SECONDS;
    return isBurst(
      recent / RECENT_SECONDS,
      usual / usualSpan,
      this.s.burstFactor,
      this.s.burstMinPerSecond,
    );
  }

  private phoneRun(s: SessionSignals, phone: string, trips: Trip[]): boolean {
    const n = phoneNumberValue(phone);
    if (n === null) return false;
    const at = lowerBound(s.phones, n);
    const added = s.phones[at] !== n;
    if (added) {
      if (s.phones.length >= MAX_PHONES) return false;
      s.phones.splice(at, 0, n);
    }
    const min = this.s.phoneRunLength;
    const gap = this.s.phoneRunGap;
    const length = phoneRunLength(s.phones, n, gap);
    if (length < min) return false;
    if (added) {
      // The numbers on either side of n were one run or two before it came; a run that was
      // short of the threshold had its votes counted, and they are held now.
      const p = s.phones;
      let lo = at;
      while (lo > 0 && p[lo] - p[lo - 1] <= gap) lo--;
      let hi = at;
      while (hi < p.length - 1 && p[hi + 1] - p[hi] <= gap) hi++;
      const before = p.slice(lo, at);
      const after = p.slice(at + 1, hi + 1);
      const joined = before.length > 0 && after.length > 0 && p[at + 1] - p[at - 1] <= gap;
      const voters: number[] = [];
      if (joined) {
        if (before.length + after.length < min) voters.push(...before, ...after);
      } else {
        if (before.length < min) voters.push(...before);
        if (after.length < min) voters.push(...after);
      }
      if (voters.length)
        trips.push({
          sessionId: '',
          reason: 'phone_run',
          key: `phones:+84${p[lo]}…+84${p[hi]}`,
          voteIds: [],
          voterKeys: voters.map((v) => `p:+84${v}`),
        });
    }
    return true;
  }

  private sweep(now: number): void {
    for (const [id, s] of this.sessions)
      if (now - s.seenAt > this.s.windowSeconds * 1000) this.sessions.delete(id);
  }
}

/** `reasons` with one more (a new array: the shared empty one is never written). */
function add(reasons: FraudReason[], reason: FraudReason): FraudReason[] {
  return reasons.length ? [...reasons, reason] : [reason];
}
