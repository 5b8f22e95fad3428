import { AppError } from '../common/errors/app-error';
import { VotingSessionState as S } from './entities/voting-session.entity';
import { SessionAction, stateAfter } from './session-state';

const refusal = (state: S, action: SessionAction): string | null => {
  try {
    stateAfter(state, action);
    return null;
  } catch (err) {
    return (err as AppError).code;
  }
};

describe('stateAfter', () => {
  it('moves a session that has not ended to the state asked for', () => {
    for (const from of [S.Scheduled, S.Open, S.Paused]) {
      expect(stateAfter(from, 'open')).toBe(S.Open);
      expect(stateAfter(from, 'pause')).toBe(S.Paused);
      expect(stateAfter(from, 'close')).toBe(S.Closed);
    }
  });

  it('keeps a closed session closed: opening or pausing it is refused, closing changes nothing', () => {
    expect(refusal(S.Closed, 'open')).toBe('voting.session_ended');
    expect(refusal(S.Closed, 'pause')).toBe('voting.session_ended');
    expect(stateAfter(S.Closed, 'close')).toBe(S.Closed);
  });
});
