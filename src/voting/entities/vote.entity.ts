import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One counted vote; its id is made by the client, so a retry can never count twice. Policy
 * limits are unique keys over "slots": a voter allowed N votes per entry fills entry slots
 * 0..N-1, and the same for the session and the day; a vote that finds no free slot is refused.
 * A null slot means the session has no limit of that kind.
 *
 * The session and day keys are partial: a vote of a session without such a limit writes no
 * entry there (`ON CONFLICT DO NOTHING` takes partial unique indexes as arbiters too). The
 * entry key covers every vote, so it also serves every lookup by session and voter; a query for
 * session or day slots says `session_slot IS NOT NULL` / `day_slot IS NOT NULL` to use its key.
 *
 * `ix_votes_created` (BRIN, made by its migration) follows the insertion order: a batch's votes
 * share its `created_at` (the same transaction's now()), which is how a recount finds the votes
 * of a page of batches without an index entry per vote on `batch_id`.
 */
@Entity('votes')
@Index('uq_votes_entry_slot', ['sessionId', 'voterKey', 'entryId', 'entrySlot'], { unique: true })
@Index('uq_votes_session_slot', ['sessionId', 'voterKey', 'sessionSlot'], {
  unique: true,
  where: '"session_slot" IS NOT NULL',
})
@Index('uq_votes_day_slot', ['sessionId', 'voterKey', 'voteDay', 'daySlot'], {
  unique: true,
  where: '"day_slot" IS NOT NULL',
})
@Index('ix_votes_created', { synchronize: false })
export class Vote {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @Column({ type: 'uuid' })
  entryId: string;

  /** `d:<device>`, `p:<phone>` or `u:<account>`; compared byte by byte (an identifier). */
  @Column({ type: 'varchar', length: 80, collation: 'C' })
  voterKey: string;

  @Column({ type: 'smallint', nullable: true })
  entrySlot: number | null;

  @Column({ type: 'integer', nullable: true })
  sessionSlot: number | null;

  /** Calendar day in the session's time zone. */
  @Column({ type: 'date' })
  voteDay: string;

  @Column({ type: 'integer', nullable: true })
  daySlot: number | null;

  @Column({ type: 'varchar', length: 8 })
  channel: string;

  /**
   * The batch of the session's hash chain the vote was written in (vote integrity). Not indexed:
   * a batch's votes are found through `created_at` (see ix_votes_created).
   */
  @Column({ type: 'uuid', nullable: true })
  batchId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * Counted votes per entry, in shards: each intake lane of each instance adds its batch's counts
 * to its own row, so no row is hot and instances never wait on each other. The sum over shards
 * equals the count of rows in `votes` (written by the same statement).
 */
@Entity('voting_tallies')
export class VotingTally {
  @PrimaryColumn({ type: 'uuid' })
  sessionId: string;

  @PrimaryColumn({ type: 'uuid' })
  entryId: string;

  @PrimaryColumn({ type: 'integer' })
  shard: number;

  @Column({ type: 'bigint', default: 0 })
  votes: string;
}
