import type Database from 'better-sqlite3';

/**
 * Prepares every statement of the sandbox store once per connection (preparing is the expensive part of a query).
 * @returns the statements by name; `purgeChildren` are the bounded deletes of a tenant's rows, children before parents.
 * @throws SqliteError if the schema lacks a table or column a statement names (migrations not applied).
 */
export function prepareStatements(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    insertTenant:
      p(`INSERT INTO tenants (id, name, webhook_secret, scopes, rate_limit, rate_window_seconds, created_at, expires_at)
      VALUES (@id, @name, @webhook_secret, @scopes, @rate_limit, @rate_window_seconds, @created_at, @expires_at)`),
    insertClient: p(`INSERT INTO clients (id, tenant_id, name, secret_hash, redirect_uris, scopes)
      VALUES (@id, @tenant_id, @name, @secret_hash, @redirect_uris, @scopes)`),
    insertPat: p('INSERT INTO personal_access_tokens (hash, id, tenant_id, scopes) VALUES (?, ?, ?, ?)'),
    insertProject:
      p(`INSERT INTO projects (id, tenant_id, name, description, environment, region, default_branch, auto_deploy, created_at)
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
    // The grant's access tokens too, so that they stop counting against the live-token cap at once.
    revokeGrantTokens: p('UPDATE access_tokens SET revoked = 1 WHERE grant_id = ?'),
    grantRevoked: p('SELECT revoked FROM grants WHERE id = ?'),
    insertCode:
      p(`INSERT INTO authorization_codes (hash, tenant_id, client_id, grant_id, redirect_uri, scope, code_challenge, expires_at)
      VALUES (@hash, @tenant_id, @client_id, @grant_id, @redirect_uri, @scope, @code_challenge, @expires_at)`),
    code: p('SELECT * FROM authorization_codes WHERE hash = ?'),
    tenantOfGrantSecret: p(`SELECT * FROM tenants WHERE id = (SELECT tenant_id FROM authorization_codes WHERE hash = ?
      UNION ALL SELECT tenant_id FROM refresh_tokens WHERE hash = ? LIMIT 1)`),
    useCode: p('UPDATE authorization_codes SET used_at = ? WHERE hash = ?'),
    insertAccess: p(`INSERT INTO access_tokens (hash, tenant_id, client_id, grant_id, scope, expires_at)
      VALUES (?, ?, ?, ?, ?, ?)`),
    insertRefresh: p('INSERT INTO refresh_tokens (hash, tenant_id, client_id, grant_id, scope) VALUES (?, ?, ?, ?, ?)'),
    refresh: p('SELECT r.*, g.revoked FROM refresh_tokens r JOIN grants g ON g.id = r.grant_id WHERE r.hash = ?'),
    useRefresh: p('UPDATE refresh_tokens SET used_at = ? WHERE hash = ?'),
    dataVersion: p('PRAGMA data_version').pluck(),
    // Caps: live rows of a tenant, and when the oldest of them stops counting (epoch ms; NULL when none expire).
    liveAccessTokens: p(
      'SELECT COUNT(*) AS n, MIN(expires_at) AS free_at FROM access_tokens WHERE tenant_id = ? AND expires_at > ? AND revoked = 0',
    ),
    pendingCodes: p(
      'SELECT COUNT(*) AS n, MIN(expires_at) AS free_at FROM authorization_codes WHERE tenant_id = ? AND expires_at > ? AND used_at IS NULL',
    ),
    liveTickets: p(
      'SELECT COUNT(*) AS n, MIN(expires_at) AS free_at FROM login_tickets WHERE tenant_id = ? AND expires_at > ? AND used_at IS NULL',
    ),
    countRefresh: p('SELECT COUNT(*) AS n, NULL AS free_at FROM refresh_tokens WHERE tenant_id = ?'),
    countGrants: p('SELECT COUNT(*) AS n, NULL AS free_at FROM grants WHERE tenant_id = ?'),
    countDeliveries: p('SELECT COUNT(*) AS n, NULL AS free_at FROM deliveries WHERE tenant_id = ?'),
    insertTicket: p(
      'INSERT INTO login_tickets (hash, tenant_id, code_challenge, expires_at) VALUES (@hash, @tenant_id, @code_challenge, @expires_at)',
    ),
    ticket: p('SELECT * FROM login_tickets WHERE hash = ?'),
    useTicket: p('UPDATE login_tickets SET used_at = ? WHERE hash = ?'),
    patByHash: p('SELECT tenant_id FROM personal_access_tokens WHERE hash = ?'),
    countProjects: p('SELECT COUNT(*) AS n FROM projects WHERE tenant_id = ? AND environment = ?'),
    listProjects: p(`SELECT id, name, description, environment, region, default_branch, auto_deploy, created_at
      FROM projects WHERE tenant_id = ? AND environment = ? ORDER BY seq LIMIT ? OFFSET ?`),
    project: p('SELECT * FROM projects WHERE tenant_id = ? AND id = ?'),
    firstProject: p('SELECT * FROM projects WHERE tenant_id = ? ORDER BY seq LIMIT 1'),
    idem: p('SELECT * FROM idempotency_keys WHERE tenant_id = ? AND client_key = ? AND idempotency_key = ?'),
    idemDelete: p('DELETE FROM idempotency_keys WHERE tenant_id = ? AND client_key = ? AND idempotency_key = ?'),
    idemInsert: p(`INSERT INTO idempotency_keys (tenant_id, client_key, idempotency_key, fingerprint, state, created_at)
      VALUES (?, ?, ?, ?, 'in_flight', ?)`),
    idemDone: p(`UPDATE idempotency_keys SET state = 'done', status = ?, headers = ?, body = ?
      WHERE tenant_id = ? AND client_key = ? AND idempotency_key = ?`),
    idemLive: p(
      'SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM idempotency_keys WHERE tenant_id = ? AND created_at > ?',
    ),
    peek: p('SELECT window_start, count FROM rate_windows WHERE subject = ?'),
    saveRateWindow: p(`INSERT INTO rate_windows (subject, window_start, count) VALUES (@subject, @window_start, @count)
      ON CONFLICT (subject) DO UPDATE SET window_start = excluded.window_start, count = excluded.count`),
    countTenantProjects: p('SELECT COUNT(*) AS n FROM projects WHERE tenant_id = ?').pluck(),
    insertDelivery: p(
      'INSERT INTO deliveries (id, tenant_id, event, payload, headers, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    expiredTenants: p('SELECT id FROM tenants WHERE expires_at <= ? LIMIT ?'),
    deleteTenant: p('DELETE FROM tenants WHERE id = ?'),
    deleteRateWindow: p('DELETE FROM rate_windows WHERE subject = ?'),
    purgeRateWindows: p(
      'DELETE FROM rate_windows WHERE rowid IN (SELECT rowid FROM rate_windows WHERE window_start <= ? LIMIT ?)',
    ),
    purgeExpiredAccess: p(
      'DELETE FROM access_tokens WHERE rowid IN (SELECT rowid FROM access_tokens WHERE expires_at <= ? LIMIT ?)',
    ),
    purgeExpiredTickets: p(
      'DELETE FROM login_tickets WHERE rowid IN (SELECT rowid FROM login_tickets WHERE expires_at <= ? LIMIT ?)',
    ),
    // An expired code never redeemed leaves a grant nothing refers to: delete the grant (its code cascades).
    purgeExpiredCodes: p(`DELETE FROM grants WHERE id IN (SELECT grant_id FROM authorization_codes
      WHERE expires_at <= ? AND used_at IS NULL LIMIT ?)`),
    purgeUsedCodes: p(
      'DELETE FROM authorization_codes WHERE rowid IN (SELECT rowid FROM authorization_codes WHERE expires_at <= ? LIMIT ?)',
    ),
    purgeIdempotency: p(
      'DELETE FROM idempotency_keys WHERE rowid IN (SELECT rowid FROM idempotency_keys WHERE created_at <= ? LIMIT ?)',
    ),
    purgeChildren: [
      'login_tickets',
      'access_tokens',
      'refresh_tokens',
      'authorization_codes',
      'grants',
      'idempotency_keys',
      'deliveries',
      'projects',
      'personal_access_tokens',
      'clients',
    ].map((table) => p(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE tenant_id = ? LIMIT ?)`)),
  };
}

/** The prepared statements of one connection. */
export type Statements = ReturnType<typeof prepareStatements>;
