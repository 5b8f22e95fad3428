import type { Trip } from './fraud-detector';
import { RetroactiveSweeper, SweepJob, SweepOutcome } from './retroactive-quarantine';

const trip = (sessionId: string, voteIds: string[], voterKeys: string[] = []): Trip => ({
  sessionId,
  reason: 'ip_crowd',
  key: 'ip:203.0.113.1',
  voteIds,
  voterKeys,
});

describe('RetroactiveSweeper', () => {
  it('runs a session’s sweeps one at a time, after a commit, and again for votes not stored yet', async () => {
    const stored = new Set(['a', 'b']);
    const calls: string[][] = [];
    let running = 0;
    let overlapped = false;
    const sweeper = new RetroactiveSweeper(
      async (job: SweepJob): Promise<SweepOutcome> => {
        if (running++) overlapped = true;
        calls.push([...job.voteIds]);
        await new Promise((r) => setImmediate(r));
        running--;
        return { quarantined: 0, missing: job.voteIds.filter((id) => !stored.has(id)) };
      },
      () => undefined,
      [60_000, 60_000, 60_000],
    );
    sweeper.enqueue(trip('s1', ['a', 'b', 'c']));
    sweeper.enqueue(trip('s1', ['d']));
    sweeper.committed(new Set(['other']));
    expect(calls).toEqual([]);
    sweeper.committed(new Set(['s1']));
    sweeper.committed(new Set(['s1']));
    await sweeper.drain();
    expect(overlapped).toBe(false);
    // first runs, then drain's reruns of what was missing (c and d were never stored)
    expect(calls.slice(0, 2)).toEqual([['a', 'b', 'c'], ['d']]);
    expect(calls.slice(2)).toContainEqual(['c']);
    // given up after the last delay: nothing waits any more
    expect(sweeper.pending).toBe(0);
    await sweeper.stop();
    sweeper.enqueue(trip('s1', ['e']));
    expect(sweeper.pending).toBe(0);
  });

  it('keeps a failed sweep for the next delay', async () => {
    let fail = true;
    const done: string[] = [];
    const errors: unknown[] = [];
    const sweeper = new RetroactiveSweeper(
      (job) => {
        if (fail) {
          fail = false;
          return Promise.reject(new Error('deadlock'));
        }
        done.push(...job.voteIds);
        return Promise.resolve({ quarantined: job.voteIds.length, missing: [] });
      },
      (_job, err) => errors.push(err),
      [60_000, 60_000],
    );
    sweeper.enqueue(trip('s1', ['a']));
    await sweeper.drain();
    expect(errors).toHaveLength(1);
    expect(done).toEqual(['a']);
    expect(sweeper.pending).toBe(0);
    await sweeper.stop();
  });
});
