import { RoundStatus } from '../contests/entities/round.entity';
import { judgingWindowRefusal } from './round-window';

describe('the judging window of a round', () => {
  const day = 86_400_000;
  const opensAt = new Date('2026-03-01T01:00:00Z');
  const closesAt = new Date('2026-03-31T10:00:00Z');
  const round = (over: Partial<Parameters<typeof judgingWindowRefusal>[0]> = {}) => ({
    status: RoundStatus.Open,
    resultsFixedAt: null,
    opensAt,
    closesAt,
    graceSeconds: 0,
    ...over,
  });
  const at = (ms: number) => new Date(ms);

  it('allows judging only while open and from opening to closing, grace included', () => {
    expect(judgingWindowRefusal(round(), at(opensAt.getTime()))).toBeNull();
    expect(judgingWindowRefusal(round(), at(closesAt.getTime()))).toBeNull();
    expect(judgingWindowRefusal(round(), at(opensAt.getTime() - 1))).toBe('early');
    expect(judgingWindowRefusal(round(), at(opensAt.getTime() - 20 * day))).toBe('early');
    expect(judgingWindowRefusal(round(), at(closesAt.getTime() + 1))).toBe('late');
    const grace = round({ graceSeconds: 3600 });
    expect(judgingWindowRefusal(grace, at(closesAt.getTime() + 3600_000))).toBeNull();
    expect(judgingWindowRefusal(grace, at(closesAt.getTime() + 3600_001))).toBe('late');
  });

  it('refuses a round not opened yet, or closed, or with fixed results, whatever the time', () => {
    const inside = at(opensAt.getTime() + day);
    expect(judgingWindowRefusal(round({ status: RoundStatus.Pending }), inside)).toBe('pending');
    expect(judgingWindowRefusal(round({ status: RoundStatus.Closed }), inside)).toBe('closed');
    expect(judgingWindowRefusal(round({ resultsFixedAt: new Date(0) }), inside)).toBe('closed');
    expect(
      judgingWindowRefusal(round({ status: RoundStatus.Pending }), at(opensAt.getTime() - day)),
    ).toBe('pending');
  });
});
