import {
  allowedActions,
  EntryAction,
  EntryActor,
  EntryStatus,
  FINAL_STATUSES,
  transition,
  TRANSITIONS,
} from './entry-state-machine';

const statuses = Object.values(EntryStatus);
const actions = Object.values(EntryAction);
const actors: EntryActor[] = ['owner', 'organizer'];

/** Every sequence of (action, actor) steps up to `depth`, walked from draft. */
function* walks(depth: number): Generator<[EntryAction, EntryActor][]> {
  if (depth === 0) {
    yield [];
    return;
  }
  for (const shorter of walks(depth - 1)) {
    yield shorter;
    if (shorter.length === depth - 1)
      for (const action of actions) for (const actor of actors) yield [...shorter, [action, actor]];
  }
}

describe('entry state machine', () => {
  it('follows the documented workflow', () => {
    expect(transition(EntryStatus.Draft, EntryAction.Submit, 'owner')).toEqual({
      ok: true,
      to: EntryStatus.Submitted,
    });
    expect(transition(EntryStatus.Submitted, EntryAction.Withdraw, 'owner')).toEqual({
      ok: true,
      to: EntryStatus.Withdrawn,
    });
    expect(transition(EntryStatus.Submitted, EntryAction.Accept, 'organizer')).toEqual({
      ok: true,
      to: EntryStatus.Eligible,
    });
    expect(transition(EntryStatus.Eligible, EntryAction.Advance, 'organizer')).toEqual({
      ok: true,
      to: EntryStatus.Advanced,
    });
    expect(transition(EntryStatus.Advanced, EntryAction.Advance, 'organizer')).toEqual({
      ok: true,
      to: EntryStatus.Advanced,
    });
    expect(transition(EntryStatus.Advanced, EntryAction.Award, 'organizer')).toEqual({
      ok: true,
      to: EntryStatus.Awarded,
    });
  });

  it('refuses a withdrawn entry being submitted, naming what is allowed (nothing)', () => {
    expect(transition(EntryStatus.Withdrawn, EntryAction.Submit, 'owner')).toEqual({
      ok: false,
      reason: 'not_allowed',
      from: EntryStatus.Withdrawn,
      allowed: [],
    });
  });

  it('refuses advancing a disqualified entry', () => {
    const r = transition(EntryStatus.Disqualified, EntryAction.Advance, 'organizer');
    expect(r.ok).toBe(false);
  });

  it('needs a reason to disqualify, and the right actor for each action', () => {
    expect(
      transition(EntryStatus.Submitted, EntryAction.Disqualify, 'organizer', '  '),
    ).toMatchObject({ ok: false, reason: 'reason_required' });
    expect(
      transition(EntryStatus.Submitted, EntryAction.Disqualify, 'organizer', 'Sao chép'),
    ).toEqual({ ok: true, to: EntryStatus.Disqualified });
    expect(transition(EntryStatus.Submitted, EntryAction.Accept, 'owner')).toMatchObject({
      ok: false,
      reason: 'wrong_actor',
    });
    expect(transition(EntryStatus.Draft, EntryAction.Submit, 'organizer')).toMatchObject({
      ok: false,
      reason: 'wrong_actor',
    });
  });

  it('agrees with allowedActions for every status, action and actor', () => {
    for (const from of statuses)
      for (const action of actions)
        for (const actor of actors) {
          const r = transition(from, action, actor, 'lý do');
          const allowedForActor = allowedActions(from, actor).includes(action);
          expect(r.ok).toBe(allowedForActor);
          if (!r.ok) expect(r.allowed).toEqual(allowedActions(from));
          else expect(r.to).toBe(TRANSITIONS[action].to);
        }
  });

  it('final statuses have no way out', () => {
    for (const s of FINAL_STATUSES) expect(allowedActions(s)).toEqual([]);
  });

  // Property over every walk of up to 4 steps from draft (exhaustive, 14^4 walks).
  it('over every walk from draft: back to draft only when screening returns it, owners never touch a screened entry, awards only after advancing', () => {
    let checked = 0;
    for (const walk of walks(4)) {
      let status = EntryStatus.Draft;
      const seen: EntryStatus[] = [status];
      for (const [action, actor] of walk) {
        const before = status;
        const r = transition(status, action, actor, 'lý do');
        if (!r.ok) continue;
        status = r.to;
        seen.push(status);
        if (status === EntryStatus.Draft)
          expect([before, action, actor]).toEqual([
            EntryStatus.Submitted,
            EntryAction.Return,
            'organizer',
          ]);
        if (actor === 'owner') expect([EntryStatus.Draft, EntryStatus.Submitted]).toContain(before);
        if (status === EntryStatus.Awarded) expect(seen).toContain(EntryStatus.Advanced);
        if (status === EntryStatus.Advanced) expect(seen).toContain(EntryStatus.Eligible);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(38_000);
  });
});
