import { VoterIdentityKind } from './entities/voting-session.entity';
import { dayLimitMayBind, keysAfterChange, limitedBits, slotBits } from './day-limit';

const policy = (perEntry: number | null, perSession: number | null, perDay: number | null) => ({
  perEntry,
  perSession,
  perDay,
  identities: [VoterIdentityKind.Device],
});

describe('dayLimitMayBind', () => {
  it('is false without a day limit', () => {
    expect(dayLimitMayBind(policy(1, null, null), 10)).toBe(false);
  });

  it('is false when a voter cannot cast more in the session than a day allows', () => {
    expect(dayLimitMayBind(policy(1, null, 10), 10)).toBe(false);
    expect(dayLimitMayBind(policy(2, null, 50), 10)).toBe(false);
    expect(dayLimitMayBind(policy(null, 3, 3), 10)).toBe(false);
    expect(dayLimitMayBind(policy(5, 3, 4), 10)).toBe(false);
  });

  it('is true when the session allows more than a day', () => {
    expect(dayLimitMayBind(policy(1, null, 10), 11)).toBe(true);
    expect(dayLimitMayBind(policy(null, null, 50), 1)).toBe(true);
    expect(dayLimitMayBind(policy(null, 4, 3), 10)).toBe(true);
    expect(dayLimitMayBind(policy(1, 20, 10), 12)).toBe(true);
  });
});

describe('keysAfterChange', () => {
  const unkeyed = { policy: policy(1, null, 10), dayKeys: false };

  it('changes nothing when neither the limits nor the reach of the day limit change', () => {
    expect(keysAfterChange(unkeyed, policy(1, null, 10), 10)).toEqual({
      dayKeys: false,
      backfill: null,
    });
    expect(keysAfterChange({ ...unkeyed, dayKeys: true }, policy(1, null, 10), 11)).toEqual({
      dayKeys: true,
      backfill: null,
    });
  });

  it('keys the day, and fills day slots only, when new entries let the day limit bind', () => {
    expect(keysAfterChange(unkeyed, policy(1, null, 10), 11)).toEqual({
      dayKeys: true,
      backfill: { entry: false, session: false, day: true },
    });
  });

  it('keys the day for good when the limits change, and fills the kinds newly limited', () => {
    // Even to limits the day could not bind under: votes cast before may exceed them. The
    // entry was limited before: every vote holds an entry slot already.
    expect(keysAfterChange(unkeyed, policy(1, 5, 5), 10)).toEqual({
      dayKeys: true,
      backfill: { entry: false, session: true, day: true },
    });
    expect(keysAfterChange({ ...unkeyed, dayKeys: true }, policy(2, null, null), 10)).toEqual({
      dayKeys: true,
      backfill: null,
    });
    const open = { policy: policy(null, null, null), dayKeys: true };
    expect(keysAfterChange(open, policy(2, 4, 3), 3)).toEqual({
      dayKeys: true,
      backfill: { entry: true, session: true, day: true },
    });
    // A day limit over votes that took day slots under a former one: nothing to fill.
    expect(
      keysAfterChange({ policy: policy(null, null, 5), dayKeys: true }, policy(null, null, 3), 3),
    ).toEqual({ dayKeys: true, backfill: null });
  });

  it('names the kinds as bits, and the kinds a policy limits', () => {
    expect(slotBits({ entry: true, session: false, day: true })).toBe(5);
    expect(limitedBits(policy(1, null, 3), false)).toBe(1);
    expect(limitedBits(policy(1, 2, 3), true)).toBe(7);
  });
});
