import type Database from 'better-sqlite3';

import { openDatabase } from './db';

/** A tenant as stored. Times in epoch milliseconds. */
export interface TenantRow {
  id: string;
  name: string;
  webhook_secret: string;
  scopes: string;
  rate_limit: number;
  rate_window_seconds: number;
  maintenance: number;
  maintenance_retry_after: number;
  created_at: number;
  expires_at: number;
}

/** A confidential OAuth client of a tenant; `redirect_uris` is a JSON array, `scopes` space-delimited. */
export interface ClientRow {
  id: string;
  tenant_id: string;
  name: string;
  secret_hash: string;
  redirect_uris: string;
  scopes: string;
}

/** A project row; `auto_deploy` is 0/1, `created_at` RFC 3339. */
export interface ProjectRow {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
  environment: string;
  region: string;
  default_branch: string;
  auto_deploy: number;
  created_at: string;
}

/** What a bearer credential (access token or PAT) resolves to, with its tenant's limits joined in. */
export interface CredentialRow {
  tenant_id: string;
  client_id: string;
  scope: string;
  expires_at: number | null;
  rate_limit: number;
  rate_window_seconds: number;
  maintenance: number;
  maintenance_retry_after: number;
}

/** An authorization code as stored (the code itself only as its hash). */
export interface CodeRow {
  tenant_id: string;
  client_id: string;
  grant_id: string;
  redirect_uri: string;
  scope: string;
  code_challenge: string;
  expires_at: number;
  used_at: number | null;
}

/** A stored response of an idempotent request. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Outcome of claiming an idempotency key (draft-ietf-httpapi-idempotency-key-header §2). */
export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'in_flight' }
  | { state: 'mismatch' }
  | { state: 'replay'; response: StoredResponse };

/** Tokens to store for one issuance; hashes only. */
export interface Issuance {
  tenantId: string;
  clientId: string;
  grantId: string | null;
  scope: string;
  accessHash: string;
  expiresAt: number;
  refreshHash?: string;
}

/**
 * The sandbox's narrow storage interface over SQLite (better-sqlite3): every statement prepared once, every write
 * in one transaction. Swapping in a shared database (e.g. PostgreSQL) means reimplementing this class only.
 */
export class SandboxStore {
  readonly db: Database.Database;
  private readonly s;
  /** Serialised project pages by `tenant|environment|limit|offset`; cleared on any project write (see pageCache). */
  private readonly pages = new Map<string, { total: number; json: string }>();
  private dataVersion = -1;
  /** Resolved bearer credentials by `kind:hash` (found ones only); cleared with the pages (see `changed`). */
  private readonly credentials = new Map<string, CredentialRow>();
  /** Bounded deletes of a tenant's rows, children before parents (see purgeTenantStep). */
  private readonly purgeChildren: Database.Statement[];

