import type { Transaction } from 'kysely';

import { RequestLogStore } from './request-log-store';
import type { CapHit, DeliveryRow, EndpointRow, MessageRow, Tables } from './schema';

/** What an endpoint's create or update may set. */
export interface EndpointFields {
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
}

/**
 * Webhook endpoints and messages of each tenant (lib/sandbox/README.md, "Webhook delivery"): endpoint CRUD under the
 * tenant's row lock (the endpoint cap), an emitted message fanned out to its deliveries in one transaction, and the
 * Every query names its tenant. DeliveryStore (delivery-store.ts) adds the reads the API shows and the worker's queries.
 */
export class WebhookStore extends RequestLogStore {
  /**
   * Inserts an endpoint unless its tenant holds `cap` endpoints already.
   * @returns 'capped' when the cap stopped it (nothing stored), else undefined.
   */
  createEndpoint(row: EndpointRow, cap: number): Promise<'capped' | undefined> {
    return this.db.transaction().execute(async (trx) => {
      await this.lockTenant(trx, row.tenant_id);
      const { n } = await trx
        .selectFrom('webhook_endpoints')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', row.tenant_id)
        .executeTakeFirstOrThrow();
      if (Number(n) >= cap) return 'capped' as const;
      await trx.insertInto('webhook_endpoints').values(row).execute();
      return undefined;
    });
  }

  /** A tenant's endpoints, newest first. */
  endpoints(tenantId: string): Promise<EndpointRow[]> {
    return this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  /** A tenant's endpoint by ID (another tenant's is undefined, as if it did not exist). */
  endpoint(tenantId: string, id: string): Promise<EndpointRow | undefined> {
    return this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /**
   * Changes an endpoint's fields; `enabled: true` also clears its disabled reason and failure count.
   * @returns the endpoint as stored afterwards, or undefined when the tenant has no such endpoint.
   */
  async updateEndpoint(
    tenantId: string,
    id: string,
    fields: Partial<EndpointFields>,
    now: number,
  ): Promise<EndpointRow | undefined> {
    const { events, enabled, ...rest } = fields;
    await this.db
      .updateTable('webhook_endpoints')
      .set({
        ...rest,
        ...(events ? { events: JSON.stringify(events) } : {}),
        ...(enabled === undefined ? {} : { enabled: enabled ? 1 : 0 }),
        ...(enabled ? { disabled_reason: null, failures: 0 } : {}),
        updated_at: now,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    return this.endpoint(tenantId, id);
  }

  /**
   * Gives an endpoint a new secret; the one it replaces keeps signing until `previousExpiresAt` (epoch ms). One
   * UPDATE reading the current secret where it writes (it was read first, then written: two rotations at once both
   * kept the same old secret and one new secret was lost without a trace). A second rotation within the grace period
   * keeps only the secret it replaces: the one before stops signing at once (one previous secret, as the contract's
   * `previous_secret_expires_at` has room for).
   * @returns the endpoint afterwards, or undefined when the tenant has no such endpoint.
   */
  async rotateSecret(
    tenantId: string,
    id: string,
    secret: string,
    previousExpiresAt: number,
    now: number,
  ): Promise<EndpointRow | undefined> {
    return this.db
      .updateTable('webhook_endpoints')
      .set((eb) => ({
        secret,
        previous_secret: eb.ref('secret'),
        previous_secret_expires_at: previousExpiresAt,
        updated_at: now,
      }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Deletes an endpoint; its pending deliveries become `cancelled` (kept, with their attempts), in one transaction.
   * @returns whether the tenant had it.
   */
  deleteEndpoint(tenantId: string, id: string, now: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .deleteFrom('webhook_endpoints')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return false;
      await this.settlePending(trx, tenantId, id, 'cancelled', now);
      return true;
    });
  }

  /** Ends every pending delivery of an endpoint with `status` (no further attempt), recording the changes. */
  protected async settlePending(
    trx: Transaction<Tables>,
    tenantId: string,
    endpointId: string,
    status: 'cancelled' | 'failed',
    now: number,
  ): Promise<void> {
    const pending = await trx
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('endpoint_id', '=', endpointId)
      .where('status', '=', 'pending')
      .execute();
    if (pending.length === 0) return;
    const ids = pending.map((row) => row.id);
    await trx
      .updateTable('webhook_deliveries')
      // The lease goes too: an attempt under way then records itself without reviving the delivery.
      .set({ status, next_attempt_at: null, replay_requested: 0, lease_owner: null, lease_until: null })
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .execute();
    await this.addChanges(trx, tenantId, ids, now);
  }

  /** Records that deliveries changed (the inbox stream's `delivery` events). */
  protected async addChanges(trx: Transaction<Tables>, tenantId: string, ids: string[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await trx
      .insertInto('webhook_changes')
      .values(
        ids.map((id) => ({
          tenant_id: tenantId,
          kind: 'delivery' as const,
          delivery_id: id,
          data: null,
          created_at: now,
        })),
      )
      .execute();
  }

  /**
   * Stores an emitted message unless the tenant holds `cap` messages, with its listen copy (`listen`, published at
   * once: a `forward` change carrying `forward`) and one pending delivery, due now, per enabled endpoint subscribed
   * to its event, in one transaction under the tenant's lock.
   * @param newId - makes each endpoint delivery's ID.
   * @returns the deliveries (listen copy first), or the cap that stopped it (nothing stored).
   */
  createMessage(
    message: MessageRow,
    listen: { id: string; headers: string; forward: string },
    newId: () => string,
    cap: number,
  ): Promise<DeliveryRow[] | CapHit> {
    return this.db.transaction().execute(async (trx) => {
      await this.lockTenant(trx, message.tenant_id);
      const hit = await this.capHit(trx, 'deliveries', message.tenant_id, message.created_at, cap);
      if (hit) return hit;
      await trx.insertInto('deliveries').values(message).execute();
      const subscribed = (
        await trx
          .selectFrom('webhook_endpoints')
          .select(['id', 'url', 'events'])
          .where('tenant_id', '=', message.tenant_id)
          .where('enabled', '=', 1)
          .orderBy('created_at')
          .execute()
      ).filter((endpoint) => (JSON.parse(endpoint.events) as string[]).includes(message.event));
      const base = { tenant_id: message.tenant_id, message_id: message.id, created_at: message.created_at };
      const rows: DeliveryRow[] = [
        {
          ...base,
          ...idle,
          id: listen.id,
          endpoint_id: null,
          target: 'listen',
          next_attempt_at: null,
          headers: listen.headers,
        },
        ...subscribed.map((endpoint) => ({
          ...base,
          ...idle,
          id: newId(),
          endpoint_id: endpoint.id,
          target: endpoint.url,
          next_attempt_at: message.created_at,
          headers: null,
        })),
      ];
      await trx.insertInto('webhook_deliveries').values(rows).execute();
      await trx
        .insertInto('webhook_changes')
        .values({
          tenant_id: message.tenant_id,
          kind: 'forward',
          delivery_id: listen.id,
          data: listen.forward,
          created_at: message.created_at,
        })
        .execute();
      await this.addChanges(
        trx,
        message.tenant_id,
        rows.map((row) => row.id),
        message.created_at,
      );
      return rows;
    });
  }
}

/** The columns of a delivery no attempt has touched yet. */
const idle = {
  status: 'pending' as const,
  scheduled_attempts: 0,
  replay_requested: 0,
  lease_owner: null,
  lease_until: null,
};
