import type Database from 'better-sqlite3';

import { openDatabase } from './db';
import { prepareStatements, type Statements } from './statements';
import type { ClientRow, CodeRow, CredentialRow, Issuance, ProjectRow, TenantRow } from './types';

/**
 * The tenant and OAuth half of the sandbox store (tenants, clients, tokens, codes, grants) and what both halves
 * share: the connection, its prepared statements and the in-memory read caches with their invalidation. Every
 * write runs in one transaction. SandboxStore (index.ts) adds projects, idempotency, rate windows and purging.
 */
export class AuthStore {
  readonly db: Database.Database;
  protected readonly s: Statements;
  /** Serialised project pages by `tenant|environment|limit|offset`; cleared on any project write (see projectPage). */
  protected readonly pages = new Map<string, { total: number; json: string }>();
  private dataVersion = -1;
  private checkedThisTurn = false;
  /** Whether another connection can write the database: not for `':memory:'` (or `''`), which is private to this one. */
  private readonly shared: boolean;
  /** Resolved bearer credentials by `kind:hash` (found ones only); cleared with the pages (see `changed`). */
  private readonly credentials = new Map<string, CredentialRow>();

  /**
   * @param file - SQLite file path (folders created) or `':memory:'`.
   * @param now - clock in epoch milliseconds.
   */
  constructor(file: string, now: () => number) {
    this.db = openDatabase(file, now);
    this.s = prepareStatements(this.db);
    this.shared = file !== ':memory:' && file !== '';
  }

  /** Creates a tenant with its client, personal access token and seed projects in one transaction. */
  createTenant(tenant: Omit<TenantRow, 'maintenance' | 'maintenance_retry_after'>, client: ClientRow,
    pat: { hash: string; id: string; scopes: string }, projects: readonly ProjectRow[]): void {
    this.pages.clear();
    this.db.transaction(() => {
      this.s.insertTenant.run(tenant);
      this.s.insertClient.run(client);
      this.s.insertPat.run(pat.hash, pat.id, tenant.id, pat.scopes);
      for (const project of projects) this.s.insertProject.run(project);
    }).immediate();
  }

  /** The tenant, or undefined. */
  tenant(id: string): TenantRow | undefined {
    return this.s.tenant.get(id) as TenantRow | undefined;
  }

  /** A confidential client by its `client_id`, or undefined. */
  client(id: string): ClientRow | undefined {
    return this.s.client.get(id) as ClientRow | undefined;
  }

  /** Switches a tenant's maintenance mode; `retryAfter` in seconds. */
  setMaintenance(tenantId: string, enabled: boolean, retryAfter: number): void {
    this.changed();
    this.db.transaction(() => this.s.setMaintenance.run(enabled ? 1 : 0, retryAfter, tenantId)).immediate();
  }

  /** Sets a tenant's rate limit: `limit` requests per `windowSeconds`. */
  setRateLimit(tenantId: string, limit: number, windowSeconds: number): void {
    this.changed();
    this.db.transaction(() => this.s.setRateLimit.run(limit, windowSeconds, tenantId)).immediate();
  }

  /** Looks up a bearer credential by the SHA-256 of the token; revoked tokens and revoked grants never match. */
  credential(hash: string, isPat: boolean): CredentialRow | undefined {
    this.sync();
    const key = `${isPat ? 'p' : 'a'}:${hash}`;
    let row = this.credentials.get(key);
    if (!row) {
      row = (isPat ? this.s.pat : this.s.accessToken).get(hash) as CredentialRow | undefined;
      if (!row) return undefined;
      if (this.credentials.size >= 10_000) this.credentials.clear();
      this.credentials.set(key, row);
    }
    return row;
  }

  /**
   * Drops the in-memory caches (project pages, resolved credentials). Called by every write that can change what
   * they hold (revocation, tenant settings, deletions); inserts of new rows need not, as only found rows are cached.
   */
  protected changed(): void {
    this.pages.clear();
    this.credentials.clear();
  }

