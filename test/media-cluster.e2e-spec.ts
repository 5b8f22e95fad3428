import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import * as tus from 'tus-js-client';
import { InMemoryEntryCatalog } from '../src/media/entry-catalog';
import { MEDIA_STORAGE, MediaStorage } from '../src/storage/storage';
import { UserRole } from '../src/users/entities/user.entity';
import { ALL_KINDS, filesUnder, removeDir, sha256, tempDir, waitForStatus } from './media-support';
import { createUser, login, TestUser } from './support/fixtures';
import { startTestS3, TestS3 } from './support/s3';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

/** The bytes of a file, following a redirect to the object store the way a browser does. */
async function getBytes(t: TestApp, path: string, auth: string, range?: string) {
  const res = await fetch(`${t.url}${path}`, {
    headers: { authorization: auth, ...(range ? { range } : {}) },
  });
  return {
    status: res.status,
    headers: res.headers,
    redirected: res.redirected,
    body: Buffer.from(await res.arrayBuffer()),
  };
}

/** Sends `data` with tus from `from`; gives up once more than `stopAt` bytes are acknowledged. */
function tusSend(
  data: Buffer,
  opts: { endpoint?: string; uploadUrl?: string; auth: string; entryId: string; stopAt?: number },
): Promise<{ url: string | null; stoppedAt?: number; error?: Error; mediaId?: string }> {
  return new Promise((resolve) => {
    const upload: tus.Upload = new tus.Upload(data, {
      endpoint: opts.endpoint,
      uploadUrl: opts.uploadUrl,
      chunkSize: 256 * 1024,
      retryDelays: null,
      storeFingerprintForResuming: false,
      headers: { Authorization: opts.auth },
      metadata: {
        entryId: opts.entryId,
        filename: 'Ảnh sinh hoạt chi hội.jpg',
        filetype: 'image/jpeg',
      },
      onChunkComplete: (_chunk, accepted) => {
        if (opts.stopAt !== undefined && accepted > opts.stopAt) {
          void upload.abort().then(() => resolve({ url: upload.url, stoppedAt: accepted }));
        }
      },
      onSuccess: (payload) =>
        resolve({
          url: upload.url,
          mediaId: payload.lastResponse.getHeader('Media-Id') ?? undefined,
        }),
      onError: (error) => resolve({ url: upload.url, error }),
    });
    upload.start();
  });
}

/**
 * Two instances behind a load balancer, as deployed: one PostgreSQL, one Redis, one media store,
 * both taking media jobs. A resumable upload begun on one instance is finished on the other;
 * its processing job runs once, and both instances serve the file and its derivatives by range.
 * The media store is a shared folder, then an S3-compatible store (objects in the store; the
 * folder of uploads in progress shared; one instance sends downloads to presigned URLs).
 */
