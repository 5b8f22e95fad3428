// `npm start`: builds when the sources changed since the last build (or there is none), then
// runs the service in this very process. npm runs the script as `exec node scripts/start.mjs`,
// so this process is npm's direct child and receives the SIGTERM/SIGINT npm forwards, as node
// itself would: the service shuts down gracefully and npm exits with its code. No second
// process is left behind holding the data folder.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, ROOT } from './build-stamp.mjs';

await ensureBuilt();
await import(pathToFileURL(join(ROOT, 'dist', 'src', 'main.js')).href);
