import type { Round } from '../contests/entities/round.entity';
import { RoundStatus } from '../contests/entities/round.entity';

/**
 * Why judging work (saving or submitting a sheet, assigning, recusing) is refused in a round at
 * a given time, or null when it is allowed: the round must be open (organizers open it), not
 * closed nor fixed, and the time within its window (opensAt to closesAt plus its grace).
 *  - `closed`: closed by an organizer or results fixed; nothing changes any more;
 *  - `pending`: not opened yet by an organizer;
 *  - `early`: before the window opens; `late`: after it closes (and its grace).
 */
export type WindowRefusal = 'closed' | 'pending' | 'early' | 'late';

export function judgingWindowRefusal(
  round: Pick<Round, 'status' | 'resultsFixedAt' | 'opensAt' | 'closesAt' | 'graceSeconds'>,
  now: Date,
): WindowRefusal | null {
  if (round.resultsFixedAt !== null || round.status === RoundStatus.Closed) return 'closed';
  if (round.status !== RoundStatus.Open) return 'pending';
  const t = now.getTime();
  if (t < round.opensAt.getTime()) return 'early';
  if (t > round.closesAt.getTime() + round.graceSeconds * 1000) return 'late';
  return null;
}
