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

/** Distinct members seen behind one key; stops growing once over the limit (it is crowded). */
class Crowd {
  readonly members = new Set<string>();
  over = false;
  seenAt = 0;
}

const MAX_KEYS = 200_000;
const MAX_PHONES = 500_000;
const RECENT_SECONDS = 5;
const USUAL_SECONDS = 120;
const USUAL_HISTORY_SECONDS = 60;

class SessionSignals {
  readonly crowds = new Map<string, Crowd>();
  readonly phones: number[] = [];
  /** Votes per second, in a ring of USUAL_SECONDS buckets. */
  readonly buckets = new Array<number>(USUAL_SECONDS).fill(0);
  bucketSecond = 0;
  firstSecond = 0;
  seenAt = 0;
}

/**
 * Fraud signals kept in memory per session (per instance: each instance judges the traffic it
 * receives, which a load balancer spreads evenly). Memory is bounded: a crowd stops recording
 * members once it is over its limit, idle keys are dropped after the window, and the number of
 * keys and phones per session is capped.
 */
export class FraudDetector {
  private readonly sessions = new Map<string, SessionSignals>();

  constructor(private readonly s: FraudSettings = DEFAULT_FRAUD_SETTINGS) {}

  /** Reasons to quarantine this vote (empty: count it). Records the vote's facts. */
  assess(v: VoteFacts, now = Date.now()): FraudReason[] {
    const session = this.session(v.sessionId, now);
    const reasons: FraudReason[] = [];
    if (v.ip && isPublicIp(v.ip)) {
      const ip = normalizeIp(v.ip);
      if (this.crowd(session, `i:${ip}`, v.voterKey, this.s.votersPerIp, now))
        reasons.push('ip_crowd');
      if (this.crowd(session, `s:${subnetOf(ip)}`, v.voterKey, this.s.votersPerSubnet, now))
        reasons.push('subnet_crowd');
    }
    if (v.fingerprint && v.deviceId) {
      const key = `f:${v.fingerprint}`;
      if (this.crowd(session, key, v.deviceId, this.s.devicesPerFingerprint, now))
        reasons.push('fingerprint_crowd');
    }
    if (tooFast(v.elapsedMs, this.s.minHumanMs)) reasons.push('too_fast');
    if (this.burst(session, now)) reasons.push('burst');
    if (v.phone && this.phoneRun(session, v.phone)) reasons.push('phone_run');
    return reasons;
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
    s.seenAt = now;
    return s;
  }

  private crowd(s: SessionSignals, key: string, member: string, max: number, now: number) {
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
    c.members.add(member);
    if (crowded(c.members.size, max)) {
      c.over = true;
      c.members.clear();
      return true;
    }
    return false;
  }

  private evict(s: SessionSignals, now: number): void {
    for (const [k, c] of s.crowds) {
      if (now - c.seenAt > this.s.windowSeconds * 1000 || s.crowds.size >= MAX_KEYS)
        s.crowds.delete(k);
      if (s.crowds.size < MAX_KEYS * 0.9) break;
    }
  }

  private burst(s: SessionSignals, now: number): boolean {
    const second = Math.floor(now / 1000);
    if (second > s.bucketSecond) {
      const steps = Math.min(second - s.bucketSecond, USUAL_SECONDS);
      for (let i = 1; i <= steps; i++) s.buckets[(s.bucketSecond + i) % USUAL_SECONDS] = 0;
      s.bucketSecond = second;
    }
    s.buckets[second % USUAL_SECONDS]++;
    let recent = 0;
    let usual = 0;
    for (let i = 0; i < USUAL_SECONDS; i++) {
      const n = s.buckets[(second - i + USUAL_SECONDS * 2) % USUAL_SECONDS];
      if (i < RECENT_SECONDS) recent += n;
      else usual += n;
    }
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

  private phoneRun(s: SessionSignals, phone: string): boolean {
    const n = phoneNumberValue(phone);
    if (n === null) return false;
    const at = lowerBound(s.phones, n);
    if (s.phones[at] !== n) {
      if (s.phones.length >= MAX_PHONES) return false;
      s.phones.splice(at, 0, n);
    }
    return phoneRunLength(s.phones, n, this.s.phoneRunGap) >= this.s.phoneRunLength;
  }

  private sweep(now: number): void {
    for (const [id, s] of this.sessions)
      if (now - s.seenAt > this.s.windowSeconds * 1000) this.sessions.delete(id);
  }
}
