import { VoterIdentityKind } from './entities/voting-session.entity';
import { dayLimitMayBind } from './day-limit';

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
