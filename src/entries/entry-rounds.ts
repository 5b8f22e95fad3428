import { zonedText } from '../common/time/zoned-time';
import { ContestStatus } from '../contests/entities/contest.entity';
import { RoundKind, RoundStatus } from '../contests/entities/round.entity';
import {
  allowedActions,
  EntryAction,
  EntryActor,
  EntryStatus,
  TRANSITIONS,
} from './entry-state-machine';

/** What the rules need of a round. */
export interface RoundFacts {
  id: string;
  name: string;
  kind: RoundKind;
  position: number;
  status: RoundStatus;
  opensAt: Date;
  closesAt: Date;
  graceSeconds: number;
}

/** The contest around an entry, at one moment. */
export interface RoundContext {
  contestStatus: ContestStatus;
  timeZone: string;
  rounds: readonly RoundFacts[];
  now: Date;
}

/** Why an action cannot happen now: a message code and its parameters. */
export interface RoundRefusal {
  code: string;
  params: Record<string, unknown>;
  roundId: string | null;
}

export function submissionRound(rounds: readonly RoundFacts[]): RoundFacts | null {
  return rounds.find((r) => r.kind === RoundKind.Submission) ?? null;
}

/**
 * Whether the contest takes entries now: drafts are created, edited, submitted and withdrawn
 * only while the contest is open and its submission round is open (its state) and inside its
 * window (from its opening to its close plus the grace period).
 */
export function submissionRefusal(ctx: RoundContext): RoundRefusal | null {
  const round = submissionRound(ctx.rounds);
  if (!round) return { code: 'entries.no_submission_round', params: {}, roundId: null };
  if (ctx.contestStatus !== ContestStatus.Open)
    return {
      code: 'entries.contest_not_open',
      params: { status: ctx.contestStatus },
      roundId: round.id,
    };
  if (round.status !== RoundStatus.Open)
    return {
      code: 'entries.submission_round_not_open',
      params: { round: round.name, status: round.status },
      roundId: round.id,
    };
  const now = ctx.now.getTime();
  if (now < round.opensAt.getTime())
    return {
      code: 'entries.submission_not_open',
      params: { opensAt: zonedText(round.opensAt, ctx.timeZone), timeZone: ctx.timeZone },
      roundId: round.id,
    };
  if (now > round.closesAt.getTime() + round.graceSeconds * 1000)
    return {
      code: 'entries.submission_closed',
      params: { closesAt: zonedText(round.closesAt, ctx.timeZone), timeZone: ctx.timeZone },
      roundId: round.id,
    };
  return null;
}

/**
 * Whether the organizers may take `action` on an entry in `currentRoundId` now. A decision on
 * an entry belongs to the round it is in: that round must be open (its state: opened by the
 * organizers and not closed yet) and its time must have come: from its opening until the next
 * round opens (a round's decisions are taken before the next stage starts; the last round has
 * no end but its closing). Submission's close time bounds what contestants send, not the
 * screening that follows it.
 */
export function decisionRefusal(
  action: EntryAction,
  currentRoundId: string | null,
  ctx: RoundContext,
): RoundRefusal | null {
  const round = ctx.rounds.find((r) => r.id === currentRoundId);
  if (!round) return { code: 'entries.no_current_round', params: {}, roundId: null };
  if (round.status !== RoundStatus.Open)
    return {
      code: 'entries.round_not_open',
      params: { action, round: round.name, status: round.status },
      roundId: round.id,
    };
  const now = ctx.now.getTime();
  if (now < round.opensAt.getTime())
    return {
      code: 'entries.round_not_started',
      params: { action, round: round.name, opensAt: zonedText(round.opensAt, ctx.timeZone) },
      roundId: round.id,
    };
  const next = [...ctx.rounds]
    .filter((r) => r.position > round.position)
    .sort((a, b) => a.position - b.position)[0];
  if (next && now >= next.opensAt.getTime())
    return {
      code: 'entries.round_over',
      params: {
        action,
        round: round.name,
        nextRound: next.name,
        endsAt: zonedText(next.opensAt, ctx.timeZone),
      },
      roundId: round.id,
    };
  return null;
}

/** Why `action` on an entry cannot happen now (its round's window and state), or null. */
export function actionRefusal(
  action: EntryAction,
  currentRoundId: string | null,
  ctx: RoundContext,
): RoundRefusal | null {
  return TRANSITIONS[action].by === 'owner'
    ? submissionRefusal(ctx)
    : decisionRefusal(action, currentRoundId, ctx);
}

/**
 * What a viewer may do to an entry now: the actions of their side (the entry's own unit, or the
 * contest's organizers) from its status, inside their round's window and state, submission
 * only once nothing is missing, and returning to the contestant only while submissions are open. Someone of neither side may do nothing.
 */
export function viewerActions(
  entry: { status: EntryStatus; currentRoundId: string | null },
  actor: EntryActor | null,
  ctx: RoundContext,
  missing: number,
): EntryAction[] {
  if (!actor) return [];
  return allowedActions(entry.status, actor).filter(
    (action) =>
      !actionRefusal(action, entry.currentRoundId, ctx) &&
      (action !== EntryAction.Submit || missing === 0) &&
      // A returned entry must still be editable and submittable by its contestant.
      (action !== EntryAction.Return || !submissionRefusal(ctx)),
  );
}
