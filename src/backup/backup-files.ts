import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const KEY = /^[0-9a-f]{64}$/;

export const MANIFEST = 'manifest.json';
export const PG_DUMP_FILE = 'database.pgdump';
export const LOGICAL_DIR = 'database';

/** A stored file whose bytes do not hash to its name. */
export class CorruptObject extends Error {}

/**
 * The folder a backup is written to and restored from: `manifest.json` (written last: a folder
 * without it is not a backup), the database (`database.pgdump`, or `database/` with one file
 * per table), and the media objects under `objects/<first two digits>/<sha256>`.
 */
export class BackupFolder {
  constructor(readonly dir: string) {}

  /** A folder for a new backup: it must not exist or be empty. */
  async create(): Promise<void> {
    const entries = await readdir(this.dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[];
      throw err;
    });
    if (entries.length) throw new Error('backup_dir_not_empty');
    await mkdir(join(this.dir, 'objects'), { recursive: true });
  }

  async exists(): Promise<boolean> {
    return stat(join(this.dir, MANIFEST)).then(
      () => true,
      () => false,
    );
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  private objectPath(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a content key: ${key}`);
    return join(this.dir, 'objects', key.slice(0, 2), key);
  }

  async hasObject(key: string): Promise<boolean> {
    return stat(this.objectPath(key)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  /** Writes an object from `source`, checking that its bytes hash to its key. */
  async putObject(key: string, source: Readable): Promise<number> {
    const target = this.objectPath(key);
    await mkdir(join(this.dir, 'objects', key.slice(0, 2)), { recursive: true });
    const part = `${target}.part`;
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(part));
      if (hash.digest('hex') !== key) throw new CorruptObject(key);
      await rename(part, target);
      return size;
    } catch (err) {
      await rm(part, { force: true });
      throw err;
    }
  }

  readObject(key: string): Readable {
    return createReadStream(this.objectPath(key));
  }

  async *objects(): AsyncIterable<string> {
    const root = join(this.dir, 'objects');
    for (const prefix of (await readdir(root).catch(() => [] as string[])).sort()) {
      for (const key of (await readdir(join(root, prefix)).catch(() => [] as string[])).sort()) {
        if (KEY.test(key)) yield key;
      }
    }
  }

  async writeManifest(manifest: object): Promise<void> {
    const tmp = join(this.dir, `${MANIFEST}.part`);
    await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(tmp, join(this.dir, MANIFEST));
  }

  async readManifest(): Promise<unknown> {
    return JSON.parse(await readFile(join(this.dir, MANIFEST), 'utf8')) as unknown;
  }

  async makeLogicalDir(): Promise<string> {
    const dir = join(this.dir, LOGICAL_DIR);
    await mkdir(dir, { recursive: true });
    return dir;
  }
}
