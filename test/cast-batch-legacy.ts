/**
 * The batch statement as it was when it answered every vote with a row of its own (the
 * reference the leaner one is checked against in vote-cast-batch.e2e-spec.ts), sent the same
 * parameters and read row by row (the next free slot of a vote that lost one is the current
 * rule's, vote_next_slot). Kept for that comparison only.
 */
import type { ClientBase } from 'pg';
import {
  castBatchParams,
  outcomeOfRow,
  type BatchOutcome,
  type BatchVote,
  type CastRow,
} from '../src/voting/voting.repository';

const LEGACY_CAST_BATCH = `
WITH c AS (
  SELECT id, session_id, entry_id, voter_key, channel, (n - 1)::int AS ord, entry_hint,
    session_hint, day_hint, hint_day, COALESCE(flags, '') AS flags
  FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::int[],
    $8::int[], $9::date[], $11::text[]) WITH ORDINALITY
    AS c(id, session_id, entry_id, voter_key, channel, entry_hint, session_hint, day_hint,
      hint_day, flags, n)
), s AS MATERIALIZED (
  SELECT s.id, s.state::text AS state, s.mode, s.on_stage_entry_id,
    ((s.state = 'open' OR (s.state = 'scheduled' AND s.opens_at IS NOT NULL))
      AND (s.opens_at IS NULL OR s.opens_at <= now())
      AND (s.closes_at IS NULL OR now() < s.closes_at)) AS is_open,
    (s.policy->>'perEntry')::int AS per_entry,
    (s.policy->>'perSession')::int AS per_session,
    (s.policy->>'perDay')::int AS per_day,
    (now() AT TIME ZONE k.time_zone)::date AS vote_day,
    gen_random_uuid() AS batch_id
  FROM voting_sessions s JOIN contests k ON k.id = s.contest_id
  WHERE s.id IN (SELECT DISTINCT session_id FROM c)
), e AS MATERIALIZED (
  SELECT se.session_id, se.entry_id FROM voting_session_entries se
  WHERE se.session_id IN (SELECT id FROM s)
), x AS MATERIALIZED (
  SELECT c.id, c.session_id, c.entry_id, c.voter_key, c.channel, c.ord, c.flags, s.batch_id,
    s.id IS NOT NULL AS found,
    COALESCE(s.state, 'missing') AS state,
    COALESCE(s.is_open, false) AS is_open,
    COALESCE(e.entry_id IS NOT NULL AND (s.mode = 'all' OR s.on_stage_entry_id = c.entry_id),
      false) AS votable,
    s.per_entry, s.per_session, s.per_day, s.vote_day,
    CASE WHEN s.per_entry IS NOT NULL THEN COALESCE(c.entry_hint, 0) END AS entry_slot,
    CASE WHEN s.per_session IS NOT NULL THEN COALESCE(c.session_hint, 0) END AS session_slot,
    CASE WHEN s.per_day IS NOT NULL THEN
      CASE WHEN c.hint_day = s.vote_day THEN COALESCE(c.day_hint, 0) ELSE 0 END END AS day_slot
  FROM c
  LEFT JOIN s ON s.id = c.session_id
  LEFT JOIN e ON e.session_id = c.session_id AND e.entry_id = c.entry_id
), ins AS (
  INSERT INTO votes (id, session_id, entry_id, voter_key, entry_slot, session_slot, vote_day,
    day_slot, channel, batch_id)
  SELECT id, session_id, entry_id, voter_key, entry_slot, session_slot, vote_day, day_slot, channel,
    batch_id
  FROM x
  WHERE x.is_open AND x.votable
    AND (entry_slot IS NULL OR entry_slot < per_entry)
    AND (session_slot IS NULL OR session_slot < per_session)
    AND (day_slot IS NULL OR day_slot < per_day)
  ORDER BY session_id, voter_key
  ON CONFLICT DO NOTHING
  RETURNING id, session_id, entry_id, voter_key, batch_id
), t AS (
  INSERT INTO voting_tallies (session_id, entry_id, shard, votes)
  SELECT ins.session_id, ins.entry_id, $10::int, count(*) FROM ins JOIN x ON x.id = ins.id
  WHERE x.flags = ''
  GROUP BY ins.session_id, ins.entry_id ORDER BY ins.session_id, ins.entry_id
  ON CONFLICT (session_id, entry_id, shard)
  DO UPDATE SET votes = voting_tallies.votes + excluded.votes
), fl AS (
  INSERT INTO vote_flags (vote_id, session_id, entry_id, reasons)
  SELECT ins.id, ins.session_id, ins.entry_id, string_to_array(x.flags, ',')
  FROM ins JOIN x ON x.id = ins.id WHERE x.flags <> ''
), d AS (
  SELECT ins.session_id, ins.batch_id, count(*)::int AS n,
    convert_to(string_agg(ins.id::text || '|' || ins.entry_id::text || '|' || ins.voter_key,
      E'\n' ORDER BY ins.id), 'UTF8') AS body
  FROM ins GROUP BY ins.session_id, ins.batch_id
), h AS (
  INSERT INTO vote_chain_heads AS hd (session_id, seq, prev_hash, hash, updated_at)
  SELECT d.session_id, 1, g.genesis, encode(sha256(decode(g.genesis, 'hex') || d.body), 'hex'),
    now()
  FROM d CROSS JOIN LATERAL (SELECT encode(sha256(convert_to('hoi-thi:chain:' ||
    d.session_id::text, 'UTF8')), 'hex') AS genesis) g
  ORDER BY d.session_id
  ON CONFLICT (session_id) DO UPDATE SET seq = hd.seq + 1, prev_hash = hd.hash,
    hash = encode(sha256(decode(hd.hash, 'hex') ||
      (SELECT d2.body FROM d d2 WHERE d2.session_id = hd.session_id)), 'hex'),
    updated_at = now()
  RETURNING session_id, seq, prev_hash, hash
), vb AS (
  INSERT INTO vote_batches (id, session_id, seq, prev_hash, hash, vote_count)
  SELECT d.batch_id, h.session_id, h.seq, h.prev_hash, h.hash, d.n
  FROM h JOIN d ON d.session_id = h.session_id
), lost AS MATERIALIZED (
  SELECT x.*, v.session_id IS NOT NULL AS seen, v.batch_id AS prior_batch,
    COALESCE(v.session_id = x.session_id AND v.entry_id = x.entry_id
      AND v.voter_key = x.voter_key, false) AS same
  FROM x LEFT JOIN votes v ON v.id = x.id
  WHERE x.found AND NOT EXISTS (SELECT 1 FROM ins WHERE ins.id = x.id)
), fresh AS (
  SELECT l.*,
    CASE WHEN l.per_entry IS NOT NULL THEN vote_next_slot('e', l.session_id, l.voter_key,
      l.entry_id, l.vote_day, l.per_entry, false) END AS next_entry,
    CASE WHEN l.per_session IS NOT NULL THEN vote_next_slot('s', l.session_id, l.voter_key,
      l.entry_id, l.vote_day, l.per_session, false) END AS next_session,
    CASE WHEN l.per_day IS NOT NULL THEN vote_next_slot('d', l.session_id, l.voter_key,
      l.entry_id, l.vote_day, l.per_day, false) END AS next_day
  FROM lost l WHERE NOT l.seen AND l.is_open AND l.votable
)
SELECT x.ord,
  CASE
    WHEN NOT x.found THEN 'no_session'
    WHEN l.id IS NULL THEN 'counted'
    WHEN l.seen AND l.same THEN 'duplicate'
    WHEN l.seen THEN 'mismatch'
    WHEN NOT x.is_open THEN 'closed'
    WHEN NOT x.votable THEN 'not_votable'
    WHEN f.next_entry >= x.per_entry THEN 'limit_entry'
    WHEN f.next_session >= x.per_session THEN 'limit_session'
    WHEN f.next_day >= x.per_day THEN 'limit_day'
    ELSE 'retry'
  END AS outcome,
  x.state, x.per_entry, x.per_session, x.per_day, x.vote_day::text AS day,
  COALESCE(f.next_entry, x.entry_slot) AS entry_slot,
  COALESCE(f.next_session, x.session_slot) AS session_slot,
  COALESCE(f.next_day, x.day_slot) AS day_slot,
  CASE WHEN l.id IS NULL THEN h.hash
    ELSE (SELECT pb.hash FROM vote_batches pb WHERE pb.id = l.prior_batch) END AS batch_hash,
  (l.id IS NULL AND x.flags <> '') AS held
FROM x LEFT JOIN lost l ON l.id = x.id LEFT JOIN fresh f ON f.id = x.id
  LEFT JOIN h ON h.session_id = x.session_id AND l.id IS NULL AND x.found`;

export async function legacyCastBatch(
  client: ClientBase,
  votes: BatchVote[],
  shard: number,
): Promise<BatchOutcome[]> {
  const { rows } = await client.query<CastRow & { ord: number }>(
    LEGACY_CAST_BATCH,
    // It found the batch's sessions from the votes, not from the list of them sent after.
    castBatchParams(votes, shard).slice(0, 11),
  );
  const out = new Array<BatchOutcome>(votes.length);
  for (const r of rows) out[r.ord] = outcomeOfRow(r);
  return out;
}
