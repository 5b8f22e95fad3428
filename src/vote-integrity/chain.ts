import { createHash, hash } from 'node:crypto';

/**
 * The vote log's hash chain, as pure functions. Votes are written in batches; each batch's hash
 * is SHA-256 over the previous batch's hash (32 bytes) followed by the batch's votes, one line
 * `<vote id>|<entry id>|<voter key>` each, sorted by vote id and joined by "\n". The first
 * batch of a session chains from SHA-256("hoi-thi:chain:<session id>"). The intake computes the
 * same thing in SQL (chain.sql.ts); a recount recomputes it here from the stored votes.
 */

export interface ChainVote {
  id: string;
  entryId: string;
  voterKey: string;
}

export interface ChainBatch {
  seq: number;
  prevHash: string;
  hash: string;
  voteCount: number;
}

export function genesisHash(sessionId: string): string {
  return createHash('sha256').update(`hoi-thi:chain:${sessionId}`).digest('hex');
}

export const voteLine = (v: ChainVote) => `${v.id}|${v.entryId}|${v.voterKey}`;

export function batchHash(prevHash: string, votes: ChainVote[]): string {
  const lines = votes
    .map(voteLine)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join('\n');
  return createHash('sha256')
    .update(Buffer.from(prevHash, 'hex'))
    .update(Buffer.from(lines, 'utf8'))
    .digest('hex');
}

/** Crockford's base32: no I, L, O, U, so a code read aloud or retyped survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_LENGTH = 10;

/** A voter's receipt: 10 base32 characters (50 bits) of SHA-256(vote id | batch hash). */
export function receiptCode(voteId: string, batchHashHex: string): string {
  // One-shot hash (one per acknowledged vote: no Hash object), as a string of one character per
  // byte: a Buffer result would cost a backing store per vote.
  const digest = hash('sha256', `${voteId.toLowerCase()}|${batchHashHex}`, 'binary');
  let bits = 0;
  let value = 0;
  let out = '';
  for (let i = 0; out.length < RECEIPT_LENGTH; i++) {
    value = (value << 8) | digest.charCodeAt(i);
    bits += 8;
    while (bits >= 5 && out.length < RECEIPT_LENGTH) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** A receipt as typed: any case, dashes and spaces, O for 0, I and L for 1. */
export function normalizeReceipt(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== RECEIPT_LENGTH || [...code].some((c) => !ALPHABET.includes(c))) return null;
  return code;
}

/** Shown as XXXXX-XXXXX. */
export const formatReceipt = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

export interface ChainProblem {
  seq: number;
  problem: 'prev_mismatch' | 'hash_mismatch' | 'count_mismatch';
}

/** Checks batches one after another, in order (so a long chain is read in pages). */
export class ChainVerifier {
  private prev: string;
  private count = 0;
  readonly problems: ChainProblem[] = [];

  constructor(sessionId: string) {
    this.prev = genesisHash(sessionId);
  }

  add(batch: ChainBatch, votes: ChainVote[]): void {
    this.count++;
    if (batch.prevHash !== this.prev)
      this.problems.push({ seq: batch.seq, problem: 'prev_mismatch' });
    if (votes.length !== batch.voteCount)
      this.problems.push({ seq: batch.seq, problem: 'count_mismatch' });
    else if (batchHash(batch.prevHash, votes) !== batch.hash)
      this.problems.push({ seq: batch.seq, problem: 'hash_mismatch' });
    this.prev = batch.hash;
  }

  result(): { head: string; batches: number; problems: ChainProblem[] } {
    return { head: this.prev, batches: this.count, problems: this.problems };
  }
}

/**
 * Checks batches in order (their votes as stored now): each must chain from the previous hash
 * and hash to what was recorded when it was written. A vote changed, added to or removed from a
 * batch after the fact breaks its batch.
 */
export function checkChain(
  sessionId: string,
  batches: Iterable<{ batch: ChainBatch; votes: ChainVote[] }>,
): { head: string; batches: number; problems: ChainProblem[] } {
  const verifier = new ChainVerifier(sessionId);
  for (const { batch, votes } of batches) verifier.add(batch, votes);
  return verifier.result();
}
