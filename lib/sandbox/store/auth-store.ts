import { sql, type Kysely, type Transaction } from 'kysely';

import type { SandboxDatabase } from './database';
import type { DialectName } from './migrations';
import { prepare } from './prepared';
import type {
  CapHit,
  CapName,
  ClientRow,
  CodeRow,
  CredentialRow,
  Issuance,
  ProjectRow,
  Tables,
  TenantRow,
  TicketRow,
} from './schema';

/** The caps an issuance of tokens is checked against (LIMITS.caps). */
export interface IssuanceCaps {
  accessTokens: number;
  refreshTokens: number;
}

/** Why a refresh request is refused before anything changes (RFC 6749 §5.2 error code and description). */
export interface RefreshRefusal {
  error: 'invalid_grant' | 'invalid_scope';
  description: string;
}

/** A transaction or the database itself: the store's queries run on either. */
type Queries = Kysely<Tables> | Transaction<Tables>;

/** The tables a cap counts, and whether rows stop counting when they expire (`live`: unexpired and unused). */
const CAP_TABLES: Record<CapName, { table: keyof Tables; live?: 'unused' | 'unrevoked' }> = {
  accessTokens: { table: 'access_tokens', live: 'unrevoked' },
  pendingCodes: { table: 'authorization_codes', live: 'unused' },
  loginTickets: { table: 'login_tickets', live: 'unused' },
  refreshTokens: { table: 'refresh_tokens' },
  grants: { table: 'grants' },
  deliveries: { table: 'deliveries' },
  idempotencyRecords: { table: 'idempotency_keys' },
};

/**
 * The tenant and OAuth half of the sandbox store (tenants, clients, tokens, codes, grants, login tickets), over the
 * typed query builder, the same queries for SQLite and PostgreSQL. Every lookup names the tenant, or a secret's
 * SHA-256 that belongs to one. Every write that a cap guards runs in one transaction that first locks the tenant's
 * row (PostgreSQL: `FOR UPDATE`; SQLite serialises writers anyway), so concurrent requests on any instance cannot
 * both take the last slot, and a code or refresh token is used once across instances.
 * SandboxStore (index.ts) adds projects, idempotency, rate windows, deliveries and purging.
 */
export class AuthStore {
  readonly db: Kysely<Tables>;
  readonly dialect: DialectName;
  private readonly closeDatabase: () => Promise<void>;

  constructor(database: SandboxDatabase) {
    this.db = database.db;
    this.dialect = database.dialect;
    this.closeDatabase = database.close;
    this.patCredential = this.preparePatCredential();
    this.accessCredential = this.prepareAccessCredential();
  }

