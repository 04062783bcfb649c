import type { AttemptRow, DeliveryRow, MessageRow, Tables } from './schema';
import { WebhookStore } from './webhook-store';

/** A delivery with its message's event and payload and its attempts, oldest first: what the API shows. */
export interface DeliveryRecord {
  delivery: DeliveryRow;
  event: string;
  payload: string;
  attempts: AttemptRow[];
}

/** A message with its deliveries. */
export interface MessageRecord {
  message: MessageRow;
  deliveries: DeliveryRecord[];
}

/** One attempt to record, and what it does to its delivery. */
export interface AttemptRecord {
  attempt: Omit<AttemptRow, 'seq' | 'number'>;
  /** The delivery's status, next due time (epoch ms or null) and schedule position afterwards. */
  status: DeliveryRow['status'];
  nextAttemptAt: number | null;
  /** Unset for listen reports: there it counts republications (publishListen), which a report must not reset. */
  scheduledAttempts?: number;
  /** Endpoint deliveries: the failure count that disables the endpoint, and the reason given then. */
  disable?: { after: number; reason: string };
  /**
   * The worker holding the delivery's lease. If the lease was taken meanwhile (its endpoint deleted or disabled
   * settled the delivery), the attempt is recorded and the delivery keeps its state. Unset for listen reports.
   */
  owner?: string;
}

/** A change of the inbox stream's feed. */
export type ChangeRow = Pick<Tables['webhook_changes'], 'kind' | 'delivery_id' | 'data'> & { seq: number };

/**
 * Messages and deliveries as the API shows them, the delivery worker's queries (webhook-worker.ts) and the inbox
 * stream's change feed: due deliveries claimed with a
 * lease (a conditional UPDATE, so on any number of instances one wins), attempts recorded with their effect on the
 * delivery and its endpoint in one transaction, replays, listen copies and their reports. Every query on a delivery
 * names its tenant; only the due scan reads every tenant's (it is the worker's to-do list).
 */
export class DeliveryStore extends WebhookStore {
  /** A tenant's newest `limit` messages, each with its deliveries and their attempts. */
  async messages(tenantId: string, limit: number): Promise<MessageRecord[]> {
    const messages = await this.db
      .selectFrom('deliveries')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    if (messages.length === 0) return [];
    const deliveries = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where(
        'message_id',
        'in',
        messages.map((message) => message.id),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const attempts = await this.attemptsOf(
      tenantId,
      deliveries.map((delivery) => delivery.id),
    );
    return messages.map((message) => ({
      message,
      deliveries: deliveries
        .filter((delivery) => delivery.message_id === message.id)
        .sort((a, b) => Number(b.endpoint_id === null) - Number(a.endpoint_id === null))
        .map((delivery) => ({
          delivery,
          event: message.event,
          payload: message.payload,
          attempts: attempts.filter((attempt) => attempt.delivery_id === delivery.id),
        })),
    }));
  }

  /** A tenant's delivery by ID with its message's event and payload and its attempts (another tenant's: undefined). */
  async delivery(tenantId: string, id: string): Promise<DeliveryRecord | undefined> {
    const found = await this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('deliveries as m', (join) =>
        join.onRef('m.id', '=', 'd.message_id').onRef('m.tenant_id', '=', 'd.tenant_id'),
      )
      .selectAll('d')
      .select(['m.event', 'm.payload'])
      .where('d.tenant_id', '=', tenantId)
      .where('d.id', '=', id)
      .executeTakeFirst();
    if (!found) return undefined;
    const { event, payload, ...delivery } = found;
    return { delivery, event, payload, attempts: await this.attemptsOf(tenantId, [id]) };
  }

  /** The attempts of a tenant's deliveries, oldest first. */
  private async attemptsOf(tenantId: string, ids: string[]): Promise<AttemptRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('delivery_id', 'in', ids)
      .orderBy('seq')
      .execute();
  }

