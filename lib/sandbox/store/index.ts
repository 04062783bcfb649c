import { AuthStore } from './auth-store';
import type { CapHit, IdempotencyClaim, ProjectRow, StoredResponse } from './types';

export type { IssuanceCaps, RefreshRefusal } from './auth-store';

export type {
  CapHit,
  CapName,
  ClientRow,
  CodeRow,
  CredentialRow,
  IdempotencyClaim,
  Issuance,
  ProjectRow,
  StoredResponse,
  TenantRow,
  TicketRow,
} from './types';

/**
 * The sandbox's narrow storage interface over SQLite (better-sqlite3): every statement prepared once, every write
 * in one transaction. Tenants and OAuth live in AuthStore; this adds projects, idempotency records, rate windows,
 * webhook deliveries and purging. Swapping in a shared database (e.g. PostgreSQL) means reimplementing these two classes.
 */
export class SandboxStore extends AuthStore {
  /**
   * One page of projects as a JSON array string plus the total, cached in memory. The cache is cleared whenever this
   * connection writes projects or tenants and whenever another connection (e.g. a second process on the same file)
   * committed anything (`PRAGMA data_version`), so it never serves stale data.
   */
  projectPage(
    tenantId: string,
    environment: string,
    limit: number,
    offset: number,
    toJson: (rows: Omit<ProjectRow, 'tenant_id'>[]) => string,
  ): { total: number; json: string } {
    this.sync();
    const key = `${tenantId}|${environment}|${limit}|${offset}`;
    let page = this.pages.get(key);
    if (!page) {
      const total = this.countProjects(tenantId, environment);
      page = { total, json: toJson(offset < total ? this.listProjects(tenantId, environment, limit, offset) : []) };
      this.pages.set(key, page);
    }
    return page;
  }

  /** Number of a tenant's projects in one environment. */
  countProjects(tenantId: string, environment: string): number {
    return (this.s.countProjects.get(tenantId, environment) as { n: number }).n;
  }

  /** One page of a tenant's projects in an environment, oldest first. */
  listProjects(tenantId: string, environment: string, limit: number, offset: number): Omit<ProjectRow, 'tenant_id'>[] {
    return this.s.listProjects.all(tenantId, environment, limit, offset) as Omit<ProjectRow, 'tenant_id'>[];
  }

  /** A tenant's project by ID (another tenant's project is undefined, as if it did not exist). */
  project(tenantId: string, id: string): ProjectRow | undefined {
    return this.s.project.get(tenantId, id) as ProjectRow | undefined;
  }

  /** The tenant's oldest project (webhook events refer to it), or undefined. */
  firstProject(tenantId: string): ProjectRow | undefined {
    return this.s.firstProject.get(tenantId) as ProjectRow | undefined;
  }

  /**
   * Claims an idempotency key of a tenant's client, or reports why not. Records are keyed by (tenant, client, key):
   * a client shared by several tenants (the console's public client) never sees another tenant's records. Records
   * older than `ttlMs` are forgotten. A new key is refused (`full`, nothing stored) while the tenant holds `cap`
   * live records, whichever client made them; a key already held is answered as usual.
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
  ): IdempotencyClaim {
    return this.db
      .transaction((): IdempotencyClaim => {
        const row = this.s.idem.get(tenantId, clientKey, key) as
          | { fingerprint: string; state: string; status: number; headers: string; body: string; created_at: number }
          | undefined;
        if (row && row.created_at > now - ttlMs) {
          if (row.fingerprint !== fingerprint) return { state: 'mismatch' };
          if (row.state === 'in_flight') return { state: 'in_flight' };
          return {
            state: 'replay',
            response: {
              status: row.status,
              headers: JSON.parse(row.headers) as Record<string, string>,
              body: row.body,
            },
          };
        }
        const live = this.s.idemLive.get(tenantId, now - ttlMs) as { n: number; oldest: number | null };
        if (live.n >= cap) return { state: 'full', oldestAt: live.oldest ?? now };
        if (row) this.s.idemDelete.run(tenantId, clientKey, key);
        this.s.idemInsert.run(tenantId, clientKey, key, fingerprint, now);
        return { state: 'claimed' };
      })
      .immediate();
  }

  /** Forgets a tenant's client's claimed key whose request failed before producing a response worth replaying. */
  releaseIdempotencyKey(tenantId: string, clientKey: string, key: string): void {
    this.db.transaction(() => this.s.idemDelete.run(tenantId, clientKey, key)).immediate();
  }

