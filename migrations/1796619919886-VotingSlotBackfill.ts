import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Slot kinds a change of limits left to the background backfill (`voting_sessions
 * .slots_pending`), and `vote_next_slot`, the next slot a voter may take, which fills holes
 * and, while a backfill is pending, keeps free the slots it will give.
 */
export class VotingSlotBackfill1796619919886 implements MigrationInterface {
  name = 'VotingSlotBackfill1796619919886';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "voting_sessions" ADD "slots_pending" smallint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "voting_sessions" ADD "slots_pending_seq" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(VOTE_NEXT_SLOT);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION "vote_next_slot"("char", uuid, text, uuid, date, integer, boolean)`,
    );
    await queryRunner.query(`ALTER TABLE "voting_sessions" DROP COLUMN "slots_pending_seq"`);
    await queryRunner.query(`ALTER TABLE "voting_sessions" DROP COLUMN "slots_pending"`);
  }
}

/**
 * The next slot of a kind ('e' entry, 's' session, 'd' day) the voter may take, within the
 * voter's scope (the entry, the session, the day): the lowest free slot, so that a hole left
 * by a wrong hint is filled instead of costing the voter a vote. With `pending` (the kind's
 * backfill has not reached the voter yet), as many free slots as the voter has votes without
 * one are skipped: the backfill gives those votes the lowest free slots, in the order cast,
 * so the two never meet and the limit counts both. When a slot at or above the limit is
 * taken (the limit was lowered below it) the answer is above them all: the voter may have
 * used the lowered limit already, and a hole below it must not let one more vote in.
 *
 * PL/pgSQL, so the batch statement that calls it is not planned around its queries; reads the
 * caller's snapshot (STABLE).
 */
const VOTE_NEXT_SLOT = `
CREATE FUNCTION "vote_next_slot"(kind "char", p_session uuid, p_voter text, p_entry uuid,
  p_day date, p_limit integer, p_pending boolean) RETURNS integer
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  taken integer[];
  reserve integer := 0;
  slot integer;
  free_from integer := 0;
BEGIN
  IF kind = 'e' THEN
    SELECT array_agg(v.entry_slot ORDER BY v.entry_slot) FILTER (WHERE v.entry_slot IS NOT NULL),
           count(*) FILTER (WHERE v.entry_slot IS NULL)
      INTO taken, reserve
      FROM votes v
     WHERE v.session_id = p_session AND v.voter_key = p_voter AND v.entry_id = p_entry;
  ELSIF kind = 's' THEN
    IF p_pending THEN
      SELECT array_agg(v.session_slot ORDER BY v.session_slot)
               FILTER (WHERE v.session_slot IS NOT NULL),
             count(*) FILTER (WHERE v.session_slot IS NULL)
        INTO taken, reserve
        FROM votes v WHERE v.session_id = p_session AND v.voter_key = p_voter;
    ELSE
      SELECT array_agg(v.session_slot ORDER BY v.session_slot) INTO taken
        FROM votes v
       WHERE v.session_id = p_session AND v.voter_key = p_voter AND v.session_slot IS NOT NULL;
    END IF;
  ELSE
    IF p_pending THEN
      SELECT array_agg(v.day_slot ORDER BY v.day_slot) FILTER (WHERE v.day_slot IS NOT NULL),
             count(*) FILTER (WHERE v.day_slot IS NULL)
        INTO taken, reserve
        FROM votes v
       WHERE v.session_id = p_session AND v.voter_key = p_voter AND v.vote_day = p_day;
    ELSE
      SELECT array_agg(v.day_slot ORDER BY v.day_slot) INTO taken
        FROM votes v
       WHERE v.session_id = p_session AND v.voter_key = p_voter AND v.vote_day = p_day
         AND v.day_slot IS NOT NULL;
    END IF;
  END IF;
  IF NOT p_pending THEN reserve := 0; END IF;
  IF taken IS NULL THEN RETURN reserve; END IF;
  IF taken[array_upper(taken, 1)] >= p_limit THEN RETURN taken[array_upper(taken, 1)] + 1; END IF;
  FOREACH slot IN ARRAY taken LOOP
    IF slot - free_from > reserve THEN RETURN free_from + reserve; END IF;
    reserve := reserve - (slot - free_from);
    free_from := slot + 1;
  END LOOP;
  RETURN free_from + reserve;
END
$fn$`;
