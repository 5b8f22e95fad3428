import { parseChange } from './session-change.channel';

const USER = '6f1c1e52-8c1e-4c1a-9d0e-6a1b2c3d4e5f';
const OTHER = '0b6a7c52-1d2e-4f3a-8b4c-5d6e7f8a9b0c';
const wire = (c: object) => JSON.stringify({ o: 'instance-a', c });

describe('parseChange', () => {
  it('reads each kind of change with its sender', () => {
    expect(parseChange(wire({ kind: 'account', userId: USER }))).toEqual({
      origin: 'instance-a',
      change: { kind: 'account', userId: USER },
    });
    expect(parseChange(wire({ kind: 'session', userId: USER, sessionId: OTHER }))?.change).toEqual({
      kind: 'session',
      userId: USER,
      sessionId: OTHER,
    });
    expect(
      parseChange(wire({ kind: 'membership', userId: USER, contestId: OTHER, extra: 1 }))?.change,
    ).toEqual({ kind: 'membership', userId: USER, contestId: OTHER });
  });

  it('ignores what is not a change', () => {
    for (const payload of [
      undefined,
      '',
      'null',
      '[]',
      '{"o":1}',
      wire({ kind: 'account', userId: 'not-a-uuid' }),
      wire({ kind: 'session', userId: USER }),
      wire({ kind: 'membership', userId: USER, contestId: 7 }),
      wire({ kind: 'everything', userId: USER }),
      JSON.stringify({ c: { kind: 'account', userId: USER } }),
    ])
      expect(parseChange(payload)).toBeNull();
  });
});
