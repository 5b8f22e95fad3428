import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { loadConfig } from '../src/config/config';
import { S3Storage } from '../src/storage/s3.storage';
import { removeDir, tempDir } from './media-support';
import { startTestS3, TestS3 } from './support/s3';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data).digest();
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** AWS Signature V4 of a presigned GET URL (query authentication, host the only signed header). */
function expectedSignature(presigned: string, secret: string): string {
  const url = new URL(presigned);
  const params = [...url.searchParams.entries()].filter(([k]) => k !== 'X-Amz-Signature');
  const query = params
    .map(([k, v]) => [rfc3986(k), rfc3986(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonical = [
    'GET',
    url.pathname,
    query,
    `host:${url.host}`,
    '',
    'host',
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const amzDate = url.searchParams.get('X-Amz-Date')!;
  const [, date, region, service] = url.searchParams.get('X-Amz-Credential')!.split('/');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex');
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The S3 object store behind the storage interface, against s3rver (an S3-compatible server
 * that checks request signatures): multipart upload of a large object, ranged reads, the local
 * copy for processing on another instance, presigned downloads, removal, listing, and a store
 * that cannot be reached.
 */
describe('S3 media storage', () => {
  let s3: TestS3;
  let rootA: string;
  let rootB: string;
  let a: S3Storage;
  let b: S3Storage;
  const big = randomBytes(20 * 1024 * 1024 + 12345);

  const storage = (root: string, env: Record<string, string> = {}) => {
    const config = loadConfig({ NODE_ENV: 'test', UPLOADS_DIR: root, ...s3.env, ...env });
    const st = new S3Storage(root, config.media.s3!);
    st.init();
    return st;
  };

  beforeAll(async () => {
    s3 = await startTestS3();
    rootA = tempDir('s3-a');
    rootB = tempDir('s3-b');
    a = storage(rootA, { S3_PRESIGNED_DOWNLOADS: 'true' });
    b = storage(rootB);
  });

  afterAll(async () => {
    await s3?.close();
    removeDir(rootA);
    removeDir(rootB);
  });

  it('stores a large file in parts and reads it whole and by range, from another instance too', async () => {
    const file = await a.writeTemp(Readable.from([big]));
    expect(file.sha256).toBe(sha256(big));
    const stored = await a.commit(file.path, file.sha256, file.size);
    expect(stored).toEqual({ key: sha256(big), size: big.length, existed: false });
    expect(existsSync(file.path)).toBe(false);

    // the other instance has nothing local: everything comes from the store
    expect(await b.stat(stored.key)).toMatchObject({ size: big.length });
    expect(sha256(await bytesOf(b.read(stored.key)))).toBe(sha256(big));
    const start = 8 * 1024 * 1024 - 10;
    const end = 8 * 1024 * 1024 + 100;
    expect(
      (await bytesOf(b.read(stored.key, { start, end }))).equals(big.subarray(start, end + 1)),
    ).toBe(true);

    const local = await b.localFile(stored.key);
    expect(local.startsWith(rootB)).toBe(true);
    expect(sha256(readFileSync(local))).toBe(sha256(big));

    const keys: string[] = [];
    for await (const k of b.list()) keys.push(k);
    expect(keys).toContain(stored.key);

    // the same content again: nothing new is written
    const again = await b.writeTemp(Readable.from([big]));
    expect(await b.commit(again.path, again.sha256)).toMatchObject({ existed: true });
    expect(existsSync(again.path)).toBe(false);
  });

  it('gives presigned download URLs that the store honours, signed as AWS Signature V4 says', async () => {
    const small = Buffer.from('Bài dự thi — tệp nhỏ\n');
    const file = await a.writeTemp(Readable.from([small]));
    const { key } = await a.commit(file.path, file.sha256);
    const url = await a.downloadUrl(key, {
      contentType: 'text/plain; charset=utf-8',
      contentDisposition: 'attachment; filename="bai.txt"',
    });
    expect(url).toMatch(/X-Amz-Signature=/);
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(small)).toBe(true);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="bai.txt"');

    const ranged = await fetch(url!, { headers: { range: 'bytes=0-3' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(small.subarray(0, 4))).toBe(true);

    // s3rver checks the key id and the expiry of a presigned URL, not its signature: the
    // signature is checked here against AWS Signature V4 computed independently
    expect(expectedSignature(url!, 'S3RVER')).toBe(
      new URL(url!).searchParams.get('X-Amz-Signature'),
    );
    expect(new URL(url!).searchParams.get('X-Amz-Expires')).toBe('300');
    const otherKey = url!.replace('X-Amz-Credential=S3RVER', 'X-Amz-Credential=NOBODY');
    expect((await fetch(otherKey)).status).toBe(403);
    // presigned downloads are off unless asked for
    expect(await b.downloadUrl(key, { contentType: 'x/y', contentDisposition: 'inline' })).toBe(
      undefined,
    );
  });

  it('removes an object from the store and from the local copies', async () => {
    const data = randomBytes(1000);
    const file = await a.writeTemp(Readable.from([data]));
    const { key } = await a.commit(file.path, file.sha256);
    const local = await b.localFile(key);
    await a.remove(key);
    await b.remove(key);
    expect(await a.stat(key)).toBeNull();
    expect(existsSync(local)).toBe(false);
    await expect(bytesOf(a.read(key))).rejects.toMatchObject({ code: 'storage.missing' });
    await expect(a.remove(key)).resolves.toBeUndefined();
  });

  it('answers 503 storage.unavailable when the store cannot be reached, keeping nothing', async () => {
    const root = tempDir('s3-down');
    try {
      const down = storage(root, { S3_ENDPOINT: 'http://127.0.0.1:9' });
      await expect(down.check()).rejects.toBeDefined();
      await expect(a.check()).resolves.toBeUndefined();
      const path = join(root, 'tmp', 'x');
      writeFileSync(path, 'abc');
      await expect(down.commit(path, sha256(Buffer.from('abc')))).rejects.toMatchObject({
        code: 'storage.unavailable',
        status: 503,
      });
      expect(existsSync(path)).toBe(false);
      await expect(text(down.read(sha256(Buffer.from('abc'))))).rejects.toMatchObject({
        code: 'storage.unavailable',
      });
    } finally {
      removeDir(root);
    }
  });
});
