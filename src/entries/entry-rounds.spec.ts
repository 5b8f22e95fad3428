import { ContestStatus } from '../contests/entities/contest.entity';
import { RoundKind, RoundStatus } from '../contests/entities/round.entity';
import {
  actionRefusal,
  RoundContext,
  RoundFacts,
  submissionRefusal,
  viewerActions,
} from './entry-rounds';
import { EntryAction, EntryStatus } from './entry-state-machine';

const at = (iso: string) => new Date(iso);
const rounds: RoundFacts[] = [
  {
    id: 'sub',
    name: 'Nhận bài',
    kind: RoundKind.Submission,
    position: 1,
    status: RoundStatus.Open,
    opensAt: at('2026-03-01T01:00:00Z'),
    closesAt: at('2026-03-31T10:00:00Z'),
    graceSeconds: 600,
  },
  {
    id: 'commune',
    name: 'Sơ khảo cấp xã',
    kind: RoundKind.Judging,
    position: 2,
    status: RoundStatus.Pending,
    opensAt: at('2026-04-10T01:00:00Z'),
    closesAt: at('2026-04-20T10:00:00Z'),
    graceSeconds: 0,
  },
];
const ctx = (now: string, patch: Partial<RoundContext> = {}): RoundContext => ({
  contestStatus: ContestStatus.Open,
  timeZone: 'Asia/Ho_Chi_Minh',
  rounds,
  now: at(now),
  ...patch,
});
const withRound = (id: string, patch: Partial<RoundFacts>) =>
  rounds.map((r) => (r.id === id ? { ...r, ...patch } : r));

describe('submission window and state', () => {
  it('takes entries from the opening to the close plus the grace period', () => {
    expect(submissionRefusal(ctx('2026-03-01T00:59:59Z'))?.code).toBe(
      'entries.submission_not_open',
    );
    expect(submissionRefusal(ctx('2026-03-01T01:00:00Z'))).toBeNull();
    expect(submissionRefusal(ctx('2026-03-31T10:10:00Z'))).toBeNull();
    expect(submissionRefusal(ctx('2026-03-31T10:10:00.001Z'))).toMatchObject({
      code: 'entries.submission_closed',
      params: {
        closesAt: {
          vi: '17:00:00 31/03/2026 (Asia/Ho_Chi_Minh)',
          en: '2026-03-31 17:00:00 (Asia/Ho_Chi_Minh)',
        },
      },
    });
  });

  it('refuses while the round is pending or closed, and outside an open contest', () => {
    for (const status of [RoundStatus.Pending, RoundStatus.Closed])
      expect(
        submissionRefusal(ctx('2026-03-15T00:00:00Z', { rounds: withRound('sub', { status }) })),
      ).toMatchObject({
        code: 'entries.submission_round_not_open',
        params: { round: 'Nhận bài', status },
      });
    expect(
      submissionRefusal(ctx('2026-03-15T00:00:00Z', { contestStatus: ContestStatus.Judging })),
    ).toMatchObject({ code: 'entries.contest_not_open', params: { status: 'judging' } });
    expect(submissionRefusal(ctx('2026-03-15T00:00:00Z', { rounds: rounds.slice(1) }))?.code).toBe(
      'entries.no_submission_round',
    );
  });
});

describe("organizers' decisions in the entry's round", () => {
  it('from the round opening until the next round opens, while the round is open', () => {
    const accept = (now: string, c = ctx(now)) => actionRefusal(EntryAction.Accept, 'sub', c);
    expect(accept('2026-02-28T00:00:00Z')?.code).toBe('entries.round_not_started');
    expect(accept('2026-03-20T00:00:00Z')).toBeNull();
    // screening goes on after the submission deadline…
    expect(accept('2026-04-05T00:00:00Z')).toBeNull();
    // …until the next round opens
    expect(accept('2026-04-10T01:00:00Z')).toMatchObject({
      code: 'entries.round_over',
      params: {
        action: 'accept',
        round: 'Nhận bài',
        nextRound: 'Sơ khảo cấp xã',
        endsAt: {
          vi: '08:00:00 10/04/2026 (Asia/Ho_Chi_Minh)',
          en: '2026-04-10 08:00:00 (Asia/Ho_Chi_Minh)',
        },
      },
    });
    expect(
      accept(
        '2026-03-20T00:00:00Z',
        ctx('2026-03-20T00:00:00Z', {
          rounds: withRound('sub', { status: RoundStatus.Closed }),
        }),
      ),
    ).toMatchObject({ code: 'entries.round_not_open', params: { status: 'closed' } });
  });

  it('the last round has no end but its closing; an entry in no round has none', () => {
    const open = withRound('commune', { status: RoundStatus.Open });
    expect(
      actionRefusal(EntryAction.Award, 'commune', ctx('2027-01-01T00:00:00Z', { rounds: open })),
    ).toBeNull();
    expect(actionRefusal(EntryAction.Award, null, ctx('2027-01-01T00:00:00Z'))?.code).toBe(
      'entries.no_current_round',
    );
  });
});

describe('what a viewer may do', () => {
  const submitted = { status: EntryStatus.Submitted, currentRoundId: 'sub' };
  const now = ctx('2026-03-20T00:00:00Z');

  it('each side sees its own actions only; someone of neither side sees none', () => {
    expect(viewerActions(submitted, 'owner', now, 0)).toEqual([EntryAction.Withdraw]);
    expect(viewerActions(submitted, 'organizer', now, 0)).toEqual([
      EntryAction.Accept,
      EntryAction.Disqualify,
      EntryAction.Return,
    ]);
    expect(viewerActions(submitted, null, now, 0)).toEqual([]);
    const advanced = { status: EntryStatus.Advanced, currentRoundId: 'sub' };
    expect(viewerActions(advanced, 'owner', now, 0)).toEqual([]);
  });

  it('nothing outside the window or state, and no submission while something is missing', () => {
    const late = ctx('2026-04-01T00:00:00Z');
    expect(viewerActions(submitted, 'owner', late, 0)).toEqual([]);
    expect(viewerActions(submitted, 'organizer', late, 0)).toEqual([
      EntryAction.Accept,
      EntryAction.Disqualify,
    ]);
    const draft = { status: EntryStatus.Draft, currentRoundId: null };
    expect(viewerActions(draft, 'owner', now, 0)).toEqual([EntryAction.Submit]);
    expect(viewerActions(draft, 'owner', now, 1)).toEqual([]);
    expect(viewerActions(draft, 'organizer', now, 0)).toEqual([]);
  });
});