  /**
   * @param file - SQLite file path (folders created) or `':memory:'`.
   * @param now - clock in epoch milliseconds.
   */
  constructor(file: string, now: () => number) {
    this.db = openDatabase(file, now);
    const p = (sql: string) => this.db.prepare(sql);
    this.s = {
      insertTenant: p(`INSERT INTO tenants (id, name, webhook_secret, scopes, rate_limit, rate_window_seconds, created_at, expires_at)
        VALUES (@id, @name, @webhook_secret, @scopes, @rate_limit, @rate_window_seconds, @created_at, @expires_at)`),
      insertClient: p(`INSERT INTO clients (id, tenant_id, name, secret_hash, redirect_uris, scopes)
        VALUES (@id, @tenant_id, @name, @secret_hash, @redirect_uris, @scopes)`),
      insertPat: p('INSERT INTO personal_access_tokens (hash, id, tenant_id, scopes) VALUES (?, ?, ?, ?)'),
      insertProject: p(`INSERT INTO projects (id, tenant_id, name, description, environment, region, default_branch, auto_deploy, created_at)
        VALUES (@id, @tenant_id, @name, @description, @environment, @region, @default_branch, @auto_deploy, @created_at)`),
      tenant: p('SELECT * FROM tenants WHERE id = ?'),
      client: p('SELECT * FROM clients WHERE id = ?'),
      setMaintenance: p('UPDATE tenants SET maintenance = ?, maintenance_retry_after = ? WHERE id = ?'),
      setRateLimit: p('UPDATE tenants SET rate_limit = ?, rate_window_seconds = ? WHERE id = ?'),
      accessToken: p(`SELECT a.tenant_id, a.client_id, a.scope, a.expires_at, t.rate_limit, t.rate_window_seconds,
          t.maintenance, t.maintenance_retry_after
        FROM access_tokens a JOIN tenants t ON t.id = a.tenant_id LEFT JOIN grants g ON g.id = a.grant_id
        WHERE a.hash = ? AND a.revoked = 0 AND COALESCE(g.revoked, 0) = 0`),
      pat: p(`SELECT p.tenant_id, 'pat:' || p.id AS client_id, p.scopes AS scope, NULL AS expires_at, t.rate_limit,
          t.rate_window_seconds, t.maintenance, t.maintenance_retry_after
        FROM personal_access_tokens p JOIN tenants t ON t.id = p.tenant_id WHERE p.hash = ?`),
      insertGrant: p('INSERT INTO grants (id, tenant_id, client_id) VALUES (?, ?, ?)'),
      revokeGrant: p('UPDATE grants SET revoked = 1 WHERE id = ?'),
      grantRevoked: p('SELECT revoked FROM grants WHERE id = ?'),
      insertCode: p(`INSERT INTO authorization_codes (hash, tenant_id, client_id, grant_id, redirect_uri, scope, code_challenge, expires_at)
        VALUES (@hash, @tenant_id, @client_id, @grant_id, @redirect_uri, @scope, @code_challenge, @expires_at)`),
      code: p('SELECT * FROM authorization_codes WHERE hash = ?'),
      useCode: p('UPDATE authorization_codes SET used_at = ? WHERE hash = ?'),
      insertAccess: p(`INSERT INTO access_tokens (hash, tenant_id, client_id, grant_id, scope, expires_at)
        VALUES (?, ?, ?, ?, ?, ?)`),
      insertRefresh: p('INSERT INTO refresh_tokens (hash, tenant_id, client_id, grant_id, scope) VALUES (?, ?, ?, ?, ?)'),
      refresh: p('SELECT r.*, g.revoked FROM refresh_tokens r JOIN grants g ON g.id = r.grant_id WHERE r.hash = ?'),
      useRefresh: p('UPDATE refresh_tokens SET used_at = ? WHERE hash = ?'),
      dataVersion: p('PRAGMA data_version').pluck(),
      countProjects: p('SELECT COUNT(*) AS n FROM projects WHERE tenant_id = ? AND environment = ?'),
      listProjects: p(`SELECT id, name, description, environment, region, default_branch, auto_deploy, created_at
        FROM projects WHERE tenant_id = ? AND environment = ? ORDER BY seq LIMIT ? OFFSET ?`),
      project: p('SELECT * FROM projects WHERE tenant_id = ? AND id = ?'),
      firstProject: p('SELECT * FROM projects WHERE tenant_id = ? ORDER BY seq LIMIT 1'),
      idem: p('SELECT * FROM idempotency_keys WHERE client_key = ? AND idempotency_key = ?'),
      idemDelete: p('DELETE FROM idempotency_keys WHERE client_key = ? AND idempotency_key = ?'),
      idemInsert: p(`INSERT INTO idempotency_keys (tenant_id, client_key, idempotency_key, fingerprint, state, created_at)
        VALUES (?, ?, ?, ?, 'in_flight', ?)`),
      idemDone: p(`UPDATE idempotency_keys SET state = 'done', status = ?, headers = ?, body = ?
        WHERE client_key = ? AND idempotency_key = ?`),
      peek: p('SELECT window_start, count FROM rate_windows WHERE subject = ?'),
      saveRateWindow: p(`INSERT INTO rate_windows (subject, window_start, count) VALUES (@subject, @window_start, @count)
        ON CONFLICT (subject) DO UPDATE SET window_start = excluded.window_start, count = excluded.count`),
      countTenantProjects: p('SELECT COUNT(*) AS n FROM projects WHERE tenant_id = ?').pluck(),
      insertDelivery: p('INSERT INTO deliveries (id, tenant_id, event, payload, headers, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      expiredTenants: p('SELECT id FROM tenants WHERE expires_at <= ? LIMIT ?'),
      deleteTenant: p('DELETE FROM tenants WHERE id = ?'),
      deleteRateWindow: p('DELETE FROM rate_windows WHERE subject = ?'),
      purgeRateWindows: p('DELETE FROM rate_windows WHERE rowid IN (SELECT rowid FROM rate_windows WHERE window_start <= ? LIMIT ?)'),
      purgeIdempotency: p('DELETE FROM idempotency_keys WHERE rowid IN (SELECT rowid FROM idempotency_keys WHERE created_at <= ? LIMIT ?)'),
    };
    this.purgeChildren = ['access_tokens', 'refresh_tokens', 'authorization_codes', 'grants', 'idempotency_keys', 'deliveries', 'projects', 'personal_access_tokens', 'clients']
      .map((table) => p(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE tenant_id = ? LIMIT ?)`));
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
  private changed(): void {
    this.pages.clear();
    this.credentials.clear();
  }

  /** Drops the caches when another connection (e.g. a second process on the same file) committed (`PRAGMA data_version`). */
  private sync(): void {
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

  /**
   * One page of projects as a JSON array string plus the total, cached in memory. The cache is cleared whenever this
   * connection writes projects or tenants and whenever another connection (e.g. a second process on the same file)
   * committed anything (`PRAGMA data_version`), so it never serves stale data.
   */
  projectPage(tenantId: string, environment: string, limit: number, offset: number, toJson: (rows: Omit<ProjectRow, 'tenant_id'>[]) => string): { total: number; json: string } {
    this.sync();
    const key = `${tenantId}|${environment}|${limit}|${offset}`;
    let page = this.pages.get(key);
    if (!page) {
      const total = this.countProjects(tenantId, environment);
      page = { total, json: toJson(offset < total ? this.listProjects(tenantId, environment, limit, offset) : []) };
      if (this.pages.size >= 2000) this.pages.clear();
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
   * Claims an idempotency key for a client, or reports why not. Records older than `ttlMs` are forgotten.
   * @param fingerprint - SHA-256 of the request (method, path, environment, body bytes).
   */
  claimIdempotencyKey(tenantId: string, clientKey: string, key: string, fingerprint: string, now: number, ttlMs: number): IdempotencyClaim {
    return this.db.transaction((): IdempotencyClaim => {
      const row = this.s.idem.get(clientKey, key) as
        | { fingerprint: string; state: string; status: number; headers: string; body: string; created_at: number }
        | undefined;
      if (row && row.created_at > now - ttlMs) {
        if (row.fingerprint !== fingerprint) return { state: 'mismatch' };
        if (row.state === 'in_flight') return { state: 'in_flight' };
        return { state: 'replay', response: { status: row.status, headers: JSON.parse(row.headers) as Record<string, string>, body: row.body } };
      }
      if (row) this.s.idemDelete.run(clientKey, key);
      this.s.idemInsert.run(tenantId, clientKey, key, fingerprint, now);
      return { state: 'claimed' };
    }).immediate();
  }

  /** Forgets a claimed key whose request failed before producing a response worth replaying. */
  releaseIdempotencyKey(clientKey: string, key: string): void {
    this.db.transaction(() => this.s.idemDelete.run(clientKey, key)).immediate();
  }

  /** Inserts a project and, if an idempotency key was claimed, stores its response, in one transaction. */
  createProject(project: ProjectRow, idempotency?: { clientKey: string; key: string; response: StoredResponse }): void {
    this.pages.clear();
    this.db.transaction(() => {
      this.s.insertProject.run(project);
      if (idempotency) {
        const { clientKey, key, response } = idempotency;
        this.s.idemDone.run(response.status, JSON.stringify(response.headers), response.body, clientKey, key);
      }
    }).immediate();
  }

  /** The current window of a subject without counting, or undefined. */
  peek(subject: string): { window_start: number; count: number } | undefined {
    return this.s.peek.get(subject) as { window_start: number; count: number } | undefined;
  }

  /** Writes rate-limit windows counted in memory (see RateWindows), all in one transaction. */
  saveRateWindows(windows: readonly { subject: string; window_start: number; count: number }[]): void {
    this.db.transaction(() => {
      for (const window of windows) this.s.saveRateWindow.run(window);
    }).immediate();
  }

  /** Number of a tenant's projects in every environment (the per-tenant cap counts them all). */
  countTenantProjects(tenantId: string): number {
    return this.s.countTenantProjects.get(tenantId) as number;
  }

  /** Records a signed webhook delivery. */
  insertDelivery(id: string, tenantId: string, event: string, payload: string, headers: Record<string, string>, now: number): void {
    this.db.transaction(() => this.s.insertDelivery.run(id, tenantId, event, payload, JSON.stringify(headers), now)).immediate();
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
    return this.db.transaction(() => {
      let left = batch;
      for (const statement of this.purgeChildren) {
        if (left <= 0) break;
        left -= statement.run(id, left).changes;
      }
      if (left <= 0) return { deleted: batch, done: false };
      this.s.deleteTenant.run(id);
      this.s.deleteRateWindow.run(`tenant:${id}`);
      return { deleted: batch - left + 1, done: true };
    }).immediate();
  }


  /** Deletes up to `batch` idempotency records older than the TTL and rate windows idle for two days, in one transaction. */
  purgeStale(now: number, batch: number, idempotencyTtlMs: number): void {
    this.db.transaction(() => {
      this.s.purgeIdempotency.run(now - idempotencyTtlMs, batch);
      // Windows idle for two days are over whatever their length (at most 86400 s); forget them.
      this.s.purgeRateWindows.run(now - 2 * 86_400_000, batch);
    }).immediate();
  }

  /** Closes the database. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
