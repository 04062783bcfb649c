/**
 * The JSON shapes of the webhook delivery API (lib/sandbox/README.md, "Webhook delivery"): endpoint, message,
 * delivery and attempt, from their stored rows. Times are ISO 8601 (RFC 3339) with milliseconds.
 */
import type { AttemptRow, DeliveryRecord, EndpointRow, MessageRecord } from './store';

const iso = (ms: number) => new Date(ms).toISOString();
const headersOf = (text: string | null) => (text === null ? null : (JSON.parse(text) as Record<string, string>));

/** An endpoint as the API shows it; `previous_secret_expires_at` only while the rotated secret still signs. */
export function endpointView(row: EndpointRow, now: number) {
  const grace = row.previous_secret !== null && (row.previous_secret_expires_at ?? 0) > now;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as string[],
    enabled: row.enabled === 1,
    disabled_reason: row.disabled_reason,
    secret: row.secret,
    previous_secret_expires_at: grace ? iso(row.previous_secret_expires_at!) : null,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

/** An attempt as the API shows it. */
export function attemptView(row: AttemptRow) {
  return {
    number: row.number,
    trigger: row.trigger,
    attempted_at: iso(row.attempted_at),
    status: row.status,
    duration_ms: row.duration_ms,
    response_excerpt: row.response_excerpt,
    error: row.error,
    outcome: row.outcome,
    headers: headersOf(row.headers),
    url: row.url,
  };
}

/** A delivery as the API shows it, with its attempts oldest first. */
export function deliveryView(record: DeliveryRecord) {
  const { delivery } = record;
  return {
    id: delivery.id,
    message_id: delivery.message_id,
    event: record.event,
    endpoint_id: delivery.endpoint_id,
    target: delivery.target,
    status: delivery.status,
    next_attempt_at: delivery.next_attempt_at === null ? null : iso(delivery.next_attempt_at),
    payload: record.payload,
    headers: headersOf(delivery.headers),
    attempts: record.attempts.map(attemptView),
  };
}

/** A message (an emitted event) as the API shows it, with its deliveries (the listen copy first). */
export function messageView(record: MessageRecord) {
  const { message } = record;
  return {
    id: message.id,
    event: message.event,
    payload: message.payload,
    created_at: iso(message.created_at),
    deliveries: record.deliveries.map(deliveryView),
  };
}
