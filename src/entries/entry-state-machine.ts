/**
 * The entry workflow as data: which action moves an entry from which status to which, and who
 * may take it. Pure: no I/O, no clock; the service adds windows, quotas and access.
 *
 *   draft ─submit→ submitted ─withdraw→ withdrawn
 *                  submitted ─accept→ eligible | ─disqualify→ disqualified (with a reason)
 *                  submitted ─return→ draft (with a reason: the contestant completes and submits again)
 *                  eligible | advanced ─advance→ advanced (one more round) | ─eliminate→ eliminated
 *                  advanced ─award→ awarded
 */
export enum EntryStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  Withdrawn = 'withdrawn',
  Eligible = 'eligible',
  Disqualified = 'disqualified',
  Advanced = 'advanced',
  Eliminated = 'eliminated',
  Awarded = 'awarded',
}

export enum EntryAction {
  Submit = 'submit',
  Withdraw = 'withdraw',
  Accept = 'accept',
  Disqualify = 'disqualify',
  Return = 'return',
  Advance = 'advance',
  Eliminate = 'eliminate',
  Award = 'award',
}

/** Who takes an action: the entry's own unit, or the contest's organizers. */
export type EntryActor = 'owner' | 'organizer';

interface TransitionRule {
  from: readonly EntryStatus[];
  to: EntryStatus;
  by: EntryActor;
  requiresReason?: boolean;
}

export const TRANSITIONS: Readonly<Record<EntryAction, TransitionRule>> = {
  [EntryAction.Submit]: { from: [EntryStatus.Draft], to: EntryStatus.Submitted, by: 'owner' },
  [EntryAction.Withdraw]: {
    from: [EntryStatus.Submitted],
    to: EntryStatus.Withdrawn,
    by: 'owner',
  },
  [EntryAction.Accept]: {
    from: [EntryStatus.Submitted],
    to: EntryStatus.Eligible,
    by: 'organizer',
  },
  [EntryAction.Disqualify]: {
    from: [EntryStatus.Submitted],
    to: EntryStatus.Disqualified,
    by: 'organizer',
    requiresReason: true,
  },
  [EntryAction.Return]: {
    from: [EntryStatus.Submitted],
    to: EntryStatus.Draft,
    by: 'organizer',
    requiresReason: true,
  },
  [EntryAction.Advance]: {
    from: [EntryStatus.Eligible, EntryStatus.Advanced],
    to: EntryStatus.Advanced,
    by: 'organizer',
  },
  [EntryAction.Eliminate]: {
    from: [EntryStatus.Eligible, EntryStatus.Advanced],
    to: EntryStatus.Eliminated,
    by: 'organizer',
  },
  [EntryAction.Award]: { from: [EntryStatus.Advanced], to: EntryStatus.Awarded, by: 'organizer' },
};

/** Statuses no action leaves. */
export const FINAL_STATUSES: readonly EntryStatus[] = [
  EntryStatus.Withdrawn,
  EntryStatus.Disqualified,
  EntryStatus.Eliminated,
  EntryStatus.Awarded,
];

/** Statuses that count against a unit's quota in a category. */
export function countsTowardQuota(status: EntryStatus): boolean {
  return status !== EntryStatus.Draft && status !== EntryStatus.Withdrawn;
}

/** Statuses in which an entry may be published. */
export function isPublishable(status: EntryStatus): boolean {
  return ![EntryStatus.Draft, EntryStatus.Withdrawn, EntryStatus.Disqualified].includes(status);
}

/** Actions possible from a status (for one actor, or for anyone). */
export function allowedActions(status: EntryStatus, actor?: EntryActor): EntryAction[] {
  return (Object.keys(TRANSITIONS) as EntryAction[]).filter((action) => {
    const rule = TRANSITIONS[action];
    return rule.from.includes(status) && (!actor || rule.by === actor);
  });
}

export type TransitionResult =
  | { ok: true; to: EntryStatus }
  | {
      ok: false;
      reason: 'not_allowed' | 'wrong_actor' | 'reason_required';
      from: EntryStatus;
      allowed: EntryAction[];
    };

/** Where `action` by `actor` takes an entry in `from`, or why it cannot. */
export function transition(
  from: EntryStatus,
  action: EntryAction,
  actor: EntryActor,
  reason?: string | null,
): TransitionResult {
  const rule = TRANSITIONS[action];
  const allowed = allowedActions(from);
  if (!rule || !rule.from.includes(from))
    return { ok: false, reason: 'not_allowed', from, allowed };
  if (rule.by !== actor) return { ok: false, reason: 'wrong_actor', from, allowed };
  if (rule.requiresReason && !reason?.trim())
    return { ok: false, reason: 'reason_required', from, allowed };
  return { ok: true, to: rule.to };
}
