import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGliteServer } from './pglite-server';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served over a loopback port so that the same
 * `pg` driver, TypeORM and migrations run on it as on a real server. `dataDir` undefined keeps
 * everything in memory (used by the migration tools and by tests when no server is reachable).
 * It is one session: clients take turns (see PGliteServer), and the application uses one
 * connection (see `limitPoolToOneSession`).
 */
export async function startEmbeddedPostgres(dataDir?: string, port = 0): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const releaseLock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir ? { dataDir } : {});
  } catch (err) {
    releaseLock();
    throw err;
  }
  const server = new PGliteServer(db, { host: '127.0.0.1', port, maxConnections: 16 });
  let hostPort: string;
  try {
    hostPort = await server.start();
  } catch (err) {
    await db.close();
    releaseLock();
    throw err;
  }
  return {
    url: `postgres://postgres:postgres@${hostPort}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
      releaseLock();
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process at a time may open an embedded data directory (two would corrupt it): a lock
 * file beside it holds the owner's pid; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = `${dataDir.replace(/[\\/]+$/, '')}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => rmSync(lockPath, { force: true });
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${owner}; stop it first, or set DATABASE_URL.`,
          { cause: err },
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir}`);
}
