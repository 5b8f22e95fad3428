import type { Pool, PoolClient } from 'pg';

/**
 * One hot statement run on the pool's connections as a named prepared statement, planned
 * afresh for each execution's parameters.
 *
 * Named: each connection parses and analyses the text once, instead of on every execution
 * (for the vote intake's batch statement, about 4 % of the database's CPU per batch).
 *
 * Planned per execution: on each connection it runs on, `plan_cache_mode` is set to
 * `force_custom_plan` first. Without that, PostgreSQL switches a prepared statement to a
 * generic plan after five executions when that plan's estimated cost looks lower. For a
 * statement over `unnest` of array parameters, the generic plan guesses 10 rows where a batch
 * has a thousand. It joins them with nested loops and costs about 4× the CPU per vote.
 * (The pool's other statements are unnamed and always planned for their parameters, so the
 * setting changes nothing for them.)
 *
 * On the embedded database (PGlite) every connection shares one session, so prepared
 * statement names would collide between connections: there the text runs unnamed.
 */
export class PreparedStatement<R> {
  private readonly ready = new WeakSet<PoolClient>();
  private named?: Promise<boolean>;

  constructor(
    private readonly pool: () => Pool,
    private readonly name: string,
    private readonly text: string,
  ) {}

  async rows(values: unknown[]): Promise<R[]> {
    const pool = this.pool();
    if (!(await this.canName(pool))) return (await pool.query({ text: this.text, values })).rows;
    const client = await pool.connect();
    let failed: Error | undefined;
    // A checked-out client has no listener of the pool's: a connection that dies under it
    // (the server stopped or restarted) emits 'error', which without one ends the process.
    // The query in flight is rejected as well, and the connection is closed on release.
    const onError = (err: Error) => (failed ??= err);
    client.on('error', onError);
    try {
      if (!this.ready.has(client)) {
        await client.query('SET plan_cache_mode = force_custom_plan');
        this.ready.add(client);
      }
      return (await client.query({ name: this.name, text: this.text, values })).rows;
    } catch (err) {
      failed ??= err as Error;
      throw err;
    } finally {
      client.removeListener('error', onError);
      // As pool.query does: a connection that failed is closed, not reused.
      client.release(failed);
    }
  }

  /** Whether the server keeps a session per connection (not PGlite); asked once. */
  private canName(pool: Pool): Promise<boolean> {
    this.named ??= pool.query<{ v: string }>('SELECT version() AS v').then(
      (r) => !/PGlite/i.test(r.rows[0].v),
      (err: unknown) => {
        this.named = undefined;
        throw err;
      },
    );
    return this.named;
  }
}