  /**
   * Endpoint deliveries the worker may attempt: of an enabled endpoint, and pending or asked to replay. Shared by
   * dueDeliveries and nextDueAt so the worker never sleeps 0 ms for a delivery its scan would not claim (a disabled
   * endpoint's pending one made it spin at hundreds of scans a second).
   */
  private workable() {
    return this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', (join) =>
        join.onRef('e.id', '=', 'd.endpoint_id').onRef('e.tenant_id', '=', 'd.tenant_id'),
      )
      .where('e.enabled', '=', 1)
      .where((eb) => eb.or([eb('d.status', '=', 'pending'), eb('d.replay_requested', '=', 1)]));
  }

  /**
   * Up to `limit` deliveries due at `now` (schedule or replay) whose lease is free and whose endpoint is enabled, in
   * turns across tenants: the oldest of each endpoint, at most `perTenant` of a tenant, every tenant's first before
   * any tenant's second (window functions, in SQLite and PostgreSQL alike), so one tenant's backlog cannot fill the
   * worker's slots while another's delivery waits.
   */
  dueDeliveries(
    now: number,
    limit: number,
    perTenant = 2,
  ): Promise<{ id: string; tenant_id: string; endpoint_id: string }[]> {
    const due = this.workable()
      .select((eb) => [
        'd.id',
        'd.tenant_id',
        'e.id as endpoint_id',
        'd.next_attempt_at',
        eb.fn
          .agg<number>('row_number')
          .over((over) =>
            over.partitionBy(['d.tenant_id', 'd.endpoint_id']).orderBy('d.next_attempt_at').orderBy('d.id'),
          )
          .as('in_endpoint'),
      ])
      .where((eb) =>
        eb.or([
          eb.and([eb('d.status', '=', 'pending'), eb('d.next_attempt_at', '<=', now)]),
          eb('d.replay_requested', '=', 1),
        ]),
      )
      .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<=', now)]));
    const firsts = this.db
      .selectFrom(due.as('f'))
      .select((eb) => [
        'f.id',
        'f.tenant_id',
        'f.endpoint_id',
        'f.next_attempt_at',
        eb.fn
          .agg<number>('row_number')
          .over((over) => over.partitionBy('f.tenant_id').orderBy('f.next_attempt_at').orderBy('f.id'))
          .as('turn'),
      ])
      .where('f.in_endpoint', '=', 1);
    return this.db
      .selectFrom(firsts.as('t'))
      .select(['t.id', 't.tenant_id', 't.endpoint_id'])
      .where('t.turn', '<=', perTenant)
      .orderBy('t.turn')
      .orderBy('t.next_attempt_at')
      .limit(limit)
      .execute();
  }

  /**
   * When dueDeliveries may next return something (epoch ms), or undefined: how long the worker may sleep. It sees
   * what dueDeliveries sees: a free delivery falls due at its next_attempt_at (now for a replay), a leased one not
   * before its lease ends.
   */
  async nextDueAt(now: number): Promise<number | undefined> {
    const row = await this.workable()
      .select((eb) => [
        eb.fn
          .min<number | null>(
            eb.case().when('d.replay_requested', '=', 1).then(now).else(eb.ref('d.next_attempt_at')).end(),
          )
          .as('free'),
      ])
      .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<=', now)]))
      .executeTakeFirst();
    const leased = await this.workable()
      .select((eb) => eb.fn.min<number | null>('d.lease_until').as('until'))
      .where('d.lease_until', '>', now)
      .executeTakeFirst();
    const times = [row?.free, leased?.until].filter((time) => time !== null && time !== undefined).map(Number);
    return times.length === 0 ? undefined : Math.min(...times);
  }

  /**
   * Takes a due delivery for `owner` until `leaseUntil` (epoch ms), if it is still due and no lease holds it: one
   * conditional UPDATE, which one instance at most wins.
   * @returns whether this owner holds it now.
   */
  async claimDelivery(tenantId: string, id: string, owner: string, now: number, leaseUntil: number): Promise<boolean> {
    const result = await this.db
      .updateTable('webhook_deliveries')
      .set({ lease_owner: owner, lease_until: leaseUntil })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
          eb('replay_requested', '=', 1),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Gives a claimed delivery back without an attempt (its endpoint went away meanwhile). */
  async releaseDelivery(tenantId: string, id: string, owner: string): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set({ lease_owner: null, lease_until: null })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .execute();
  }

  /**
   * Records an attempt (numbered after the delivery's others) and its effect, in one transaction: the delivery's
   * status, next due time, schedule position, headers; the lease released (unless `record.owner` lost it); for an endpoint delivery the endpoint's
   * failures in a row (reset by a success), and at `disable.after` the endpoint disabled with the reason and its
   * pending deliveries failed.
   * The delivery's row is locked first (PostgreSQL: `FOR UPDATE`; SQLite runs one transaction at a time), so
   * concurrent attempts get distinct numbers and `record.cap` is checked against what is really stored: unlocked,
   * 120 concurrent listen reports were all recorded, past the cap of 50, with 79 distinct numbers.
   * @returns the attempt's number, or undefined when the delivery holds `record.cap` attempts (nothing stored).
   */
  recordAttempt(
    endpointId: string | null,
    record: AttemptRecord & { cap?: number },
    now: number,
  ): Promise<number | undefined> {
    const { attempt } = record;
    return this.db.transaction().execute(async (trx) => {
      const row = trx
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('tenant_id', '=', attempt.tenant_id)
        .where('id', '=', attempt.delivery_id);
      await (this.dialect === 'postgres' ? row.forUpdate() : row).executeTakeFirst();
      const { n } = await trx
        .selectFrom('webhook_attempts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', attempt.tenant_id)
        .where('delivery_id', '=', attempt.delivery_id)
        .executeTakeFirstOrThrow();
      if (record.cap !== undefined && Number(n) >= record.cap) return undefined;
      const number = Number(n) + 1;
      await trx
        .insertInto('webhook_attempts')
        .values({ ...attempt, number })
        .execute();
      const delivery = trx
        .updateTable('webhook_deliveries')
        .where('tenant_id', '=', attempt.tenant_id)
        .where('id', '=', attempt.delivery_id);
      const updated = await (record.owner === undefined ? delivery : delivery.where('lease_owner', '=', record.owner))
        .set({
          status: record.status,
          next_attempt_at: record.nextAttemptAt,
          ...(record.scheduledAttempts === undefined ? {} : { scheduled_attempts: record.scheduledAttempts }),
          headers: attempt.headers,
          lease_owner: null,
          lease_until: null,
          ...(attempt.trigger === 'replay' ? { replay_requested: 0 } : {}),
        })
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) await delivery.set({ headers: attempt.headers }).execute();
      await this.addChanges(trx, attempt.tenant_id, [attempt.delivery_id], now);
      if (endpointId && record.disable) {
        const failed = attempt.outcome !== 'succeeded';
        const counted = await trx
          .updateTable('webhook_endpoints')
          .set((eb) => ({ failures: failed ? eb('failures', '+', 1) : 0 }))
          .where('tenant_id', '=', attempt.tenant_id)
          .where('id', '=', endpointId)
          .returning(['failures', 'enabled'])
          .executeTakeFirst();
        if (counted && counted.enabled === 1 && counted.failures >= record.disable.after) {
          await trx
            .updateTable('webhook_endpoints')
            .set({ enabled: 0, disabled_reason: record.disable.reason, updated_at: now })
            .where('tenant_id', '=', attempt.tenant_id)
            .where('id', '=', endpointId)
            .execute();
          await this.settlePending(trx, attempt.tenant_id, endpointId, 'failed', now);
        }
      }
      return number;
    });
  }

  /** Asks the worker for one attempt of an endpoint delivery now, outside its schedule. */
  async requestReplay(tenantId: string, id: string): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set({ replay_requested: 1 })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }

  /**
   * Publishes a listen copy again: its newest headers, a `forward` change carrying `forward` and a `delivery` change,
   * unless it was republished `cap` times already. A listen copy has no schedule, so its `scheduled_attempts` counts
   * its republications: they made no attempt, so the attempts cap never applied and each one grew the change feed.
   * @returns false (nothing changed) at the cap.
   */
  publishListen(
    tenantId: string,
    id: string,
    publication: { headers: string; forward: string; cap: number },
    now: number,
  ): Promise<boolean> {
    const { headers, forward, cap } = publication;
    return this.db.transaction().execute(async (trx) => {
      const counted = await trx
        .updateTable('webhook_deliveries')
        .set((eb) => ({ headers, scheduled_attempts: eb('scheduled_attempts', '+', 1) }))
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('endpoint_id', 'is', null)
        .where('scheduled_attempts', '<', cap)
        .executeTakeFirst();
      if (Number(counted.numUpdatedRows) === 0) return false;
      await trx
        .insertInto('webhook_changes')
        .values({ tenant_id: tenantId, kind: 'forward', delivery_id: id, data: forward, created_at: now })
        .execute();
      await this.addChanges(trx, tenantId, [id], now);
      return true;
    });
  }

  /** A tenant's changes after `cursor` (its `seq`), oldest first, at most `limit`. */
  changesAfter(tenantId: string, cursor: number, limit: number): Promise<ChangeRow[]> {
    return this.db
      .selectFrom('webhook_changes')
      .select(['seq', 'kind', 'delivery_id', 'data'])
      .where('tenant_id', '=', tenantId)
      .where('seq', '>', cursor)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  /** The newest change's `seq` of a tenant (0 without any): where a new stream starts reading. */
  async lastChange(tenantId: string): Promise<number> {
    const row = await this.db
      .selectFrom('webhook_changes')
      .select((eb) => eb.fn.max<number | null>('seq').as('last'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return Number(row?.last ?? 0);
  }

  /**
   * Deletes the changes older than `before` (epoch ms), `batch` at a time until none is left (one batch a round let
   * the feed outgrow the purge): a stream reads its feed within a second.
   */
  async purgeChanges(before: number, batch: number): Promise<void> {
    for (;;) {
      const result = await this.db
        .deleteFrom('webhook_changes')
        .where('seq', 'in', (eb) =>
          eb.selectFrom('webhook_changes').select('seq').where('created_at', '<=', before).limit(batch),
        )
        .executeTakeFirst();
      if (Number(result.numDeletedRows) < batch) return;
    }
  }
}
