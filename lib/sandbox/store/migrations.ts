/**
 * Versioned schema migrations of the sandbox database. Append only: a released migration is never edited,
 * a change is a new entry with the next version. Applied in order inside one transaction each.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration, ascending by version. Times are epoch milliseconds; secrets are SHA-256 hex digests. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tenants, oauth, projects, idempotency, rate limits, deliveries',
    sql: `
      CREATE TABLE tenants (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        webhook_secret TEXT NOT NULL,
        scopes TEXT NOT NULL,
        rate_limit INTEGER NOT NULL,
        rate_window_seconds INTEGER NOT NULL,
        maintenance INTEGER NOT NULL DEFAULT 0,
        maintenance_retry_after INTEGER NOT NULL DEFAULT 30,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX tenants_expires ON tenants (expires_at);
      CREATE TABLE clients (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        redirect_uris TEXT NOT NULL,
        scopes TEXT NOT NULL
      );
      CREATE INDEX clients_tenant ON clients (tenant_id);
      CREATE TABLE personal_access_tokens (
        hash TEXT PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        scopes TEXT NOT NULL
      );
      CREATE INDEX pats_tenant ON personal_access_tokens (tenant_id);
      CREATE TABLE grants (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX grants_tenant ON grants (tenant_id);
      CREATE TABLE authorization_codes (
        hash TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        grant_id TEXT NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
        redirect_uri TEXT NOT NULL,
        scope TEXT NOT NULL,
        code_challenge TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE INDEX codes_tenant ON authorization_codes (tenant_id);
      CREATE TABLE access_tokens (
        hash TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        grant_id TEXT REFERENCES grants (id) ON DELETE CASCADE,
        scope TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX access_tokens_tenant ON access_tokens (tenant_id);
      CREATE INDEX access_tokens_grant ON access_tokens (grant_id);
      CREATE TABLE refresh_tokens (
        hash TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        grant_id TEXT NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
        scope TEXT NOT NULL,
        used_at INTEGER
      );
      CREATE INDEX refresh_tokens_tenant ON refresh_tokens (tenant_id);
      CREATE TABLE projects (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT,
        environment TEXT NOT NULL,
        region TEXT NOT NULL,
        default_branch TEXT NOT NULL,
        auto_deploy INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX projects_list ON projects (tenant_id, environment, seq);
      CREATE TABLE idempotency_keys (
        tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        client_key TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('in_flight', 'done')),
        status INTEGER,
        headers TEXT,
        body TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (client_key, idempotency_key)
      );
      CREATE INDEX idempotency_tenant ON idempotency_keys (tenant_id);
      CREATE INDEX idempotency_created ON idempotency_keys (created_at);
      CREATE TABLE rate_windows (
        subject TEXT PRIMARY KEY,
        window_start INTEGER NOT NULL,
        count INTEGER NOT NULL
      );
      CREATE TABLE deliveries (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        event TEXT NOT NULL,
        payload TEXT NOT NULL,
        headers TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX deliveries_tenant ON deliveries (tenant_id);
    `,
  },
  {
    version: 2,
    name: 'login tickets (proof of the tenant on the consent screen)',
    sql: `
      CREATE TABLE login_tickets (
        hash TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        code_challenge TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE INDEX login_tickets_tenant ON login_tickets (tenant_id);
      CREATE INDEX login_tickets_expires ON login_tickets (expires_at);
      CREATE INDEX access_tokens_expires ON access_tokens (expires_at);
      CREATE INDEX codes_expires ON authorization_codes (expires_at);
    `,
  },
  {
    version: 3,
    name: 'idempotency records keyed by tenant, client and key',
    // The console's public client is shared by every tenant, so (client_key, idempotency_key) let one tenant replay
    // another's response. SQLite cannot change a primary key: new table, copy, drop, rename, indexes. Keys were the
    // raw header value and are now the parsed RFC 8941 string: a stored quoted value without escapes becomes its
    // content (a bare one already is), so a retry across the upgrade still matches; on a clash the older row wins.
    sql: `
      CREATE TABLE idempotency_keys_v3 (
        tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        client_key TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('in_flight', 'done')),
        status INTEGER,
        headers TEXT,
        body TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, client_key, idempotency_key)
      );
      INSERT OR IGNORE INTO idempotency_keys_v3
        (tenant_id, client_key, idempotency_key, fingerprint, state, status, headers, body, created_at)
      SELECT tenant_id, client_key,
        CASE WHEN length(idempotency_key) >= 2 AND idempotency_key GLOB '"*"'
          AND instr(substr(idempotency_key, 2, length(idempotency_key) - 2), '"') = 0
          AND instr(idempotency_key, '\\') = 0
        THEN substr(idempotency_key, 2, length(idempotency_key) - 2) ELSE idempotency_key END,
        fingerprint, state, status, headers, body, created_at
      FROM idempotency_keys ORDER BY created_at;
      DROP TABLE idempotency_keys;
      ALTER TABLE idempotency_keys_v3 RENAME TO idempotency_keys;
      CREATE INDEX idempotency_tenant ON idempotency_keys (tenant_id, created_at);
      CREATE INDEX idempotency_created ON idempotency_keys (created_at);
    `,
  },
];
