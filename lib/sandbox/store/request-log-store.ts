import { sql, type Kysely } from 'kysely';

import { AuthStore } from './auth-store';
import { prepare } from './prepared';
import type { RequestLogRow, Tables } from './schema';

/** The request log's columns in the order the prepared insert takes them. */
const LOG_COLUMNS = [
  'tenant_id',
  'request_id',
  'received_at',
  'duration_us',
  'method',
  'path',
  'query',
  'request_headers',
  'request_body',
  'request_body_bytes',
  'request_body_truncated',
  'status',
  'response_headers',
  'response_body',
  'response_body_bytes',
  'response_body_truncated',
] as const satisfies readonly (keyof RequestLogRow)[];

/**
 * Most request-log entries one insert writes: each row count is its own SQL text, which PostgreSQL keeps as a named
 * prepared statement per connection (store/database.ts), so the number of texts stays bounded.
 */
const LOG_BATCH = 32;

/** How long a request-log entry waits for others to be written with it, in ms (both databases). */
const LOG_DELAY_MS = 10;

/** Entries waiting at most; past it new ones are dropped (the lookup then answers 404). */
const LOG_QUEUE_MAX = 5_000;

/**
 * Each tenant's request log (lib/sandbox/request-log.ts): entries written behind the response in batches, trimmed to
 * the tenant's newest `cap`, and looked up by tenant and request ID. Every query names its tenant.
 */
export class RequestLogStore extends AuthStore {
  /**
   * Adds an entry to its tenant's request log, then deletes the tenant's entries older than its newest `cap`.
   * Entries are written behind the response, in batches: every LOG_DELAY_MS or LOG_BATCH entries, one batch at a time
   * (SQLite: one transaction, one prepared insert per entry; PostgreSQL: one insert of the batch's rows, without
   * BEGIN/COMMIT round trips). Resolves at once: the response never waits for the log. Why: a `GET /v1/projects`
   * waiting for its own log entry ran at half the rate (SQLite: ~9,400 -> ~4,800 req/s in `npm run bench`'s setup;
   * PostgreSQL: two more round trips per request). loggedRequest writes this instance's waiting entries first and, on
   * a miss, looks again after LOG_DELAY_MS, so a lookup right after a response finds it on any instance.
   * No lock on the tenant: batches on several instances may leave a few entries over `cap` until the next trim, and
   * loggedRequest reads only the newest `cap`, so a lookup sees exactly the cap. An entry the database refuses (e.g.
   * its tenant was purged meanwhile) is dropped.
   */
  logRequest(entry: RequestLogRow, cap: number): Promise<void> {
    // A stalled database must not grow the queue without end (each entry holds up to 32 KiB of bodies).
    if (this.unwrittenLog.length >= LOG_QUEUE_MAX) return Promise.resolve();
    const written = new Promise<void>((resolve, reject) => this.unwrittenLog.push({ entry, cap, resolve, reject }));
    written.catch(() => undefined);
    const waiting = this.unwrittenLog.length;
    if (waiting >= LOG_BATCH) void this.writeLog();
    else if (waiting === 1) setTimeout(() => void this.writeLog(), LOG_DELAY_MS).unref();
    return Promise.resolve();
  }

  /** Writes every request-log entry still waiting (lookups and close() call it first). */
  flushLog(): Promise<void> {
    return this.writeLog();
  }

  /** Writes what is waiting, then closes the database. */
  override async close(): Promise<void> {
    await this.flushLog();
    await super.close();
  }

  private unwrittenLog: {
    entry: RequestLogRow;
    cap: number;
    resolve: () => void;
    reject: (error: unknown) => void;
  }[] = [];

  /** The log's writes, one batch after another (a lookup awaiting it sees every entry queued before it). */
  private logWriting: Promise<void> = Promise.resolve();

  /** Queues a write of the entries waiting then (in batches of LOG_BATCH) after the writes already queued. */
  private writeLog(): Promise<void> {
    this.logWriting = this.logWriting.then(async () => {
      while (this.unwrittenLog.length > 0) await this.writeBatch(this.unwrittenLog.splice(0, LOG_BATCH));
    });
    return this.logWriting;
  }

  /** Writes one batch; a failed batch is retried entry by entry, so one bad entry fails alone. Never rejects. */
  private async writeBatch(batch: typeof this.unwrittenLog): Promise<void> {
    const caps = new Map(batch.map(({ entry, cap }) => [entry.tenant_id, cap]));
    const write = async (db: Kysely<Tables>) => {
      // SQLite: the prepared one-row insert per entry (one transaction) costs less than compiling a many-row insert.
      if (batch.length === 1 || this.dialect === 'sqlite')
        for (const { entry } of batch) await this.insertLog.on(db)(...LOG_COLUMNS.map((column) => entry[column]));
      else
        await db
          .insertInto('request_log')
          .values(batch.map(({ entry }) => entry))
          .execute();
      for (const [tenantId, cap] of caps) await this.trimLog.on(db)(tenantId, cap);
    };
    try {
      await (this.dialect === 'sqlite' ? this.db.transaction().execute(write) : write(this.db));
      batch.forEach(({ resolve }) => resolve());
    } catch {
      for (const { entry, cap, resolve, reject } of batch)
        await this.insertLog(...LOG_COLUMNS.map((column) => entry[column]))
          .then(() => this.trimLog(entry.tenant_id, cap))
          .then(resolve, reject);
    }
  }

  private readonly insertLog = prepare(this.db, LOG_COLUMNS.length, (...values: unknown[]) =>
    this.db
      .insertInto('request_log')
      .values(Object.fromEntries(LOG_COLUMNS.map((column, index) => [column, values[index]])) as RequestLogRow),
  );

  private readonly trimLog = prepare(this.db, 2, (tenantId: string, cap: number) =>
    this.db
      .deleteFrom('request_log')
      .where('tenant_id', '=', tenantId)
      .where('seq', '<=', (eb) =>
        eb
          .selectFrom('request_log')
          .select('seq')
          .where('tenant_id', '=', tenantId)
          .orderBy('seq', 'desc')
          .limit(1)
          .offset(cap),
      ),
  );

  /**
   * The newest entry of a tenant's request log with this request ID, among the tenant's newest `cap` entries (IDs
   * are not unique: a caller may send its own X-Request-ID); another tenant's entry is undefined, as if absent.
   */
  async loggedRequest(tenantId: string, requestId: string, cap: number): Promise<RequestLogRow | undefined> {
    await this.flushLog();
    const found = await this.findLogged(tenantId, requestId, cap);
    if (found) return found;
    // Another instance writes its entries within LOG_DELAY_MS of answering: look once more after that.
    await new Promise((resolve) => setTimeout(resolve, LOG_DELAY_MS * 3));
    await this.flushLog();
    return this.findLogged(tenantId, requestId, cap);
  }

  private findLogged(tenantId: string, requestId: string, cap: number): Promise<RequestLogRow | undefined> {
    return this.db
      .selectFrom('request_log')
      .select(LOG_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('request_id', '=', requestId)
      .where('seq', '>=', (eb) =>
        eb.fn.coalesce(
          eb
            .selectFrom('request_log')
            .select('seq')
            .where('tenant_id', '=', tenantId)
            .orderBy('seq', 'desc')
            .limit(1)
            .offset(cap - 1)
            .$asScalar(),
          sql.lit(0),
        ),
      )
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
  }
}
