import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely, Migration } from 'kysely';

/** The database a migration is written for: the few column types the two spell differently. */
export type DialectName = 'sqlite' | 'postgres';

type Table = CreateTableBuilder<string, never>;
type Column = (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

const required: Column = (column) => column.notNull();
/** A column referencing a tenant: its rows go when the tenant goes. */
const tenantRef: Column = (column) => column.notNull().references('tenants.id').onDelete('cascade');

/**
 * The schema of the sandbox as versioned migrations, run by Kysely's Migrator at start (in order, each once; on
 * PostgreSQL under an advisory lock, so two instances starting at once apply each migration once). Append only: a
 * released migration is never edited; a change is a new entry whose name sorts after the last.
 * Every `create` says `if not exists`: a SQLite file written by the sandbox before it used Kysely (the same tables,
 * recorded in a `migrations` table of its own) is adopted as it is.
 * @param dialect - which database the column types are for (epoch milliseconds need `bigint` in PostgreSQL).
 */
export function migrations(dialect: DialectName): Record<string, Migration> {
  const epoch = 'bigint';
  const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
  return {
    '0001-tenants-oauth-projects': {
      async up(db: Kysely<unknown>) {
        const table = (name: string, build: (table: Table) => Table) =>
          build(db.schema.createTable(name).ifNotExists()).execute();
        const index = (name: string, on: string, columns: string[]) =>
          db.schema.createIndex(name).ifNotExists().on(on).columns(columns).execute();
        await table('tenants', (t) =>
          t
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('name', 'text', required)
            .addColumn('webhook_secret', 'text', required)
            .addColumn('scopes', 'text', required)
            .addColumn('rate_limit', 'integer', required)
            .addColumn('rate_window_seconds', 'integer', required)
            .addColumn('maintenance', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('maintenance_retry_after', 'integer', (c) => c.notNull().defaultTo(30))
            .addColumn('created_at', epoch, required)
            .addColumn('expires_at', epoch, required),
        );
        await index('tenants_expires', 'tenants', ['expires_at']);
        await table('clients', (t) =>
          t
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('tenant_id', 'text', tenantRef)
            .addColumn('name', 'text', required)
            .addColumn('secret_hash', 'text', required)
            .addColumn('redirect_uris', 'text', required)
            .addColumn('scopes', 'text', required),
        );
        await index('clients_tenant', 'clients', ['tenant_id']);
        await table('personal_access_tokens', (t) =>
          t
            .addColumn('hash', 'text', (c) => c.primaryKey())
            .addColumn('id', 'text', (c) => c.notNull().unique())
            .addColumn('tenant_id', 'text', tenantRef)
            .addColumn('scopes', 'text', required),
        );
        await index('pats_tenant', 'personal_access_tokens', ['tenant_id']);
        await table('grants', (t) =>
          t
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('tenant_id', 'text', tenantRef)
            .addColumn('client_id', 'text', required)
            .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0)),
        );
        await index('grants_tenant', 'grants', ['tenant_id']);
        await table('authorization_codes', (t) =>
          t
            .addColumn('hash', 'text', (c) => c.primaryKey())
            .addColumn('tenant_id', 'text', tenantRef)
            .addColumn('client_id', 'text', required)
            .addColumn('grant_id', 'text', (c) => c.notNull().references('grants.id').onDelete('cascade'))
            .addColumn('redirect_uri', 'text', required)
            .addColumn('scope', 'text', required)
            .addColumn('code_challenge', 'text', required)
            .addColumn('expires_at', epoch, required)
            .addColumn('used_at', epoch),
        );
        await index('codes_tenant', 'authorization_codes', ['tenant_id']);
        await index('codes_expires', 'authorization_codes', ['expires_at']);
        await table('access_tokens', (t) =>
          t
            .addColumn('hash', 'text', (c) => c.primaryKey())
            .addColumn('tenant_id', 'text', tenantRef)
            .addColumn('client_id', 'text', required)
            .addColumn('grant_id', 'text', (c) => c.references('grants.id').onDelete('cascade'))
            .addColumn('scope', 'text', required)
            .addColumn('expires_at', epoch, required)
            .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0)),
        );
        await index('access_tokens_tenant', 'access_tokens', ['tenant_id']);
        await index('access_tokens_grant', 'access_tokens', ['grant_id']);
        await index('access_tokens_expires', 'access_tokens', ['expires_at']);
        await table('refresh_tokens', (t) =>
          t
            .addColumn('hash', 'text', (c) => c.primaryKey())
            .addColumn('tenant_id', 'text', tenantRef)
            .addColumn('client_id', 'text', required)
            .addColumn('grant_id', 'text', (c) => c.notNull().references('grants.id').onDelete('cascade'))
            .addColumn('scope', 'text', required)
            .addColumn('used_at', epoch),
        );
        await index('refresh_tokens_tenant', 'refresh_tokens', ['tenant_id']);
        await table('projects', (t) =>
          t
            .addColumn('seq', serial, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
            .addColumn('id', 'text', (c) => c.notNull().unique())
            .addColumn('tenant_id', 'text', tenantRef)
            .addColumn('name', 'text', required)
            .addColumn('description', 'text')
            .addColumn('environment', 'text', required)
            .addColumn('region', 'text', required)
            .addColumn('default_branch', 'text', required)
            .addColumn('auto_deploy', 'integer', required)
            .addColumn('created_at', 'text', required),
        );
        await index('projects_list', 'projects', ['tenant_id', 'environment', 'seq']);
        // Keyed by tenant, client and key: the console's public client is shared by every tenant.
        await table('idempotency_keys', (t) =>
          t
            .addColumn('tenant_id', 'text', tenantRef)
            .addColumn('client_key', 'text', required)
            .addColumn('idempotency_key', 'text', required)
            .addColumn('fingerprint', 'text', required)
            .addColumn('state', 'text', required)
            .addColumn('status', 'integer')
            .addColumn('headers', 'text')
            .addColumn('body', 'text')
            .addColumn('created_at', epoch, required)
            .addPrimaryKeyConstraint('idempotency_keys_pk', ['tenant_id', 'client_key', 'idempotency_key']),
        );
        await index('idempotency_tenant', 'idempotency_keys', ['tenant_id', 'created_at']);
        await index('idempotency_created', 'idempotency_keys', ['created_at']);
        await table('rate_windows', (t) =>
          t
            .addColumn('subject', 'text', (c) => c.primaryKey())
            .addColumn('window_start', epoch, required)
            .addColumn('count', 'integer', required),
        );
        await table('deliveries', (t) =>
          t
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('tenant_id', 'text', tenantRef)
            .addColumn('event', 'text', required)
            .addColumn('payload', 'text', required)
            .addColumn('headers', 'text', required)
            .addColumn('created_at', epoch, required),
        );
        await index('deliveries_tenant', 'deliveries', ['tenant_id']);
        await table('login_tickets', (t) =>
          t
            .addColumn('hash', 'text', (c) => c.primaryKey())
            .addColumn('tenant_id', 'text', tenantRef)
            .addColumn('code_challenge', 'text', required)
            .addColumn('expires_at', epoch, required)
            .addColumn('used_at', epoch),
        );
        await index('login_tickets_tenant', 'login_tickets', ['tenant_id']);
        await index('login_tickets_expires', 'login_tickets', ['expires_at']);
      },
    },
    // One tenant's log of redacted requests (request-log.ts). Two indexes: the lookup by request ID, and the newest
    // entries of a tenant (the cap, the purge).
    '0002-request-log': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('request_log')
          .ifNotExists()
          .addColumn('seq', serial, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('tenant_id', 'text', tenantRef)
          .addColumn('request_id', 'text', required)
          .addColumn('received_at', epoch, required)
          .addColumn('duration_us', 'integer', required)
          .addColumn('method', 'text', required)
          .addColumn('path', 'text', required)
          .addColumn('query', 'text', required)
          .addColumn('request_headers', 'text', required)
          .addColumn('request_body', 'text')
          .addColumn('request_body_bytes', 'integer', required)
          .addColumn('request_body_truncated', 'integer', required)
          .addColumn('status', 'integer', required)
          .addColumn('response_headers', 'text', required)
          .addColumn('response_body', 'text')
          .addColumn('response_body_bytes', 'integer', required)
          .addColumn('response_body_truncated', 'integer', required)
          .execute();
        await db.schema
          .createIndex('request_log_lookup')
          .ifNotExists()
          .on('request_log')
          .columns(['tenant_id', 'request_id', 'seq'])
          .execute();
        await db.schema
          .createIndex('request_log_tenant')
          .ifNotExists()
          .on('request_log')
          .columns(['tenant_id', 'seq'])
          .execute();
      },
    },
    // Webhook delivery (lib/sandbox/README.md, "Webhook delivery"). `deliveries` (0001) holds the messages: one row per
    // emitted event, its listen copy's headers and the exact payload. Every row names its tenant.
    '0003-webhook-delivery': {
      async up(db: Kysely<unknown>) {
        const table = (name: string, build: (table: Table) => Table) =>
          build(db.schema.createTable(name).ifNotExists()).execute();
        const index = (name: string, on: string, columns: string[]) =>
          db.schema.createIndex(name).ifNotExists().on(on).columns(columns).execute();
        const sequence: Column = (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());
        await table('webhook_endpoints', (t) =>
          t
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('tenant_id', 'text', tenantRef)
            .addColumn('url', 'text', required)
            .addColumn('description', 'text', required)
            .addColumn('events', 'text', required)
            .addColumn('enabled', 'integer', required)
            .addColumn('disabled_reason', 'text')
            .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('secret', 'text', required)
            .addColumn('previous_secret', 'text')
            .addColumn('previous_secret_expires_at', epoch)
            .addColumn('created_at', epoch, required)
            .addColumn('updated_at', epoch, required),
        );
        await index('webhook_endpoints_tenant', 'webhook_endpoints', ['tenant_id', 'created_at']);
        await index('deliveries_tenant_created', 'deliveries', ['tenant_id', 'created_at']);
        await table('webhook_deliveries', (t) =>
          t
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('tenant_id', 'text', tenantRef)
            .addColumn('message_id', 'text', (c) => c.notNull().references('deliveries.id').onDelete('cascade'))
            .addColumn('endpoint_id', 'text')
            .addColumn('target', 'text', required)
            .addColumn('status', 'text', required)
            .addColumn('next_attempt_at', epoch)
            .addColumn('scheduled_attempts', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('replay_requested', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('lease_owner', 'text')
            .addColumn('lease_until', epoch)
            .addColumn('headers', 'text')
            .addColumn('created_at', epoch, required),
        );
        // The worker's scan of due deliveries (every tenant), then each tenant's listing and an endpoint's pending ones.
        await index('webhook_deliveries_due', 'webhook_deliveries', ['status', 'next_attempt_at']);
        await index('webhook_deliveries_replay', 'webhook_deliveries', ['replay_requested']);
        await index('webhook_deliveries_message', 'webhook_deliveries', ['tenant_id', 'message_id']);
        await index('webhook_deliveries_endpoint', 'webhook_deliveries', ['tenant_id', 'endpoint_id', 'status']);
        await table('webhook_attempts', (t) =>
          t
            .addColumn('seq', serial, sequence)
            .addColumn('tenant_id', 'text', tenantRef)
            .addColumn('delivery_id', 'text', (c) =>
              c.notNull().references('webhook_deliveries.id').onDelete('cascade'),
            )
            .addColumn('number', 'integer', required)
            .addColumn('trigger', 'text', required)
            .addColumn('attempted_at', epoch, required)
            .addColumn('status', 'integer')
            .addColumn('duration_ms', dialect === 'postgres' ? 'double precision' : 'real', required)
            .addColumn('response_excerpt', 'text', required)
            .addColumn('error', 'text')
            .addColumn('outcome', 'text', required)
            .addColumn('headers', 'text', required),
        );
        await index('webhook_attempts_delivery', 'webhook_attempts', ['tenant_id', 'delivery_id', 'seq']);
        // The inbox stream's change feed: a stream reads its tenant's rows past its cursor (`seq`), on any instance.
        await table('webhook_changes', (t) =>
          t
            .addColumn('seq', serial, sequence)
            .addColumn('tenant_id', 'text', tenantRef)
            .addColumn('kind', 'text', required)
            .addColumn('delivery_id', 'text', required)
            .addColumn('data', 'text')
            .addColumn('created_at', epoch, required),
        );
        await index('webhook_changes_tenant', 'webhook_changes', ['tenant_id', 'seq']);
        await index('webhook_changes_created', 'webhook_changes', ['created_at']);
      },
    },
    // Each attempt keeps the URL it went to: an endpoint's URL may change between attempts (PATCH), and a delivery's
    // `target` shows only the current one. Null for listen reports (the local receiver is sandbox:listen's to know).
    '0004-webhook-attempt-url': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('webhook_attempts').addColumn('url', 'text').execute();
      },
    },
  };
}