  /**
   * Drops the caches when another connection (e.g. a second process on the same file) committed (`PRAGMA data_version`).
   * Checked once per event-loop turn, not at every cached read: on a WAL file each check opens a read transaction
   * (~9 µs, the largest SQLite cost of a cached GET), and a request reads its credential and its page in one turn.
   * So another process's commit is seen from the next turn on (well under a millisecond); this connection's own
   * writes clear the caches at once (`changed`). A private in-memory database has no other connection: no check.
   */
  protected sync(): void {
    if (this.checkedThisTurn || !this.shared) return;
    this.checkedThisTurn = true;
    setImmediate(() => {
      this.checkedThisTurn = false;
    });
    const version = this.s.dataVersion.get() as number;
    if (version !== this.dataVersion) {
      this.changed();
      this.dataVersion = version;
    }
  }

  /** Stores an access token (and refresh token if given) in one transaction. */
  issue(issuance: Issuance): void {
    this.db.transaction(() => this.insertIssuance(issuance)).immediate();
  }

  private insertIssuance(i: Issuance): void {
    this.s.insertAccess.run(i.accessHash, i.tenantId, i.clientId, i.grantId, i.scope, i.expiresAt);
    if (i.refreshHash && i.grantId) this.s.insertRefresh.run(i.refreshHash, i.tenantId, i.clientId, i.grantId, i.scope);
  }

  /** Stores a new grant and its authorization code (hash only), in one transaction. */
  createCode(code: Omit<CodeRow, 'used_at'> & { hash: string }): void {
    this.db.transaction(() => {
      this.s.insertGrant.run(code.grant_id, code.tenant_id, code.client_id);
      this.s.insertCode.run(code);
    }).immediate();
  }

  /**
   * Redeems an authorization code once (RFC 6749 §4.1.2): a second use revokes the grant and every token it issued.
   * @returns the code row and whether it had been used before, or undefined if unknown.
   */
  redeemCode(hash: string, now: number): { code: CodeRow; reused: boolean } | undefined {
    this.changed();
    return this.db.transaction(() => {
      const code = this.s.code.get(hash) as CodeRow | undefined;
      if (!code) return undefined;
      if (code.used_at !== null) {
        this.s.revokeGrant.run(code.grant_id);
        return { code, reused: true };
      }
      this.s.useCode.run(now, hash);
      return { code, reused: false };
    }).immediate();
  }

  /** Issues tokens for a redeemed code, unless its grant was revoked meanwhile. @returns false if revoked. */
  issueForGrant(issuance: Issuance): boolean {
    return this.db.transaction(() => {
      const grant = this.s.grantRevoked.get(issuance.grantId) as { revoked: number } | undefined;
      if (!grant || grant.revoked) return false;
      this.insertIssuance(issuance);
      return true;
    }).immediate();
  }

  /**
   * Rotates a refresh token (OAuth 2.1 §4.3.1): marks it used and stores the new tokens; a reused or revoked one
   * revokes the whole grant.
   * @returns the old token's grant data, `'reused'`, or undefined if unknown.
   */
  rotateRefresh(hash: string, now: number, next: (row: { tenant_id: string; client_id: string; grant_id: string; scope: string }) => Issuance | string):
    { issuance: Issuance } | { error: string } | 'reused' | undefined {
    this.changed();
    return this.db.transaction(() => {
      const row = this.s.refresh.get(hash) as
        | { tenant_id: string; client_id: string; grant_id: string; scope: string; used_at: number | null; revoked: number }
        | undefined;
      if (!row) return undefined;
      if (row.used_at !== null || row.revoked) {
        this.s.revokeGrant.run(row.grant_id);
        return 'reused' as const;
      }
      const issuance = next(row);
      if (typeof issuance === 'string') return { error: issuance };
      this.s.useRefresh.run(now, hash);
      this.insertIssuance(issuance);
      return { issuance };
    }).immediate();
  }

  /** Closes the database. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
