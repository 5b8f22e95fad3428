import sharp from 'sharp';
import { UserRole } from '../src/users/entities/user.entity';
import { makeClip, waitForStatus } from './media-support';
import { createUser, TestUser } from './support/fixtures';
import type { TestApp } from './support/test-app';

const MEDIA_RULES = {
  kinds: ['video', 'image'],
  minCount: 0,
  maxCount: 5,
  maxSizeBytes: 50_000_000,
};

/** A colourful landscape photo (a sunset over fields), as a JPEG. */
export function photo(width = 1600, height = 900): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#ff8a65"/><stop offset="0.6" stop-color="#ffd54f"/>
      <stop offset="0.6" stop-color="#66bb6a"/><stop offset="1" stop-color="#2e7d32"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#sky)"/>
    <circle cx="${width * 0.7}" cy="${height * 0.45}" r="${height * 0.12}" fill="#fff3e0"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/**
 * Gives an entry inserted for a voting test a real file, uploaded and processed as its unit's
 * would have been while it was a draft (its category takes images and clips; the entry is its
 * new contestant's draft for the upload, then back in its status). Returns the file's id.
 */
export async function uploadFor(
  t: TestApp,
  entryId: string,
  file: { kind: 'image' } | { kind: 'clip'; dir: string },
): Promise<string> {
  const { rows } = await t.db.query<{ status: string; unit_id: string; category_id: string }>(
    'SELECT status, unit_id, category_id FROM entries WHERE id = $1',
    [entryId],
  );
  const entry = rows[0];
  const owner: TestUser = await createUser(t, UserRole.Contestant, { unitId: entry.unit_id });
  await t.db.query(
    `UPDATE contest_categories SET rules = jsonb_set(rules, '{media}', $2) WHERE id = $1`,
    [entry.category_id, JSON.stringify(MEDIA_RULES)],
  );
  await t.db.query(`UPDATE entries SET owner_id = $2, status = 'draft' WHERE id = $1`, [
    entryId,
    owner.id,
  ]);
  const [bytes, name] =
    file.kind === 'image'
      ? [await photo(), 'anh-sinh-hoat.jpg']
      : [
          await makeClip(file.dir, `clip-${entryId}.mp4`, {
            width: 1280,
            height: 720,
            seconds: 2,
          }),
          'clip.mp4',
        ];
  const up = await t
    .http()
    .post(`/media/uploads?entryId=${entryId}`)
    .set('Authorization', owner.auth)
    .attach('file', bytes, { filename: name });
  if (up.status !== 201) throw new Error(`upload: ${up.status} ${JSON.stringify(up.body)}`);
  await waitForStatus(t, up.body.id as string, ['ready'], 60_000);
  await t.db.query(`UPDATE entries SET status = $2 WHERE id = $1`, [entryId, entry.status]);
  return up.body.id as string;
}

/** Publishes an entry through the API (its organizers), as a contest does before the vote. */
export async function publishEntry(t: TestApp, organizer: TestUser, entryId: string) {
  const res = await t
    .http()
    .post(`/entries/${entryId}/publish`)
    .set('Authorization', organizer.auth);
  if (res.status !== 200) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.publicUrl as string;
}
