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

/**
 * The next state. `loaded` merges the first page under whatever the stream already brought (the stream's copy is
 * newer); `delivery` replaces a known delivery in place or puts a new one first, and announces a new delivery or a
 * change of status (not an unchanged repeat); `connection` announces only a change of connection state.
 */
export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'loaded': {
      const deliveries = { ...state.deliveries };
      const order = [...state.order];
      for (const message of action.messages)
        for (const delivery of message.deliveries)
          if (!deliveries[delivery.id]) {
            deliveries[delivery.id] = delivery;
            order.push(delivery.id);
          }
      return { ...state, deliveries, order, loaded: true };
    }
    case 'delivery': {
      const { delivery } = action;
      const known = state.deliveries[delivery.id];
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
