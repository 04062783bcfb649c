/**
 * The live inbox's state: every delivery of the app, newest first, from the first page of messages and then from
 * the inbox stream's `delivery` events; the connection's state; and the one line a screen reader hears. A pure
 * reducer, so the order, the merge and what is announced are tested without a browser.
 */
import { LISTEN_TARGET, type WebhookDelivery, type WebhookMessage } from './types';

/** The stream: connecting (first time), live (the `ready` event arrived), reconnecting (after a drop), closed. */
export type Connection = 'connecting' | 'live' | 'reconnecting' | 'closed';

/** What the inbox shows. `order` holds delivery IDs newest first; `announcement` is spoken politely. */
export interface InboxState {
  readonly connection: Connection;
  readonly deliveries: Readonly<Record<string, WebhookDelivery>>;
  readonly order: readonly string[];
  /** True once the first page of messages arrived. */
  readonly loaded: boolean;
  readonly announcement: string;
  /** The last failure to load or connect, in words (cleared once live). */
  readonly error?: string;
}

/** What happens to the inbox. */
export type InboxAction =
  | { readonly type: 'loaded'; readonly messages: readonly WebhookMessage[] }
  | { readonly type: 'delivery'; readonly delivery: WebhookDelivery }
  | { readonly type: 'connection'; readonly connection: Connection; readonly error?: string };

/** The inbox before anything loaded. */
export const emptyInbox: InboxState = {
  connection: 'connecting',
  deliveries: {},
  order: [],
  loaded: false,
  announcement: '',
};

/** "the listen copy" or the endpoint URL: how the panel and its announcements name a target. */
export function targetLabel(delivery: Pick<WebhookDelivery, 'target'>): string {
  return delivery.target === LISTEN_TARGET ? 'sandbox:listen' : delivery.target;
}

/** A delivery's status in words, with its last attempt's HTTP status or error. */
export function statusText(delivery: WebhookDelivery): string {
  const last = delivery.attempts.at(-1);
  const detail = last ? (last.error ?? (last.status === null ? '' : `HTTP ${last.status}`)) : '';
  return detail ? `${delivery.status} (${detail})` : delivery.status;
}

const CONNECTION_WORDS: Record<Connection, string> = {
  connecting: 'Connecting to the inbox…',
  live: 'Inbox live.',
  reconnecting: 'Inbox connection lost; reconnecting…',
  closed: 'Inbox closed.',
};

/** Pending first: a delivery only ever moves from pending to one of the settled states, never back. */
const STATUS_RANK: Record<WebhookDelivery['status'], number> = { pending: 0, failed: 1, succeeded: 1, cancelled: 1 };

/**
 * Whether `incoming` is at least as far along as `known`: more attempts, or as many and a status no less settled.
 * Snapshots of one delivery reach the panel out of order (the emit response's pending copy can land after the
 * stream's succeeded update), and the API gives deliveries no updated time, but attempts are only ever appended and a
 * settled delivery never returns to pending (a replay appends an attempt), so this order is the server's order.
 */
export function isAtLeastAsNew(incoming: WebhookDelivery, known: WebhookDelivery): boolean {
  if (incoming.attempts.length !== known.attempts.length) return incoming.attempts.length > known.attempts.length;
  return STATUS_RANK[incoming.status] >= STATUS_RANK[known.status];
}

/**
 * The next state. `loaded` merges the first page with whatever the stream already brought, and `delivery` replaces a
 * known delivery in place or puts a new one first; both keep the most advanced copy (isAtLeastAsNew), so an older
 * snapshot arriving late never hides a newer one. A new delivery or a change of status is announced (not an unchanged
 * repeat nor a stale copy); `connection` announces only a change of connection state.
 */
export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'loaded': {
      const deliveries = { ...state.deliveries };
      const order = [...state.order];
      for (const message of action.messages)
        for (const delivery of message.deliveries) {
          const known = deliveries[delivery.id];
          if (!known) order.push(delivery.id);
          if (!known || isAtLeastAsNew(delivery, known)) deliveries[delivery.id] = delivery;
        }
      return { ...state, deliveries, order, loaded: true };
    }
    case 'delivery': {
      const { delivery } = action;
      const known = state.deliveries[delivery.id];
      if (known && !isAtLeastAsNew(delivery, known)) return state;
      const announcement = !known
        ? `New ${delivery.event} delivery to ${targetLabel(delivery)}: ${statusText(delivery)}.`
        : known.status !== delivery.status || known.attempts.length !== delivery.attempts.length
          ? `${delivery.event} to ${targetLabel(delivery)}: ${statusText(delivery)}.`
          : state.announcement;
      return {
        ...state,
        deliveries: { ...state.deliveries, [delivery.id]: delivery },
        order: known ? state.order : [delivery.id, ...state.order],
        announcement,
      };
    }
    case 'connection': {
      if (action.connection === state.connection && action.error === state.error) return state;
      const changed = action.connection !== state.connection;
      return {
        ...state,
        connection: action.connection,
        ...(action.error === undefined ? { error: undefined } : { error: action.error }),
        announcement: changed ? CONNECTION_WORDS[action.connection] : state.announcement,
      };
    }
  }
}

/** The deliveries in display order (newest first). */
export function orderedDeliveries(state: InboxState): WebhookDelivery[] {
  return state.order.map((id) => state.deliveries[id]).filter((d): d is WebhookDelivery => d !== undefined);
}
