import { sql, type Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';

import { openDatabase, type DatabaseOptions } from './database';
import { DeliveryStore } from './delivery-store';
import { prepare } from './prepared';
import type { IdempotencyClaim, ProjectRow, StoredResponse, Tables } from './schema';

export type { IssuanceCaps, RefreshRefusal } from './auth-store';
export { isPostgresUrl, type DatabaseOptions } from './database';
export type { AttemptRecord, ChangeRow, DeliveryRecord, MessageRecord } from './delivery-store';
export type { EndpointFields } from './webhook-store';
export type {
  CapHit,
  CapName,
  ClientRow,
  CodeRow,
  CredentialRow,
  AttemptRow,
  DeliveryRow,
  EndpointRow,
  MessageRow,
  IdempotencyClaim,
  Issuance,
  ProjectRow,
  RequestLogRow,
  StoredResponse,
  TenantRow,
  TicketRow,
} from './schema';

/** A tenant's tables, children before parents: the order a purge empties them in. */
const TENANT_TABLES = [
  ['request_log', 'seq'],
  ['webhook_changes', 'seq'],
  ['webhook_attempts', 'seq'],
  ['webhook_deliveries', 'id'],
  ['webhook_endpoints', 'id'],
  ['login_tickets', 'hash'],
  ['access_tokens', 'hash'],
  ['refresh_tokens', 'hash'],
  ['authorization_codes', 'hash'],
  ['grants', 'id'],
  ['deliveries', 'id'],
  ['projects', 'id'],
  ['personal_access_tokens', 'hash'],
  ['clients', 'id'],
] as const;

/**
 * Deletes up to `limit` idempotency records matching `column operator value` (their key has three columns, so the
 * batch is chosen by row value).
 * @returns how many were deleted.
 */
async function deleteIdempotencyRecords(
  db: Kysely<Tables>,
  column: 'tenant_id' | 'created_at',
  operator: '=' | '<=',
  value: string | number,
  limit: number,
): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where((eb) =>
      eb(
        eb.refTuple('tenant_id', 'client_key', 'idempotency_key'),
        'in',
        eb
          .selectFrom('idempotency_keys')
          .select(['tenant_id', 'client_key', 'idempotency_key'])
          .where(column, operator, value)
          .limit(limit)
          .$asTuple('tenant_id', 'client_key', 'idempotency_key'),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** One step of a tenant's purge: rows deleted, and whether the tenant is gone (`skipped`: another instance holds it). */
export type PurgeStep = { deleted: number; state: 'more' | 'done' | 'skipped' };

/**
 * The sandbox's storage: one async interface over SQLite (better-sqlite3) or PostgreSQL (pg), written once with the
 * typed query builder. Tenants and OAuth live in AuthStore, the request log in RequestLogStore, webhooks in WebhookStore
 * and DeliveryStore; this adds projects, idempotency records, rate windows and purging. Every lookup names its tenant; every write that must stay exact across instances
 * (caps, idempotency, rate windows, purge) relies on the database: a locked tenant row, a primary key, one atomic
 * upsert.
 */
export class SandboxStore extends DeliveryStore {
  /** Opens (and migrates) the database at `options.location` and returns its store. */
  static async open(options: DatabaseOptions): Promise<SandboxStore> {
    return new SandboxStore(await openDatabase(options));
  }

  /**
   * Serialised pages by tenant, environment, limit, offset and the page's (count, last seq) of the environment, the
   * most recently used: at most 2,000 pages and 4 MiB of JSON (a soak creating thousands of projects fills it with
   * states that never come back, and memory must stay flat). Exact on every instance without invalidation: a live
   * tenant's projects are only ever inserted (never updated; deleted only by the purge of an expired tenant, whose
   * credentials no longer work), so for one tenant and environment a count and the highest `seq` name exactly one set
   * of projects.
   * Why: serialising a page of 25 rows was the largest cost of `GET /v1/projects` (see lib/sandbox/README.md).
   */
  private readonly pages = new LRUCache<string, { total: number; json: string }>({
    max: 2_000,
    maxSize: 4 * 1024 * 1024,
    sizeCalculation: (page) => page.json.length + 64,
  });

  /** How many projects a tenant has in an environment and the highest `seq` among them (prepared: every list reads it). */
  private readonly pageState = prepare(this.db, 2, (tenantId: string, environment: string) =>
    this.db
      .selectFrom('projects')
      .where('tenant_id', '=', tenantId)
      .where('environment', '=', environment)
      .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.max<number | null>('seq').as('last')]),
  );

  /**
   * One page of a tenant's projects in an environment, oldest first, as `toJson` serialises it, and how many there
   * are in all. One small query on a repeat (count and highest `seq`); the rows are read, with their own count and
   * highest `seq` from the same statement (so from one snapshot), only for a page not seen in that state.
   */
  async projectPage(
    tenantId: string,
    environment: string,
    limit: number,
    offset: number,
    toJson: (rows: ProjectRow[]) => string,
  ): Promise<{ total: number; json: string }> {
    const [state] = await this.pageState(tenantId, environment);
    const key = (total: number, last: number | null) =>
      `${tenantId}|${environment}|${limit}|${offset}|${total}|${last}`;
    const total = Number(state!.total);
    if (offset >= total) return { total, json: '[]' };
    const cached = this.pages.get(key(total, state!.last));
    if (cached) return cached;
    const rows = await this.db
      .selectFrom('projects')
      .where('tenant_id', '=', tenantId)
      .where('environment', '=', environment)
      .select(['id', 'tenant_id', 'name', 'description', 'environment', 'region', 'default_branch', 'auto_deploy'])
      .select((eb) => [
        'created_at',
        eb.fn.countAll<number>().over().as('total'),
        eb.fn.max<number>('seq').over().as('last'),
      ])
      .orderBy('seq')
      .limit(limit)
      .offset(offset)
      .execute();
    if (rows.length === 0) return { total, json: '[]' };
    // The rows carry `total` and `last` too; toJson reads the project's fields only.
    const page = { total: Number(rows[0]!.total), json: toJson(rows) };
    this.pages.set(key(page.total, rows[0]!.last), page);
    return page;
  }

  /** A tenant's project by ID (another tenant's project is undefined, as if it did not exist). */
  project(tenantId: string, id: string): Promise<ProjectRow | undefined> {
    return this.db
      .selectFrom('projects')
      .select(['id', 'tenant_id', 'name', 'description', 'environment', 'region', 'default_branch', 'auto_deploy'])
      .select('created_at')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The tenant's oldest project (webhook events refer to it), or undefined. */
  firstProject(tenantId: string): Promise<ProjectRow | undefined> {
    return this.db
      .selectFrom('projects')
      .select(['id', 'tenant_id', 'name', 'description', 'environment', 'region', 'default_branch', 'auto_deploy'])
      .select('created_at')
      .where('tenant_id', '=', tenantId)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
  }

  /**
   * Claims an idempotency key of a tenant's client, or reports why not. Records are keyed by (tenant, client, key):
   * a client shared by several tenants (the console's public client) never sees another tenant's records. Records
   * older than `ttlMs` are forgotten. A new key is refused (`full`, nothing stored) while the tenant holds `cap`
   * live records, whichever client made them; a key already held is answered as usual. Concurrent claims of one key
   * on any number of instances: the tenant's row lock orders them and the primary key admits one record.
   * @param fingerprint - SHA-256 of the request (method, path, environment, body bytes).
   */
  claimIdempotencyKey(
    tenantId: string,
    clientKey: string,
    key: string,
    fingerprint: string,
    now: number,
    ttlMs: number,
    cap: number,
  ): Promise<IdempotencyClaim> {
    return this.db.transaction().execute(async (trx): Promise<IdempotencyClaim> => {
      await this.lockTenant(trx, tenantId);
      const record = trx
        .selectFrom('idempotency_keys')
        .where('tenant_id', '=', tenantId)
        .where('client_key', '=', clientKey)
        .where('idempotency_key', '=', key);
      const row = await record.selectAll().executeTakeFirst();
      if (row && row.created_at > now - ttlMs) {
        if (row.fingerprint !== fingerprint) return { state: 'mismatch' };
        if (row.state === 'in_flight') return { state: 'in_flight' };
        return {
          state: 'replay',
          response: {
            status: row.status ?? 201,
            headers: JSON.parse(row.headers ?? '{}') as Record<string, string>,
            body: row.body ?? '',
          },
        };
      }
      const live = await trx
        .selectFrom('idempotency_keys')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min<number | null>('created_at').as('oldest')])
        .where('tenant_id', '=', tenantId)
        .where('created_at', '>', now - ttlMs)
        .executeTakeFirstOrThrow();
      if (Number(live.n) >= cap) return { state: 'full', oldestAt: live.oldest ?? now };
      if (row)
        await trx
          .deleteFrom('idempotency_keys')
          .where('tenant_id', '=', tenantId)
          .where('client_key', '=', clientKey)
          .where('idempotency_key', '=', key)
          .execute();
      await trx
        .insertInto('idempotency_keys')
        .values({
          tenant_id: tenantId,
          client_key: clientKey,
          idempotency_key: key,
          fingerprint,
          state: 'in_flight',
          status: null,
          headers: null,
          body: null,
          created_at: now,
        })
        .execute();
      return { state: 'claimed' };
    });
  }

  /** Forgets a tenant's client's claimed key whose request failed before producing a response worth replaying. */
  async releaseIdempotencyKey(tenantId: string, clientKey: string, key: string): Promise<void> {
    await this.db
      .deleteFrom('idempotency_keys')
      .where('tenant_id', '=', tenantId)
      .where('client_key', '=', clientKey)
      .where('idempotency_key', '=', key)
      .execute();
  }

  /**
   * Inserts a project unless its tenant holds `cap` projects (all environments together) and, if an idempotency key
   * was claimed for it, stores its response, in one transaction.
   * @returns `'capped'` when the cap stopped it (nothing stored), else undefined.
   */
  createProject(
    project: ProjectRow,
    cap: number,
    idempotency?: { clientKey: string; key: string; response: StoredResponse },
  ): Promise<'capped' | undefined> {
    return this.db.transaction().execute(async (trx) => {
      await this.lockTenant(trx, project.tenant_id);
      const { n } = await trx
        .selectFrom('projects')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', project.tenant_id)
        .executeTakeFirstOrThrow();
      if (Number(n) >= cap) return 'capped' as const;
      await trx.insertInto('projects').values(project).execute();
      if (idempotency) {
        const { clientKey, key, response } = idempotency;
        await trx
          .updateTable('idempotency_keys')
          .set({
            state: 'done',
            status: response.status,
            headers: JSON.stringify(response.headers),
            body: response.body,
          })
          .where('tenant_id', '=', project.tenant_id)
          .where('client_key', '=', clientKey)
          .where('idempotency_key', '=', key)
          .execute();
      }
      return undefined;
    });
  }

  /**
   * Counts one request in a subject's fixed window, atomically on every instance: one upsert that starts a new
   * window when the stored one has ended (`window_start + windowMs <= now`), else adds one.
   * @param now - epoch ms; @param windowMs - window length in ms.
   * @returns the window start (epoch ms) and the count including this request.
   */
  async hitRateWindow(
    subject: string,
    now: number,
    windowMs: number,
  ): Promise<{ window_start: number; count: number }> {
    return (await this.rateHit(subject, now, windowMs))[0]!;
  }

  private readonly rateHit = prepare(this.db, 3, (subject: string, now: number, windowMs: number) => {
    const ended = sql<boolean>`rate_windows.window_start + ${windowMs} <= ${now}`;
    return this.db
      .insertInto('rate_windows')
      .values({ subject, window_start: now, count: 1 })
      .onConflict((conflict) =>
        conflict.column('subject').doUpdateSet({
          window_start: sql<number>`case when ${ended} then ${now} else rate_windows.window_start end`,
          count: sql<number>`case when ${ended} then 1 else rate_windows.count + 1 end`,
        }),
      )
      .returning(['window_start', 'count']);
  });

  /** The subject's current window without counting, or undefined. */
  peekRateWindow(subject: string): Promise<{ window_start: number; count: number } | undefined> {
    return this.db
      .selectFrom('rate_windows')
      .select(['window_start', 'count'])
      .where('subject', '=', subject)
      .executeTakeFirst();
  }

  /** IDs of up to `limit` tenants that expired at `now` (epoch ms) or before. */
  async expiredTenants(now: number, limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('tenants').select('id').where('expires_at', '<=', now).limit(limit).execute();
    return rows.map((row) => row.id);
  }

  /**
   * One bounded step of deleting a tenant, in one short transaction holding the tenant's row: up to `batch` of its
   * rows (its request log, tokens and codes first, then grants, deliveries, projects, tokens, clients, idempotency
   * records); once none are left, the tenant row and its rate window. On PostgreSQL a tenant another instance is purging is skipped
   * (`FOR UPDATE SKIP LOCKED`), so every instance can run the purge at once without doing the same work twice; the
   * tenant's row goes last, so a purge interrupted anywhere is finished by the next round. Why batches: a tenant's
   * rows deleted at once would hold the database (and, on SQLite, the event loop) for as long as that takes.
   */
  purgeTenantStep(id: string, batch: number): Promise<PurgeStep> {
    return this.db.transaction().execute(async (trx): Promise<PurgeStep> => {
      const mine = trx.selectFrom('tenants').select('id').where('id', '=', id);
      const held = await (this.dialect === 'postgres' ? mine.forUpdate().skipLocked() : mine).executeTakeFirst();
      if (!held) return { deleted: 0, state: 'skipped' };
      let left = batch;
      const loose = trx as unknown as Kysely<Record<string, Record<string, string>>>;
      for (const [table, key] of TENANT_TABLES) {
        if (left <= 0) break;
        const doomed = loose.selectFrom(table).select(key).where('tenant_id', '=', id).limit(left);
        const result = await loose.deleteFrom(table).where(key, 'in', doomed).executeTakeFirst();
        left -= Number(result.numDeletedRows);
      }
      if (left > 0) left -= await deleteIdempotencyRecords(trx, 'tenant_id', '=', id, left);
      if (left <= 0) return { deleted: batch, state: 'more' };
      await trx.deleteFrom('tenants').where('id', '=', id).execute();
      await trx.deleteFrom('rate_windows').where('subject', '=', `tenant:${id}`).execute();
      return { deleted: batch - left + 1, state: 'done' };
    });
  }

  /**
   * Deletes up to `batch` each of: expired access tokens, login tickets and authorization codes (with the grant of a
   * code never redeemed), idempotency records older than the TTL, and rate windows idle for two days. Why: the
   * per-tenant caps count live rows, and expired ones must not fill the tables meanwhile. Separate statements, not
   * one transaction: each stands alone, and on every instance at once each removes the rows that still match.
   */
  async purgeStale(now: number, batch: number, idempotencyTtlMs: number): Promise<void> {
    const loose = this.db as unknown as Kysely<Record<string, Record<string, string | number | null>>>;
    const expired = (table: string, key: string, column: string, before: number) =>
      loose
        .deleteFrom(table)
        .where(key, 'in', loose.selectFrom(table).select(key).where(column, '<=', before).limit(batch))
        .execute();
    await expired('access_tokens', 'hash', 'expires_at', now);
    await expired('login_tickets', 'hash', 'expires_at', now);
    // An expired code never redeemed leaves a grant nothing refers to: delete the grant (its code cascades).
    await this.db
      .deleteFrom('grants')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('authorization_codes')
          .select('grant_id')
          .where('expires_at', '<=', now)
          .where('used_at', 'is', null)
          .limit(batch),
      )
      .execute();
    await expired('authorization_codes', 'hash', 'expires_at', now);
    await deleteIdempotencyRecords(this.db, 'created_at', '<=', now - idempotencyTtlMs, batch);
    // Windows idle for two days are over whatever their length (at most 86400 s); forget them.
    await expired('rate_windows', 'subject', 'window_start', now - 2 * 86_400_000);
    // The inbox stream reads its change feed within a second; a minute-old change is read or never will be.
    await this.purgeChanges(now - 60_000, batch);
  }
}

/** The table names of the store, for tests that count rows. */
export type TableName = keyof Tables;