  /**
   * Inserts a project and, if an idempotency key was claimed for it (under the project's tenant), stores its
   * response, in one transaction.
   */
  createProject(project: ProjectRow, idempotency?: { clientKey: string; key: string; response: StoredResponse }): void {
    this.pages.clear();
    this.db
      .transaction(() => {
        this.s.insertProject.run(project);
        if (idempotency) {
          const { clientKey, key, response } = idempotency;
          this.s.idemDone.run(
            response.status,
            JSON.stringify(response.headers),
            response.body,
            project.tenant_id,
            clientKey,
            key,
          );
        }
      })
      .immediate();
  }

  /** The current window of a subject without counting, or undefined. */
  peek(subject: string): { window_start: number; count: number } | undefined {
    return this.s.peek.get(subject) as { window_start: number; count: number } | undefined;
  }

  /** Writes rate-limit windows counted in memory (see RateWindows), all in one transaction. */
  saveRateWindows(windows: readonly { subject: string; window_start: number; count: number }[]): void {
    this.db
      .transaction(() => {
        for (const window of windows) this.s.saveRateWindow.run(window);
      })
      .immediate();
  }

  /** Number of a tenant's projects in every environment (the per-tenant cap counts them all). */
  countTenantProjects(tenantId: string): number {
    return this.s.countTenantProjects.get(tenantId) as number;
  }

  /**
   * Records a signed webhook delivery unless the tenant holds `cap` deliveries already.
   * @returns undefined when stored, else the cap that stopped it (nothing stored).
   */
  insertDelivery(
    id: string,
    tenantId: string,
    event: string,
    payload: string,
    headers: Record<string, string>,
    now: number,
    cap: number,
  ): CapHit | undefined {
    return this.db
      .transaction(() => {
        const hit = this.capHit('deliveries', tenantId, now, cap);
        if (!hit) this.s.insertDelivery.run(id, tenantId, event, payload, JSON.stringify(headers), now);
        return hit;
      })
      .immediate();
  }

  /** IDs of up to `limit` tenants that expired at `now` (epoch ms) or before. */
  expiredTenants(now: number, limit: number): string[] {
    return (this.s.expiredTenants.all(now, limit) as { id: string }[]).map((row) => row.id);
  }

  /**
   * One bounded step of deleting a tenant: up to `batch` of its rows (tokens and codes first, then grants,
   * idempotency records, deliveries, projects, tokens, clients) in one short transaction; once none are left, the
   * tenant row and its rate window. Why batches: a single cascading DELETE of a tenant with many rows holds the
   * database (and the event loop, better-sqlite3 being synchronous) for as long as it takes.
   * @returns rows deleted and whether the tenant is gone.
   */
  purgeTenantStep(id: string, batch: number): { deleted: number; done: boolean } {
    this.changed();
    return this.db
      .transaction(() => {
        let left = batch;
        for (const statement of this.s.purgeChildren) {
          if (left <= 0) break;
          left -= statement.run(id, left).changes;
        }
        if (left <= 0) return { deleted: batch, done: false };
        this.s.deleteTenant.run(id);
        this.s.deleteRateWindow.run(`tenant:${id}`);
        return { deleted: batch - left + 1, done: true };
      })
      .immediate();
  }

  /**
   * Deletes, in one transaction, up to `batch` each of: expired access tokens, login tickets and authorization codes
   * (with the grant of a code never redeemed), idempotency records older than the TTL, and rate windows idle for two
   * days. Why: the per-tenant caps count live rows, and expired ones must not fill the tables meanwhile.
   */
  purgeStale(now: number, batch: number, idempotencyTtlMs: number): void {
    this.changed();
    this.db
      .transaction(() => {
        this.s.purgeExpiredAccess.run(now, batch);
        this.s.purgeExpiredTickets.run(now, batch);
        this.s.purgeExpiredCodes.run(now, batch);
        this.s.purgeUsedCodes.run(now, batch);
        this.s.purgeIdempotency.run(now - idempotencyTtlMs, batch);
        // Windows idle for two days are over whatever their length (at most 86400 s); forget them.
        this.s.purgeRateWindows.run(now - 2 * 86_400_000, batch);
      })
      .immediate();
  }
}
