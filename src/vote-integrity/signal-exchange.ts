import { Logger } from '@nestjs/common';
import type { FraudDetector, Trip, VoteFacts } from './fraud-detector';
import { FRAUD_REASONS, FraudReason } from './signals';

/**
 * Carries what each instance saw to the others (with REDIS_URL set: RedisSignalStream):
 * `exchange` publishes this instance's part, when it has one, and answers the parts the other
 * instances published since the last call, in one round trip.
 */
export interface SignalStream {
  exchange(part: string | null): Promise<string[]>;
  close(): Promise<void>;
}

/** A vote another instance may need: [session, vote id, voter key, address, fingerprint, ms, reasons]. */
type VoteRecord = [string, string, string, string | null, string | null, number, number];
/** Votes of a session in one second: [session, epoch second, count]. */
type RateRecord = [string, number, number];

interface Part {
  r?: RateRecord[];
  v?: VoteRecord[];
}

/** Votes kept for the next exchange at most (past it the oldest half gives way). */
const OUTBOX_MAX = 100_000;
const REASON_BITS = new Map<FraudReason, number>(FRAUD_REASONS.map((r, i) => [r, 1 << i]));

const mask = (reasons: readonly FraudReason[]) => {
  let m = 0;
  for (const r of reasons) m |= REASON_BITS.get(r) ?? 0;
  return m;
};
const reasonsOf = (m: number) => FRAUD_REASONS.filter((r) => m & REASON_BITS.get(r)!);

/**
 * Shares the fraud signals' counts between instances: what each instance's detector saw is sent
 * to the others, whose detectors count it as their own, so a crowd (an address, a network, a
 * browser fingerprint), a run of phone numbers or a burst split across instances behind a load
 * balancer is judged as one instance receiving it all would judge it, and swept too: a key that
 * trips on the instance that learns of its last member is swept there, with the votes of every
 * instance seen under it, and a vote one instance counted because it had not yet learnt of the
 * others is taken back by the one that had.
 *
 * On the intake path only a record is kept per vote that an address, a fingerprint or a phone
 * can say something about (an array of seven), and a count per session and second for the
 * others. The records go out, and the others' come in, in one round trip per batch of votes
 * written (after it commits) and every `pullMs` while this instance is taking votes, one at a
 * time. Without the stream (Redis down, or not answering within 2 s) each instance judges
 * alone, as without REDIS_URL: the part of an exchange that fails is dropped.
 */
export class SignalExchange {
  private readonly log = new Logger('VoteSignals');
  private votes: VoteRecord[] = [];
  private rates: RateRecord[] = [];
  /** The rate record of the last vote's session and second (most votes add one to it). */
  private rate: RateRecord | null = null;
  private running = false;
  private again = false;
  private active = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private lastError = 0;
  private flight?: Promise<void>;

  constructor(
    private readonly detector: FraudDetector,
    private readonly stream: SignalStream,
    private readonly sweep: (trip: Trip) => void,
    private readonly pullMs = 100,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.active) this.kick();
    }, this.pullMs);
    this.timer.unref();
  }

  /** No exchange after this one (the batches still draining at shutdown keep theirs). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.flight;
    await this.stream.close();
  }

  /** Keeps what the other instances need to know of a vote this one judged (no I/O). */
  record(v: VoteFacts, reasons: readonly FraudReason[], now: number): void {
    this.active = true;
    const second = Math.floor(now / 1000);
    const rate = this.rate;
    if (rate && rate[1] === second && rate[0] === v.sessionId) rate[2]++;
    else {
      this.rate = [v.sessionId, second, 1];
      this.rates.push(this.rate);
    }
    if (!v.voteId) return;
    const ip = v.ip && this.detector.judgesAddress(v.ip) ? v.ip : null;
    if (!(ip || (v.fingerprint && v.deviceId) || v.phone)) return;
    if (this.votes.length >= OUTBOX_MAX) this.votes.splice(0, this.votes.length >> 1);
    this.votes.push([
      v.sessionId,
      v.voteId,
      v.voterKey,
      ip,
      v.fingerprint ?? null,
      now,
      reasons.length ? mask(reasons) : 0,
    ]);
  }

  /** One exchange now, or right after the one in flight. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.flight = this.run().finally(() => {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Waits for the exchange in flight, then runs one more (tests). */
  async settle(): Promise<void> {
    await this.flight;
    this.kick();
    await this.flight;
  }

  private async run(): Promise<void> {
    const part: Part = {};
    if (this.rates.length) part.r = this.rates;
    if (this.votes.length) part.v = this.votes;
    this.rates = [];
    this.votes = [];
    this.rate = null;
    let received: string[];
    let timer: NodeJS.Timeout | undefined;
    try {
      // A Redis that stops answering must not hold the next exchanges (nor a shutdown) back.
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer in 2 s')), 2000);
      });
      received = await Promise.race([
        this.stream.exchange(part.r || part.v ? JSON.stringify(part) : null),
        late,
      ]);
    } catch (err) {
      const now = Date.now();
      if (now - this.lastError > 10_000) {
        this.lastError = now;
        this.log.warn(`fraud signals not shared: ${(err as Error).message}`);
      }
      return;
    } finally {
      clearTimeout(timer);
    }
    for (const text of received) this.apply(text);
  }

  /** Counts another instance's part here; sweeps what it makes trip. */
  private apply(text: string): void {
    let part: Part;
    try {
      part = JSON.parse(text) as Part;
    } catch {
      return;
    }
    for (const [sessionId, second, n] of part.r ?? [])
      this.detector.countRemote(sessionId, second, n);
    /** Late votes to take back, one sweep per session, reason and key. */
    const late = new Map<string, Trip>();
    for (const [sessionId, voteId, voterKey, ip, fingerprint, at, flagged] of part.v ?? []) {
      const facts: VoteFacts = {
        sessionId,
        voteId,
        voterKey,
        ip,
        fingerprint,
        deviceId: voterKey.startsWith('d:') ? voterKey.slice(2) : null,
        phone: voterKey.startsWith('p:') ? voterKey.slice(2) : null,
      };
      for (const trip of this.detector.observe(facts, at, reasonsOf(flagged))) {
        if (trip.voterKeys.length || trip.voteIds.length !== 1) {
          this.sweep(trip);
          continue;
        }
        const key = `${trip.sessionId}|${trip.reason}|${trip.key}`;
        const same = late.get(key);
        if (same) same.voteIds.push(trip.voteIds[0]);
        else late.set(key, trip);
      }
    }
    for (const trip of late.values()) this.sweep(trip);
  }
}
