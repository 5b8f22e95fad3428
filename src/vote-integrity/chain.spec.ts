import { createHash } from 'node:crypto';
import {
  batchHash,
  checkChain,
  formatReceipt,
  genesisHash,
  normalizeReceipt,
  receiptCode,
} from './chain';

const v = (i: number, entry = 'e1') => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  entryId: entry,
  voterKey: `d:${i}`,
});

describe('vote chain', () => {
  it('hashes a batch over the previous hash and its votes in id order', () => {
    const prev = genesisHash('s1');
    const votes = [v(2), v(1)];
    const expected = createHash('sha256')
      .update(Buffer.from(prev, 'hex'))
      .update(`${v(1).id}|e1|d:1\n${v(2).id}|e1|d:2`)
      .digest('hex');
    expect(batchHash(prev, votes)).toBe(expected);
    expect(batchHash(prev, [v(1), v(2)])).toBe(expected);
    expect(batchHash(genesisHash('s2'), votes)).not.toBe(expected);
  });

  function chain(sessionId: string, batches: ReturnType<typeof v>[][]) {
    let prev = genesisHash(sessionId);
    return batches.map((votes, seq) => {
      const hash = batchHash(prev, votes);
      const batch = { seq: seq + 1, prevHash: prev, hash, voteCount: votes.length };
      prev = hash;
      return { batch, votes: votes.map((x) => ({ ...x })) };
    });
  }

  it('detects a vote changed, removed or a batch rewritten', () => {
    const good = chain('s', [[v(1), v(2)], [v(3)], [v(4), v(5)]]);
    expect(checkChain('s', good).problems).toEqual([]);
    expect(checkChain('s', good).head).toBe(good[2].batch.hash);

    const changed = chain('s', [[v(1), v(2)], [v(3)], [v(4), v(5)]]);
    changed[1].votes[0].entryId = 'e2';
    expect(checkChain('s', changed).problems).toEqual([{ seq: 2, problem: 'hash_mismatch' }]);

    const removed = chain('s', [[v(1), v(2)], [v(3)], [v(4), v(5)]]);
    removed[2].votes.pop();
    expect(checkChain('s', removed).problems).toEqual([{ seq: 3, problem: 'count_mismatch' }]);

    const rewritten = chain('s', [[v(1), v(2)], [v(3)], [v(4), v(5)]]);
    rewritten[0].batch.hash = batchHash(rewritten[0].batch.prevHash, [v(1)]);
    rewritten[0].votes = [v(1)];
    rewritten[0].batch.voteCount = 1;
    expect(checkChain('s', rewritten).problems).toEqual([{ seq: 2, problem: 'prev_mismatch' }]);
  });

  it('makes a receipt of the first 50 bits of SHA-256(vote id | batch hash) in Crockford base32', () => {
    for (let i = 1; i <= 50; i++) {
      const batch = createHash('sha256').update(String(i)).digest('hex');
      const digest = createHash('sha256')
        .update(`${v(i).id}|${batch}`)
        .digest();
      const bits = digest.readBigUInt64BE(0) >> 14n;
      const expected = Array.from({ length: 10 }, (_, k) =>
        '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.charAt(Number((bits >> BigInt(45 - 5 * k)) & 31n)),
      ).join('');
      expect(receiptCode(v(i).id, batch)).toBe(expected);
    }
  });

  it('makes short receipts that survive retyping', () => {
    const code = receiptCode(v(1).id, 'ab'.repeat(32));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(receiptCode(v(1).id.toUpperCase(), 'ab'.repeat(32))).toBe(code);
    expect(receiptCode(v(2).id, 'ab'.repeat(32))).not.toBe(code);
    expect(receiptCode(v(1).id, 'cd'.repeat(32))).not.toBe(code);
    expect(normalizeReceipt(formatReceipt(code).toLowerCase())).toBe(code);
    expect(normalizeReceipt('oil00-00000')).toBe('01100000000'.slice(0, 10));
    expect(normalizeReceipt('short')).toBeNull();
    expect(normalizeReceipt('UUUUUUUUUU')).toBeNull();
  });
});