  /**
   * Locks a tenant's row for the rest of the transaction (PostgreSQL), so the writes that follow see every
   * committed row of the tenant and no concurrent writer of the same tenant interleaves.
   * @returns whether the tenant exists.
   */
  protected async lockTenant(trx: Transaction<Tables>, tenantId: string): Promise<boolean> {
    const query = trx.selectFrom('tenants').select('id').where('id', '=', tenantId);
    return (await (this.dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst()) !== undefined;
  }

  /** Creates a tenant with its client, personal access token and seed projects in one transaction. */
  async createTenant(
    tenant: Omit<TenantRow, 'maintenance' | 'maintenance_retry_after'>,
    client: ClientRow,
    pat: { hash: string; id: string; scopes: string },
    projects: readonly ProjectRow[],
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('tenants').values(tenant).execute();
      await trx.insertInto('clients').values(client).execute();
      await trx
        .insertInto('personal_access_tokens')
        .values({ ...pat, tenant_id: tenant.id })
        .execute();
      if (projects.length > 0)
        await trx
          .insertInto('projects')
          .values([...projects])
          .execute();
    });
  }

  /** The tenant, or undefined. */
  tenant(id: string): Promise<TenantRow | undefined> {
    return this.db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A confidential client by its `client_id`, or undefined. */
  client(id: string): Promise<ClientRow | undefined> {
    return this.db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Switches a tenant's maintenance mode; `retryAfter` in seconds. */
  async setMaintenance(tenantId: string, enabled: boolean, retryAfter: number): Promise<void> {
    await this.db
      .updateTable('tenants')
      .set({ maintenance: enabled ? 1 : 0, maintenance_retry_after: retryAfter })
      .where('id', '=', tenantId)
      .execute();
  }

  /** Sets a tenant's rate limit: `limit` requests per `windowSeconds`. */
  async setRateLimit(tenantId: string, limit: number, windowSeconds: number): Promise<void> {
    await this.db
      .updateTable('tenants')
      .set({ rate_limit: limit, rate_window_seconds: windowSeconds })
      .where('id', '=', tenantId)
      .execute();
  }

  /**
   * Looks up a bearer credential by the SHA-256 of the token, with its tenant's limits. Revoked tokens and tokens of
   * revoked grants never match; read on every request, so a revocation by any instance holds at once everywhere.
   */
  async credential(hash: string, isPat: boolean): Promise<CredentialRow | undefined> {
    return (await (isPat ? this.patCredential : this.accessCredential)(hash))[0];
  }

  private readonly patCredential: (hash: string) => Promise<CredentialRow[]>;
  private readonly accessCredential: (hash: string) => Promise<CredentialRow[]>;

  /** A personal access token's credential row by the token's SHA-256 (prepared: read on every request). */
  private preparePatCredential() {
    return prepare(this.db, 1, (hash: string) =>
      this.db
        .selectFrom('personal_access_tokens as p')
        .innerJoin('tenants as t', 't.id', 'p.tenant_id')
        .select(['p.tenant_id', 'p.scopes as scope', 't.rate_limit', 't.rate_window_seconds', 't.maintenance'])
        .select(['t.maintenance_retry_after', 't.expires_at as tenant_expires_at'])
        .select([sql<string>`'pat:' || p.id`.as('client_id'), sql<null>`null`.as('expires_at')])
        .where('p.hash', '=', hash),
    );
  }

  /** An unrevoked access token's credential row by the token's SHA-256 (prepared: read on every request). */
  private prepareAccessCredential() {
    return prepare(this.db, 1, (hash: string) =>
      this.db
        .selectFrom('access_tokens as a')
        .innerJoin('tenants as t', 't.id', 'a.tenant_id')
        .leftJoin('grants as g', 'g.id', 'a.grant_id')
        .select(['a.tenant_id', 'a.client_id', 'a.scope', 'a.expires_at', 't.rate_limit', 't.rate_window_seconds'])
        .select(['t.maintenance', 't.maintenance_retry_after', 't.expires_at as tenant_expires_at'])
        .where('a.hash', '=', hash)
        .where('a.revoked', '=', 0)
        .where((eb) => eb.or([eb('g.revoked', 'is', null), eb('g.revoked', '=', 0)])),
    );
  }

  /**
   * The cap `name` of a tenant if it is reached, else undefined. Run inside the transaction of the insert it guards,
   * after lockTenant, so concurrent requests (or instances) cannot both take the last slot.
   * @param limit - the cap's value (LIMITS.caps); @param now - epoch ms (expiring rows count while live).
   */
  protected async capHit(
    trx: Queries,
    name: CapName,
    tenantId: string,
    now: number,
    limit: number,
  ): Promise<CapHit | undefined> {
    const { table, live } = CAP_TABLES[name];
    // The column names differ per table; the query builder cannot type a table chosen at run time.
    let query = (trx as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .selectFrom(table)
      .where('tenant_id', '=', tenantId)
      .select((eb) => eb.fn.countAll<number>().as('n'));
    if (live) {
      query = query
        .select((eb) => eb.fn.min<number | null>('expires_at').as('free_at'))
        .where('expires_at', '>', now)
        .where(live === 'unused' ? 'used_at' : 'revoked', live === 'unused' ? 'is' : '=', live === 'unused' ? null : 0);
    }
    const row = (await query.executeTakeFirstOrThrow()) as { n: number; free_at?: number | null };
    return Number(row.n) >= limit ? { cap: name, limit, freeAt: row.free_at ?? undefined } : undefined;
  }

  private async issuanceCapHit(
    trx: Transaction<Tables>,
    issuance: Issuance,
    now: number,
    caps: IssuanceCaps,
  ): Promise<CapHit | undefined> {
    return (
      (await this.capHit(trx, 'accessTokens', issuance.tenantId, now, caps.accessTokens)) ??
      (issuance.refreshHash
        ? await this.capHit(trx, 'refreshTokens', issuance.tenantId, now, caps.refreshTokens)
        : undefined)
    );
  }

  /**
   * Stores an access token (and refresh token if given) in one transaction, unless a cap is reached.
   * @returns undefined when stored, else the cap that stopped it (nothing stored).
   */
  issue(issuance: Issuance, now: number, caps: IssuanceCaps): Promise<CapHit | undefined> {
    return this.db.transaction().execute(async (trx) => {
      await this.lockTenant(trx, issuance.tenantId);
      const hit = await this.issuanceCapHit(trx, issuance, now, caps);
      if (!hit) await this.insertIssuance(trx, issuance);
      return hit;
    });
  }

  private async insertIssuance(trx: Transaction<Tables>, i: Issuance): Promise<void> {
    await trx
      .insertInto('access_tokens')
      .values({
        hash: i.accessHash,
        tenant_id: i.tenantId,
        client_id: i.clientId,
        grant_id: i.grantId,
        scope: i.scope,
        expires_at: i.expiresAt,
      })
      .execute();
    if (i.refreshHash && i.grantId)
      await trx
        .insertInto('refresh_tokens')
        .values({
          hash: i.refreshHash,
          tenant_id: i.tenantId,
          client_id: i.clientId,
          grant_id: i.grantId,
          scope: i.refreshScope ?? i.scope,
          used_at: null,
        })
        .execute();
  }

  /** The tenant of an authorization code or refresh token (looked up by its SHA-256), or undefined. */
  async tenantOfGrantSecret(hash: string): Promise<TenantRow | undefined> {
    const owner =
      (await this.db
        .selectFrom('authorization_codes')
        .select('tenant_id')
        .where('hash', '=', hash)
        .executeTakeFirst()) ??
      (await this.db.selectFrom('refresh_tokens').select('tenant_id').where('hash', '=', hash).executeTakeFirst());
    return owner ? this.tenant(owner.tenant_id) : undefined;
  }

  /** The tenant a personal access token belongs to (looked up by its SHA-256), or undefined. */
  async patTenant(hash: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('personal_access_tokens')
      .select('tenant_id')
      .where('hash', '=', hash)
      .executeTakeFirst();
    return row?.tenant_id;
  }

  /**
   * Stores a login ticket (hash only) unless the tenant holds `cap` live ones.
   * @returns undefined when stored, else the cap that stopped it.
   */
  createTicket(
    ticket: { hash: string; tenant_id: string; code_challenge: string; expires_at: number },
    now: number,
    cap: number,
  ): Promise<CapHit | undefined> {
    return this.db.transaction().execute(async (trx) => {
      await this.lockTenant(trx, ticket.tenant_id);
      const hit = await this.capHit(trx, 'loginTickets', ticket.tenant_id, now, cap);
      if (!hit)
        await trx
          .insertInto('login_tickets')
          .values({ ...ticket, used_at: null })
          .execute();
      return hit;
    });
  }

  /** A login ticket that is unused, unexpired and bound to `challenge`, or undefined. Does not use it. */
  async liveTicket(
    hash: string,
    challenge: string,
    now: number,
    trx: Queries = this.db,
  ): Promise<TicketRow | undefined> {
    const row = await trx
      .selectFrom('login_tickets')
      .select(['tenant_id', 'code_challenge', 'expires_at', 'used_at'])
      .where('hash', '=', hash)
      .executeTakeFirst();
    return row && row.used_at === null && row.expires_at > now && row.code_challenge === challenge ? row : undefined;
  }

  /**
   * Stores a new grant and its authorization code (hash only) in one transaction, after using the login ticket that
   * proved the tenant (if one did; used once, across instances) and checking the pending-code and grant caps.
   * @returns `'ticket'` when the ticket is no longer valid for this tenant and challenge, a CapHit, or undefined when stored.
   */
  createCode(
    code: Omit<CodeRow, 'used_at'> & { hash: string },
    ticketHash: string | undefined,
    now: number,
    caps: { pendingCodes: number; grants: number },
  ): Promise<CapHit | 'ticket' | undefined> {
    return this.db.transaction().execute(async (trx) => {
      await this.lockTenant(trx, code.tenant_id);
      if (ticketHash !== undefined) {
        const ticket = await this.liveTicket(ticketHash, code.code_challenge, now, trx);
        if (!ticket || ticket.tenant_id !== code.tenant_id) return 'ticket' as const;
      }
      const hit =
        (await this.capHit(trx, 'pendingCodes', code.tenant_id, now, caps.pendingCodes)) ??
        (await this.capHit(trx, 'grants', code.tenant_id, now, caps.grants));
      if (hit) return hit;
      if (ticketHash !== undefined)
        await trx.updateTable('login_tickets').set({ used_at: now }).where('hash', '=', ticketHash).execute();
      await trx
        .insertInto('grants')
        .values({ id: code.grant_id, tenant_id: code.tenant_id, client_id: code.client_id })
        .execute();
      await trx
        .insertInto('authorization_codes')
        .values({ ...code, used_at: null })
        .execute();
      return undefined;
    });
  }

  /**
   * The tenant a code or refresh token belongs to, locked (see lockTenant). Why first: every writer locks the tenant
   * before the rows under it, so two transactions never wait on each other in opposite orders.
   */
  private async lockOwner(
    trx: Transaction<Tables>,
    table: 'authorization_codes' | 'refresh_tokens',
    hash: string,
  ): Promise<boolean> {
    const owner = await trx.selectFrom(table).select('tenant_id').where('hash', '=', hash).executeTakeFirst();
    return owner !== undefined && (await this.lockTenant(trx, owner.tenant_id));
  }

  /**
   * Exchanges an authorization code once (RFC 6749 §4.1.3, §10.5), in one transaction. `verify` checks the
   * presentation (client, redirect URI, PKCE verifier, expiry) before anything changes, so a wrong client or verifier
   * neither uses the code nor revokes its grant. A verified second use revokes the grant and every token it issued.
   * @param issue - builds the tokens for the verified code.
   */
  redeemCode(
    hash: string,
    now: number,
    verify: (code: CodeRow) => string | undefined,
    issue: (code: CodeRow) => Issuance,
    caps: IssuanceCaps,
  ): Promise<
    | { kind: 'unknown' | 'reused' | 'revoked' }
    | { kind: 'invalid'; description: string }
    | { kind: 'capped'; hit: CapHit }
    | { kind: 'issued'; issuance: Issuance }
  > {
    return this.db.transaction().execute(async (trx) => {
      if (!(await this.lockOwner(trx, 'authorization_codes', hash))) return { kind: 'unknown' as const };
      const code = await trx
        .selectFrom('authorization_codes')
        .select(['tenant_id', 'client_id', 'grant_id', 'redirect_uri', 'scope', 'code_challenge', 'expires_at'])
        .select('used_at')
        .where('hash', '=', hash)
        .executeTakeFirst();
      if (!code) return { kind: 'unknown' as const };
      const invalid = verify(code);
      if (invalid) return { kind: 'invalid' as const, description: invalid };
      if (code.used_at !== null) {
        await this.revokeGrant(trx, code.grant_id);
        return { kind: 'reused' as const };
      }
      const grant = await trx.selectFrom('grants').select('revoked').where('id', '=', code.grant_id).executeTakeFirst();
      if (!grant || grant.revoked) return { kind: 'revoked' as const };
      const issuance = issue(code);
      const hit = await this.issuanceCapHit(trx, issuance, now, caps);
      if (hit) return { kind: 'capped' as const, hit };
      await trx.updateTable('authorization_codes').set({ used_at: now }).where('hash', '=', hash).execute();
      await this.insertIssuance(trx, issuance);
      return { kind: 'issued' as const, issuance };
    });
  }

  /**
   * Rotates a refresh token (OAuth 2.1 §4.3.1): marks it used and stores the new tokens; a reused or revoked one
   * presented by its own client revokes the whole grant. `next` may refuse (scope not granted) before anything changes.
   * @returns the new issuance, the refusal, a cap hit, `'reused'`, or undefined if unknown.
   */
  rotateRefresh(
    hash: string,
    clientId: string,
    now: number,
    next: (row: { tenant_id: string; client_id: string; grant_id: string; scope: string }) => Issuance | RefreshRefusal,
    caps: IssuanceCaps,
  ): Promise<{ issuance: Issuance } | { refused: RefreshRefusal } | { hit: CapHit } | 'reused' | undefined> {
    return this.db.transaction().execute(async (trx) => {
      if (!(await this.lockOwner(trx, 'refresh_tokens', hash))) return undefined;
      const row = await trx
        .selectFrom('refresh_tokens as r')
        .innerJoin('grants as g', 'g.id', 'r.grant_id')
        .select(['r.tenant_id', 'r.client_id', 'r.grant_id', 'r.scope', 'r.used_at', 'g.revoked'])
        .where('r.hash', '=', hash)
        .executeTakeFirst();
      if (!row) return undefined;
      // Another client presenting the token learns nothing and changes nothing: only the token's own client can
      // trigger the reuse revocation (a public client's "authentication" is just its client_id).
      if (row.client_id !== clientId)
        return {
          refused: {
            error: 'invalid_grant' as const,
            description: 'The refresh token is unknown or was issued to another client.',
          },
        };
      if (row.used_at !== null || row.revoked) {
        await this.revokeGrant(trx, row.grant_id);
        return 'reused' as const;
      }
      const issuance = next(row);
      if ('error' in issuance) return { refused: issuance };
      const hit = await this.issuanceCapHit(trx, issuance, now, caps);
      if (hit) return { hit };
      await trx.updateTable('refresh_tokens').set({ used_at: now }).where('hash', '=', hash).execute();
      await this.insertIssuance(trx, issuance);
      return { issuance };
    });
  }

  /** Revokes a grant and its access tokens (so that they stop counting against the live-token cap at once). */
  private async revokeGrant(trx: Transaction<Tables>, grantId: string): Promise<void> {
    await trx.updateTable('grants').set({ revoked: 1 }).where('id', '=', grantId).execute();
    await trx.updateTable('access_tokens').set({ revoked: 1 }).where('grant_id', '=', grantId).execute();
  }

  /** Closes the database (the SQLite file, or the PostgreSQL pool). */
  close(): Promise<void> {
    return this.closeDatabase();
  }
}
