/**
 * PostgreSQL array literals (`{a,b,"c d"}`) for text-like elements, built here rather than by
 * `pg`, which quotes every element and escapes it with two regular expressions: for the vote
 * intake's batch (five arrays of about a thousand ids and keys) that was a few percent of the
 * API's CPU. Elements that array_in reads as they are (letters, digits and `_:+.-@`, not
 * four characters long so never NULL) go bare; anything else is quoted and escaped; null
 * elements are NULL. Used as a query parameter cast to an array type (`$1::uuid[]`), exactly as
 * `pg` would send the array.
 */
const BARE = /^[A-Za-z0-9_:+.@-]+$/;

export function arrayLiteral(values: readonly (string | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i) out += ',';
    const v = values[i];
    if (v == null) out += 'NULL';
    else if (v.length !== 4 && BARE.test(v)) out += v;
    else out += `"${v.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${out}}`;
}
