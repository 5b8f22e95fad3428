import {
  DEFAULT_FRAUD_SETTINGS,
  FraudDetector,
  FraudSettings,
  Trip,
  VoteFacts,
} from './fraud-detector';
import { SignalExchange, SignalStream } from './signal-exchange';

/** The stream every instance of a test appends to and reads from (what Redis is in production). */
class Hub {
  readonly parts: Array<{ from: number; part: string }> = [];
  stream(id: number): SignalStream {
    let read = 0;
    return {
      exchange: (part) => {
        if (part !== null) this.parts.push({ from: id, part });
        const mine = this.parts.slice(read).filter((p) => p.from !== id);
        read = this.parts.length;
        return Promise.resolve(mine.map((p) => p.part));
      },
      close: () => Promise.resolve(),
    };
  }
}

/** An instance: its detector, its exchange, and the votes it has swept. */
function instances(n: number, settings: FraudSettings, share = true) {
  const hub = new Hub();
  return Array.from({ length: n }, (_, id) => {
    const detector = new FraudDetector(settings);
    const swept: Trip[] = [];
    const exchange = new SignalExchange(detector, hub.stream(id), (t) => swept.push(t));
    return {
      swept,
      exchange,
      /** Judges a vote as the intake does (and records it for the others). */
      vote(v: VoteFacts, now: number) {
        const { reasons, trips } = detector.judge(v, now);
        swept.push(...trips);
        if (share) exchange.record(v, reasons, now);
        return reasons;
      },
      sync: () => (share ? exchange.settle() : Promise.resolve()),
    };
  });
}

const held = (all: Array<{ swept: Trip[] }>, reason: string) =>
  new Set(all.flatMap((i) => i.swept.filter((t) => t.reason === reason).flatMap((t) => t.voteIds)));

const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);

describe('SignalExchange', () => {
  const settings = { ...DEFAULT_FRAUD_SETTINGS, votersPerIp: 10, minHumanMs: 0 };

  async function crowdSplit(share: boolean) {
    const [a, b] = instances(2, settings, share);
    const atIntake = new Set<string>();
    for (let i = 0; i < 16; i++) {
      const v = { sessionId: 's', voteId: `v${i}`, voterKey: `d:${i}`, ip: '203.0.113.9' };
      if ((i % 2 ? b : a).vote(v, T0 + i).includes('ip_crowd')) atIntake.add(v.voteId);
      if (i % 4 === 3) await Promise.all([a.sync(), b.sync()]);
    }
    await Promise.all([a.sync(), b.sync()]);
    await Promise.all([a.sync(), b.sync()]);
    return new Set([...atIntake, ...held([a, b], 'ip_crowd')]);
  }

  it('holds every vote of a crowd split between two instances, as one instance would', async () => {
    const all = Array.from({ length: 16 }, (_, i) => `v${i}`);
    expect([...(await crowdSplit(true))].sort()).toEqual(all.sort());
    // Each instance alone sees 8 voters behind the address, under its limit of 10.
    expect((await crowdSplit(false)).size).toBe(0);
  });

  it('sees a burst spread over three instances', async () => {
    const burst = { ...settings, burstFactor: 20, burstMinPerSecond: 200 };
    for (const share of [true, false]) {
      const all = instances(3, burst, share);
      let n = 0;
      // Two minutes at one vote a second, then 300 a second (100 on each instance).
      for (let sec = 0; sec < 120; sec++) {
        all[sec % 3].vote({ sessionId: 's', voterKey: `d:calm${sec}` }, T0 + sec * 1000);
        await Promise.all(all.map((i) => i.sync()));
      }
      let bursts = 0;
      for (let sec = 120; sec < 126; sec++) {
        for (let k = 0; k < 300; k++) {
          const at = T0 + sec * 1000 + k;
          const v = { sessionId: 's', voterKey: `d:b${n++}` };
          if (all[k % 3].vote(v, at).includes('burst')) bursts++;
        }
        await Promise.all(all.map((i) => i.sync()));
      }
      if (share) expect(bursts).toBeGreaterThan(600);
      else expect(bursts).toBe(0);
    }
  });

  it('joins a run of phone numbers whose voters went to different instances', async () => {
    const run = { ...settings, phoneRunLength: 5, phoneRunGap: 1 };
    for (const share of [true, false]) {
      const [a, b] = instances(2, run, share);
      const atIntake = new Set<string>();
      for (let i = 1; i <= 6; i++) {
        const phone = `+8491200000${i}`;
        const v = { sessionId: 's', voteId: `p${i}`, voterKey: `p:${phone}`, phone };
        if ((i % 2 ? a : b).vote(v, T0).includes('phone_run')) atIntake.add(v.voteId);
        await Promise.all([a.sync(), b.sync()]);
      }
      const swept = [a, b].flatMap((i) => i.swept.filter((t) => t.reason === 'phone_run'));
      const voters = new Set(swept.flatMap((t) => t.voterKeys));
      const votes = new Set([...atIntake, ...swept.flatMap((t) => t.voteIds)]);
      // Every number of the run is held, by its voter or its vote; apart, each instance sees
      // numbers two apart, and no run.
      const heldRun = [1, 2, 3, 4, 5, 6].filter(
        (i) => voters.has(`p:+8491200000${i}`) || votes.has(`p${i}`),
      );
      expect(heldRun).toEqual(share ? [1, 2, 3, 4, 5, 6] : []);
    }
  });

  it('sends nothing for votes no address, fingerprint or phone speaks of, but their count', async () => {
    const hub = new Hub();
    const exchange = new SignalExchange(
      new FraudDetector(settings),
      hub.stream(0),
      () => undefined,
    );
    for (let i = 0; i < 1000; i++)
      exchange.record(
        { sessionId: 's', voteId: `v${i}`, voterKey: `d:${i}`, ip: '127.0.0.1' },
        [],
        T0,
      );
    await exchange.settle();
    expect(hub.parts.map((p) => JSON.parse(p.part) as unknown)).toEqual([
      { r: [['s', T0 / 1000, 1000]] },
    ]);
  });
});
