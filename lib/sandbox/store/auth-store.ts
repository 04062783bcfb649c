import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';

import { openDatabase } from './db';
import { prepareStatements, type Statements } from './statements';
import type {
  CapHit,
  CapName,
  ClientRow,
  CodeRow,
  CredentialRow,
  Issuance,
  ProjectRow,
  TenantRow,
  TicketRow,
} from './types';

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

/**
 * The tenant and OAuth half of the sandbox store (tenants, clients, tokens, codes, grants) and what both halves
 * share: the connection, its prepared statements and the in-memory read caches with their invalidation. Every
 * write runs in one transaction. SandboxStore (index.ts) adds projects, idempotency, rate windows and purging.
 */
export class AuthStore {
  readonly db: Database.Database;
  protected readonly s: Statements;
  /**
   * Serialised project pages by `tenant|environment|limit|offset`, the 2,000 most recently used; cleared on any
   * project write (see projectPage).
   */
  protected readonly pages = new LRUCache<string, { total: number; json: string }>({ max: 2_000 });
  private dataVersion = -1;
  private checkedThisTurn = false;
  /** Whether another connection can write the database: not for `':memory:'` (or `''`), which is private to this one. */
  private readonly shared: boolean;
  /** Resolved bearer credentials by `kind:hash` (found ones only, the 10,000 most recently used); cleared with the pages (see `changed`). */
  private readonly credentials = new LRUCache<string, CredentialRow>({ max: 10_000 });

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
  createTenant(
    tenant: Omit<TenantRow, 'maintenance' | 'maintenance_retry_after'>,
    client: ClientRow,
    pat: { hash: string; id: string; scopes: string },
    projects: readonly ProjectRow[],
  ): void {
    this.pages.clear();
    this.db
      .transaction(() => {
        this.s.insertTenant.run(tenant);
        this.s.insertClient.run(client);
        this.s.insertPat.run(pat.hash, pat.id, tenant.id, pat.scopes);
        for (const project of projects) this.s.insertProject.run(project);
      })
      .immediate();
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

  /**
   * The cap `name` of a tenant if it is reached, else undefined. Run inside the transaction of the insert it guards,
   * so concurrent requests (or processes) cannot both take the last slot.
   * @param limit - the cap's value (LIMITS.caps).
   */
  protected capHit(name: CapName, tenantId: string, now: number, limit: number): CapHit | undefined {
    // Expiring rows count while live (the statement takes `now`); the others count until the tenant expires.
    const expiring = {
      accessTokens: this.s.liveAccessTokens,
      pendingCodes: this.s.pendingCodes,
      loginTickets: this.s.liveTickets,
    };
    const lasting = {
      refreshTokens: this.s.countRefresh,
      grants: this.s.countGrants,
      deliveries: this.s.countDeliveries,
    };
    const row = (
      name in expiring
        ? expiring[name as keyof typeof expiring].get(tenantId, now)
        : lasting[name as keyof typeof lasting].get(tenantId)
    ) as { n: number; free_at: number | null };
    return row.n >= limit ? { cap: name, limit, freeAt: row.free_at ?? undefined } : undefined;
  }

  private issuanceCapHit(issuance: Issuance, now: number, caps: IssuanceCaps): CapHit | undefined {
    return (
      this.capHit('accessTokens', issuance.tenantId, now, caps.accessTokens) ??
      (issuance.refreshHash ? this.capHit('refreshTokens', issuance.tenantId, now, caps.refreshTokens) : undefined)
    );
  }

  /**
   * Stores an access token (and refresh token if given) in one transaction, unless a cap is reached.
   * @returns undefined when stored, else the cap that stopped it (nothing stored).
   */
  issue(issuance: Issuance, now: number, caps: IssuanceCaps): CapHit | undefined {
    return this.db
      .transaction(() => {
        const hit = this.issuanceCapHit(issuance, now, caps);
        if (!hit) this.insertIssuance(issuance);
        return hit;
      })
      .immediate();
  }

  private insertIssuance(i: Issuance): void {
    this.s.insertAccess.run(i.accessHash, i.tenantId, i.clientId, i.grantId, i.scope, i.expiresAt);
    if (i.refreshHash && i.grantId)
      this.s.insertRefresh.run(i.refreshHash, i.tenantId, i.clientId, i.grantId, i.refreshScope ?? i.scope);
  }

  /** The tenant of an authorization code or refresh token (looked up by its SHA-256), or undefined. */
  tenantOfGrantSecret(hash: string): TenantRow | undefined {
    return this.s.tenantOfGrantSecret.get(hash, hash) as TenantRow | undefined;
  }

  /** The tenant a personal access token belongs to (looked up by its SHA-256), or undefined. */
  patTenant(hash: string): string | undefined {
    return (this.s.patByHash.get(hash) as { tenant_id: string } | undefined)?.tenant_id;
  }

  /**
   * Stores a login ticket (hash only) unless the tenant holds `cap` live ones.
   * @returns undefined when stored, else the cap that stopped it.
   */
  createTicket(
    ticket: { hash: string; tenant_id: string; code_challenge: string; expires_at: number },
    now: number,
    cap: number,
  ): CapHit | undefined {
    return this.db
      .transaction(() => {
        const hit = this.capHit('loginTickets', ticket.tenant_id, now, cap);
        if (!hit) this.s.insertTicket.run(ticket);
        return hit;
      })
      .immediate();
  }

  /** A login ticket that is unused, unexpired and bound to `challenge`, or undefined. Does not use it. */
  liveTicket(hash: string, challenge: string, now: number): TicketRow | undefined {
    const row = this.s.ticket.get(hash) as TicketRow | undefined;
    return row && row.used_at === null && row.expires_at > now && row.code_challenge === challenge ? row : undefined;
  }

  /**
   * Stores a new grant and its authorization code (hash only) in one transaction, after using the login ticket that
   * proved the tenant (if one did) and checking the pending-code and grant caps.
   * @returns `'ticket'` when the ticket is no longer valid for this tenant and challenge, a CapHit, or undefined when stored.
   */
  createCode(
    code: Omit<CodeRow, 'used_at'> & { hash: string },
    ticketHash: string | undefined,
    now: number,
    caps: { pendingCodes: number; grants: number },
  ): CapHit | 'ticket' | undefined {
    return this.db
      .transaction(() => {
        if (ticketHash !== undefined) {
          const ticket = this.liveTicket(ticketHash, code.code_challenge, now);
          if (!ticket || ticket.tenant_id !== code.tenant_id) return 'ticket' as const;
        }
        const hit =
          this.capHit('pendingCodes', code.tenant_id, now, caps.pendingCodes) ??
          this.capHit('grants', code.tenant_id, now, caps.grants);
        if (hit) return hit;
        if (ticketHash !== undefined) this.s.useTicket.run(now, ticketHash);
        this.s.insertGrant.run(code.grant_id, code.tenant_id, code.client_id);
        this.s.insertCode.run(code);
        return undefined;
      })
      .immediate();
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
  ):
    | { kind: 'unknown' | 'reused' | 'revoked' }
    | { kind: 'invalid'; description: string }
    | { kind: 'capped'; hit: CapHit }
    | { kind: 'issued'; issuance: Issuance } {
    this.changed();
    return this.db
      .transaction(() => {
        const code = this.s.code.get(hash) as CodeRow | undefined;
        if (!code) return { kind: 'unknown' as const };
        const invalid = verify(code);
        if (invalid) return { kind: 'invalid' as const, description: invalid };
        if (code.used_at !== null) {
          this.revokeGrant(code.grant_id);
          return { kind: 'reused' as const };
        }
        const grant = this.s.grantRevoked.get(code.grant_id) as { revoked: number } | undefined;
        if (!grant || grant.revoked) return { kind: 'revoked' as const };
        const issuance = issue(code);
        const hit = this.issuanceCapHit(issuance, now, caps);
        if (hit) return { kind: 'capped' as const, hit };
        this.s.useCode.run(now, hash);
        this.insertIssuance(issuance);
        return { kind: 'issued' as const, issuance };
      })
      .immediate();
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
  ): { issuance: Issuance } | { refused: RefreshRefusal } | { hit: CapHit } | 'reused' | undefined {
    this.changed();
    return this.db
      .transaction(() => {
        const row = this.s.refresh.get(hash) as
          | {
              tenant_id: string;
              client_id: string;
              grant_id: string;
              scope: string;
              used_at: number | null;
              revoked: number;
            }
          | undefined;
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
          this.revokeGrant(row.grant_id);
          return 'reused' as const;
        }
        const issuance = next(row);
        if ('error' in issuance) return { refused: issuance };
        const hit = this.issuanceCapHit(issuance, now, caps);
        if (hit) return { hit };
        this.s.useRefresh.run(now, hash);
        this.insertIssuance(issuance);
        return { issuance };
      })
      .immediate();
  }

  private revokeGrant(grantId: string): void {
    this.s.revokeGrant.run(grantId);
    this.s.revokeGrantTokens.run(grantId);
  }

  /** Closes the database. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
