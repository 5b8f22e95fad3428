/**
 * The reference for the upload benchmark: a bare Node HTTP server that streams each request
 * body to a file while hashing it (SHA-256) and fsyncs it before answering, as little as a
 * server can do with the same durability as ours. Started by
 * media.bench.ts with the folder to write in UPLOAD_DIR.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const dir = process.env.UPLOAD_DIR!;
const server = createServer((req, res) => {
  const hash = createHash('sha256');
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const path = join(dir, randomBytes(8).toString('hex'));
  // as durable as ours: the bytes are on disk (fsync) before the upload is acknowledged
  pipeline(req, meter, createWriteStream(path))
    .then(async () => {
      const handle = await open(path, 'r+');
      await handle.sync();
      await handle.close();
    })
    .then(
      () => res.writeHead(204, { 'x-sha256': hash.digest('hex') }).end(),
      () => res.writeHead(500).end(),
    );
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.send!({ type: 'ready', url: `http://127.0.0.1:${port}` });
});
process.on('message', (msg: { type: string }) => {
  if (msg.type === 'stop') server.close(() => process.exit(0));
});
