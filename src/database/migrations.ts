import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

type MigrationClass = new () => unknown;

/**
 * Loads the migration classes from migrations/ (compiled .js in dist, .ts under the test
 * runner), in file-name order: file names start with a timestamp.
 */
export function loadMigrations(dir = MIGRATIONS_DIR): MigrationClass[] {
  if (!existsSync(dir)) return [];
  const ext = __filename.endsWith('.ts') ? '.ts' : '.js';
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts') && !f.startsWith('index.'))
    .sort();
  const classes: MigrationClass[] = [];
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(dir, file)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (typeof value === 'function' && /^class /.test(Function.prototype.toString.call(value))) {
        classes.push(value as MigrationClass);
      }
    }
  }
  return classes;
}
