import sharp from 'sharp';
import { UserRole } from '../src/users/entities/user.entity';
import { createUser } from './support/fixtures';
import { startTestApp } from './support/test-app';
import { putEntry } from './media-support';
it('boots', async () => {
  const t = await startTestApp({ UPLOADS_DIR: '/tmp/mscratch/u', LOG_LEVEL: 'warn' });
  const owner = await createUser(t, UserRole.Contestant);
  const entryId = putEntry(t, { ownerId: owner.id });
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#123' } })
    .png()
    .toBuffer();
  const r = await t
    .http()
    .post(`/media/uploads?entryId=${entryId}`)
    .set('Authorization', owner.auth)
    .attach('file', png, { filename: 'a.png' })
    .timeout(5000)
    .catch((e: Error) => e);
  console.log(r instanceof Error ? r.message : [r.status, JSON.stringify(r.body)]);
  if (!(r instanceof Error)) {
    for (let i = 0; i < 30; i++) {
      const { rows } = await t.db.query(
        'SELECT status, reason, derivatives FROM media_items WHERE id = $1',
        [r.body.id],
      );
      const jobs = await t.db.query('SELECT state, attempts, last_error FROM jobs');
      console.log(JSON.stringify(rows[0]), JSON.stringify(jobs.rows));
      if (rows[0].status !== 'processing') break;
      await new Promise((res) => setTimeout(res, 500));
    }
  }
  await t.close();
}, 20000);
