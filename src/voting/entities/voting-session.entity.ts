import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Contest } from '../../contests/entities/contest.entity';
import { Round } from '../../contests/entities/round.entity';
import { Entry } from '../../entries/entities/entry.entity';

/** Where a session stands; whether votes are accepted also depends on opensAt/closesAt. */
export enum VotingSessionState {
  /** Opens by itself at opensAt (and closes at closesAt, if set). */
  Scheduled = 'scheduled',
  Open = 'open',
  Paused = 'paused',
  Closed = 'closed',
}

/** Which of the session's entries take votes: all of them, or only the one on stage now. */
export enum VotingMode {
  All = 'all',
  OnStage = 'on_stage',
}

export enum VoterIdentityKind {
  /** A device token issued by the service (POST /voting/device-token). */
  Device = 'device',
  /** A phone number verified by the integrity feature. */
  Phone = 'phone',
  /** A signed-in member account. */
  Member = 'member',
}

/** The rules of a session, as data. A null limit means no limit of that kind. */
export interface VotingPolicy {
  perEntry: number | null;
  perSession: number | null;
  /** Per calendar day in the contest's time zone. */
  perDay: number | null;
  /** Identities accepted, strongest first when a voter presents several. */
  identities: VoterIdentityKind[];
}

@Entity('voting_sessions')
@Index('ix_voting_sessions_round', ['contestId', 'roundId'])
export class VotingSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  contestId: string;

  /** Loaded with the session: its time zone is the one per-day limits count days in. */
  @ManyToOne(() => Contest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Contest;

  /** The round whose entries are voted for (a round of `contestId`). */
  @Column({ type: 'uuid' })
  roundId: string;

  @ManyToOne(() => Round, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: Round;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({
    type: 'enum',
    enum: VotingSessionState,
    enumName: 'voting_session_state',
    default: VotingSessionState.Scheduled,
  })
  state: VotingSessionState;

  @Column({ type: 'timestamptz', nullable: true })
  opensAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closesAt: Date | null;

  @Column({ type: 'enum', enum: VotingMode, enumName: 'voting_mode', default: VotingMode.All })
  mode: VotingMode;

  @Column({ type: 'uuid', nullable: true })
  onStageEntryId: string | null;

  @Column({ type: 'jsonb' })
  policy: VotingPolicy;

  /** The public sees no live numbers (organizers still do). */
  @Column({ type: 'boolean', default: false })
  hideTallies: boolean;

  /**
   * Whether a vote takes a day slot (the unique key that holds the per-day limit). False only
   * while the limit cannot bind: the policy is the one the session was created with and no voter
   * can cast more votes in the whole session than a day allows (`perSession`, or `perEntry`
   * times `entriesEver`, at most `perDay`). A change that could let the limit bind sets it for
   * good, and the votes already cast get their day slots in the background (`slotsPending`).
   */
  @Column({ type: 'boolean', default: true })
  dayKeys: boolean;

  /**
   * Slot kinds whose limit was set while votes without such a slot were stored, and that the
   * background backfill has not given their slots yet (bits: 1 entry, 2 session, 4 day; see
   * SLOT_KIND_BITS). While a bit is set, the batch statement reserves, for each voter, the free
   * slots the backfill will give that voter's earlier votes (vote_next_slot), so votes go on
   * being taken during the backfill and the limits count exactly.
   */
  @Column({ type: 'smallint', default: 0 })
  slotsPending: number;

  /** Raised whenever `slotsPending` gains a bit: a backfill that started before starts over. */
  @Column({ type: 'integer', default: 0 })
  slotsPendingSeq: number;

  /**
   * How many entries the session has offered since it was made, counting an entry taken off
   * and put back twice (never less than the truth): the most entries a voter can have voted for.
   */
  @Column({ type: 'integer', default: 0 })
  entriesEver: number;

  /** Raised on every change, so instances notice changes made elsewhere. */
  @Column({ type: 'integer', default: 1 })
  revision: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * An entry that may receive votes in a session, in running order: an entry of the session's
 * contest, active in its round (checked when the list is set and when the entry goes on stage).
 */
@Entity('voting_session_entries')
export class VotingSessionEntry {
  @PrimaryColumn({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => VotingSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: VotingSession;

  @PrimaryColumn({ type: 'uuid' })
  entryId: string;

  @ManyToOne(() => Entry, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'entry_id' })
  entry?: Entry;

  @Column({ type: 'integer' })
  position: number;
}