describe.each([
  ['a shared folder', false],
  ['an S3-compatible store', true],
])('two instances sharing PostgreSQL, Redis and %s', (_name, useS3) => {
  let db: TestDatabase;
  let s3: TestS3 | undefined;
  let shared: string;
  let a: TestApp;
  let b: TestApp;
  let owner: TestUser;
  let photo: Buffer;

  beforeAll(async () => {
    shared = tempDir('cluster-media');
    s3 = useS3 ? await startTestS3() : undefined;
    db = await createTestDatabase();
    const env = {
      JWT_SECRET: randomBytes(32).toString('hex'),
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `hoithi-test-${randomBytes(4).toString('hex')}`,
      UPLOADS_DIR: shared,
      MEDIA_WORKER: 'true',
      JOB_POLL_MS: '50',
      ...(s3?.env ?? {}),
    };
    a = await startTestApp(env, db);
    // with the S3 store, this one sends downloads to presigned URLs of the store
    b = await startTestApp(useS3 ? { ...env, S3_PRESIGNED_DOWNLOADS: 'true' } : env, db);
    owner = await createUser(a, UserRole.Contestant);
    // a 2400×1600 photo of noise: about 3 MB, a dozen chunks
    photo = await sharp(randomBytes(2400 * 1600 * 3), {
      raw: { width: 2400, height: 1600, channels: 3 },
    })
      .jpeg({ quality: 90 })
      .toBuffer();
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
    await s3?.close();
    removeDir(shared);
  });

  it('an upload begun on one instance finishes on the other, is processed once and served by both with Range', async () => {
    const entryId = randomUUID();
    const facts = {
      status: 'draft' as const,
      published: false,
      blindJudging: false,
      organizerIds: [],
      judgeIds: [],
      rules: ALL_KINDS,
      ownerId: owner.id,
    };
    // the media feature's entry facts are kept per instance: both learn the entry
    a.app.get(InMemoryEntryCatalog).put(entryId, facts);
    b.app.get(InMemoryEntryCatalog).put(entryId, facts);

    const first = await tusSend(photo, {
      endpoint: `${a.url}/media/uploads/tus`,
      auth: owner.auth,
      entryId,
      stopAt: photo.length / 3,
    });
    expect(first.error).toBeUndefined();
    expect(first.stoppedAt).toBeLessThan(photo.length);
    const uploadId = first.url!.split('/').pop()!;
    expect(first.url!.startsWith(a.url)).toBe(true);

    // the client comes back through the load balancer and lands on the other instance, with a
    // token of its own from there
    const onB = await login(b, owner.email);
    const head = await fetch(`${b.url}/media/uploads/tus/${uploadId}`, {
      method: 'HEAD',
      headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${onB.accessToken}` },
    });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('upload-offset'))).toBe(first.stoppedAt);
    const second = await tusSend(photo, {
      uploadUrl: `${b.url}/media/uploads/tus/${uploadId}`,
      auth: `Bearer ${onB.accessToken}`,
      entryId,
    });
    expect(second.error).toBeUndefined();
    const mediaId = second.mediaId!;
    expect(mediaId).toMatch(/^[0-9a-f-]{36}$/);

    const { rows } = await a.db.query<{ sha256: string; size_bytes: string }>(
      'SELECT sha256, size_bytes FROM media_items WHERE id = $1',
      [mediaId],
    );
    expect(rows[0].sha256).toBe(sha256(photo));
    expect(Number(rows[0].size_bytes)).toBe(photo.length);
    expect((await waitForStatus(a, mediaId, ['ready', 'rejected', 'failed'])).status).toBe('ready');

    // one job, run once, by one of the two workers (marked done just after the file is ready)
    const jobOf = () =>
      a.db.query<{ state: string; attempts: number }>(
        `SELECT state, attempts FROM jobs WHERE payload->>'mediaId' = $1`,
        [mediaId],
      );
    let jobs = await jobOf();
    for (let i = 0; i < 100 && jobs.rows[0]?.state === 'active'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      jobs = await jobOf();
    }
    expect(jobs.rows).toEqual([{ state: 'done', attempts: 1 }]);
    const item = await a.db.query<{ derivatives: Record<string, { key: string }> }>(
      'SELECT derivatives FROM media_items WHERE id = $1',
      [mediaId],
    );
    const derived = Object.values(item.rows[0].derivatives).map((d) => d.key);
    expect(derived).toHaveLength(2);
    // stored: the original and its two derivatives, nothing else (no second set of versions)
    const stored: string[] = [];
    for await (const key of a.app.get<MediaStorage>(MEDIA_STORAGE).list()) stored.push(key);
    expect(stored.sort()).toEqual([sha256(photo), ...derived].sort());
    if (useS3) expect(filesUnder(`${shared}/objects`)).toEqual([]);

    for (const t of [a, b]) {
      const health = await fetch(`${t.url}/health`);
      expect(
        ((await health.json()) as { checks: { storage: { status: string } } }).checks.storage
          .status,
      ).toBe('ok');
      const auth = t === a ? owner.auth : `Bearer ${onB.accessToken}`;
      const whole = await getBytes(t, `/media/${mediaId}/original`, auth);
      expect(whole.status).toBe(200);
      expect(sha256(whole.body)).toBe(sha256(photo));
      const part = await getBytes(t, `/media/${mediaId}/original`, auth, 'bytes=1000-1999');
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${photo.length}`);
      expect(part.body.equals(photo.subarray(1000, 2000))).toBe(true);
      const thumb = await getBytes(t, `/media/${mediaId}/thumb`, auth, 'bytes=0-11');
      expect(thumb.status).toBe(206);
      const presigned = useS3 && t === b;
      expect([whole.redirected, part.redirected, thumb.redirected]).toEqual([
        presigned,
        presigned,
        presigned,
      ]);
      expect(whole.headers.get('content-disposition')).toMatch(/^attachment;/);
      // a WebP file: RIFF....WEBP
      expect(thumb.body.subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(thumb.body.subarray(8, 12).toString('latin1')).toBe('WEBP');
    }
  });
});
