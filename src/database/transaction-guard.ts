import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/** Set while a transaction's callback runs (and in everything it starts). */
const insideTransaction = new AsyncLocalStorage<true>();
let managerPatched = false;

/** What to do when code inside a transaction asks the pool for another connection. */
export type SecondConnectionAction = 'throw' | 'log';

export class SecondConnectionError extends Error {
  constructor() {
    super(
      'A query inside a transaction asked the pool for a second connection: read and write ' +
        "through the transaction's own manager (on the embedded database the pool has one " +
        'connection, so this would wait for itself; on a server it would run outside the transaction)',
    );
    this.name = 'SecondConnectionError';
  }
}

/**
 * Every transaction callback runs in an async context that marks it, once per process. A nested
 * `manager.transaction` on the transaction's own manager reuses its connection (savepoints), so
 * it never reaches the pool.
 */
function markTransactions(): void {
  if (managerPatched) return;
  managerPatched = true;
  const original = EntityManager.prototype.transaction;
  const patched = function (this: EntityManager, ...args: unknown[]): Promise<unknown> {
    const index = typeof args[0] === 'function' ? 0 : 1;
    const run = args[index] as (m: EntityManager) => Promise<unknown>;
    if (typeof run === 'function')
      args[index] = (m: EntityManager) => insideTransaction.run(true, () => run(m));
    return (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
  };
  EntityManager.prototype.transaction = patched;
}

/**
 * Guards a data source against a whole class of defects: code that, inside a transaction, runs
 * a query on another pooled connection instead of the transaction's manager. On the embedded
 * database (one connection) that query waits for the connection its own transaction holds until
 * the pool gives up; on a server it silently runs outside the transaction. The guard refuses it
 * at once (`throw`) or logs it with its stack (`log`).
 */
export function guardSecondConnections(dataSource: DataSource, action: SecondConnectionAction) {
  markTransactions();
  const driver = dataSource.driver as PostgresDriver;
  const obtain = driver.obtainMasterConnection.bind(driver);
  const logger = new Logger('Database');
  driver.obtainMasterConnection = () => {
    if (insideTransaction.getStore()) {
      const error = new SecondConnectionError();
      if (action === 'throw') return Promise.reject(error);
      logger.error(error.stack ?? error.message);
    }
    return obtain();
  };
}

/** Runs `work` outside any transaction's context (for work a transaction starts but does not own). */
export function outsideTransaction<T>(work: () => T): T {
  return insideTransaction.exit(work);
}
