import { randomUUID } from 'node:crypto';
import { MAX_HINTED_SLOT, SlotHints } from './slot-hints';

describe('SlotHints', () => {
  const session = randomUUID();

  it('remembers a slot per kind, session, voter and scope, and updates it', () => {
    const h = new SlotHints(1024);
    expect(h.get('day', session, 'd:a', '2026-11-26')).toBeUndefined();
    h.set('day', session, 'd:a', '2026-11-26', 1);
    expect(h.get('day', session, 'd:a', '2026-11-26')).toBe(1);
    h.set('day', session, 'd:a', '2026-11-26', 2);
    expect(h.get('day', session, 'd:a', '2026-11-26')).toBe(2);
    // Another day, kind, session or voter is another key.
    expect(h.get('day', session, 'd:a', '2026-11-27')).toBeUndefined();
    expect(h.get('session', session, 'd:a')).toBeUndefined();
    expect(h.get('day', randomUUID(), 'd:a', '2026-11-26')).toBeUndefined();
    expect(h.get('day', session, 'd:b', '2026-11-26')).toBeUndefined();
    // The parts are kept apart: ("d:ab", "c") is not ("d:a", "bc").
    h.set('entry', session, 'd:ab', 'c', 4);
    expect(h.get('entry', session, 'd:a', 'bc')).toBeUndefined();
    expect(h.get('entry', session, 'd:ab', 'c')).toBe(4);
    // Slot 0 is a slot like any other.
    h.set('session', session, 'd:z', '', 0);
    expect(h.get('session', session, 'd:z')).toBe(0);
  });

  it('ignores slots it cannot hold', () => {
    const h = new SlotHints(1024);
    for (const slot of [-1, 1.5, MAX_HINTED_SLOT + 1, Number.NaN]) {
      h.set('session', session, 'd:x', '', slot);
      expect(h.get('session', session, 'd:x')).toBeUndefined();
    }
    h.set('session', session, 'd:x', '', MAX_HINTED_SLOT);
    expect(h.get('session', session, 'd:x')).toBe(MAX_HINTED_SLOT);
  });

  it('holds about as many voters as its capacity, in the memory it was given', () => {
    const h = new SlotHints(100_000);
    expect(h.capacity).toBe(131_072);
    const voters = Array.from({ length: 65_536 }, (_, i) => `d:${i.toString(36)}-${i * 7919}`);
    voters.forEach((v, i) => h.set('day', session, v, '2026-11-26', i % 50));
    const kept = voters.filter((v, i) => h.get('day', session, v, '2026-11-26') === i % 50);
    expect(kept.length / voters.length).toBeGreaterThan(0.98);
  });

  it('never answers with another voter’s slot, and keeps recent voters past its capacity', () => {
    const h = new SlotHints(4096);
    const voters = Array.from({ length: 20_000 }, (_, i) => `d:voter-${i}`);
    voters.forEach((v, i) => h.set('day', session, v, '2026-11-26', 1 + (i % 7)));
    let wrong = 0;
    let recent = 0;
    voters.forEach((v, i) => {
      const got = h.get('day', session, v, '2026-11-26');
      if (got !== undefined && got !== 1 + (i % 7)) wrong++;
      if (i >= voters.length - 1024 && got === 1 + (i % 7)) recent++;
    });
    for (let i = 0; i < 20_000; i++) {
      if (h.get('day', session, `d:stranger-${i}`, '2026-11-26') !== undefined) wrong++;
    }
    expect(wrong).toBe(0);
    // No cliff: an overfull table still holds most of the voters seen last.
    expect(recent).toBeGreaterThan(700);
  });
});
