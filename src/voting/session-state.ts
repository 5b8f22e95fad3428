import { AppError } from '../common/errors/app-error';
import { VotingSessionState } from './entities/voting-session.entity';

/** What an organizer may do to a session's state (POST /voting/sessions/:id/state). */
export type SessionAction = 'open' | 'pause' | 'close';

const TARGET: Record<SessionAction, VotingSessionState> = {
  open: VotingSessionState.Open,
  pause: VotingSessionState.Paused,
  close: VotingSessionState.Closed,
};

/**
 * The state a session moves to by `action`. Scheduled, open and paused sessions move freely
 * between open and paused and may be closed; a closed session stays closed: its votes are final
 * (results and the public vote's share are computed from them), so opening or pausing it again
 * is refused, and closing it again changes nothing.
 */
export function stateAfter(state: VotingSessionState, action: SessionAction): VotingSessionState {
  if (state === VotingSessionState.Closed && action !== 'close')
    throw AppError.conflict('voting.session_ended');
  return TARGET[action];
}
