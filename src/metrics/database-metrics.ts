import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { Metrics } from './metrics.service';

const TIMED = Symbol('hoithi.timedQuery');

/**
 * The database pool's use (read when scraped) and every statement's duration: each client of
 * the pool gets its `query` wrapped once, when it connects (two clock reads and one histogram
 * observation per statement). Adapter code: the only part of metrics that touches the driver.
 */
@Injectable()
export class DatabaseMetrics implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool | undefined;
    if (!pool) return;
    const histogram = this.metrics.dbQuery;
    const time = (client: PoolClient) => timeQueries(client, (s) => histogram.observe(s));
    pool.on('connect', time);
    // clients opened before this (the migrations', at boot)
    const open = (pool as unknown as { _clients?: PoolClient[] })._clients ?? [];
    for (const client of open) time(client);
    this.metrics.gauge(
      'hoithi_db_pool_connections',
      'Connections of this instance to the database, by state (total, idle, waiting = requests waiting for one, max)',
      ['state'],
      (set) => {
        set({ state: 'total' }, pool.totalCount);
        set({ state: 'idle' }, pool.idleCount);
        set({ state: 'waiting' }, pool.waitingCount);
        set({ state: 'max' }, pool.options.max ?? 10);
      },
    );
  }
}

function timeQueries(client: PoolClient, observe: (seconds: number) => void): void {
  const target = client as unknown as Record<symbol, boolean> & {
    query: (...args: unknown[]) => unknown;
  };
  if (target[TIMED]) return;
  target[TIMED] = true;
  const original = target.query;
  target.query = function timedQuery(this: unknown, ...args: unknown[]) {
    const first = args[0] as { submit?: unknown } | undefined;
    // a submittable (cursor, stream) reports its own end; not timed
    if (first && typeof first.submit === 'function') return original.apply(this, args);
    const t0 = performance.now();
    const done = () => observe((performance.now() - t0) / 1000);
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (...r: unknown[]) => unknown;
      args[last] = function (this: unknown, ...r: unknown[]) {
        done();
        return callback.apply(this, r);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(done, done);
    return result;
  };
}
