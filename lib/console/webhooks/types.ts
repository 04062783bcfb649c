/**
 * The sandbox's webhook objects as its sandbox-only routes return them (lib/sandbox/README.md, "Webhooks"):
 * endpoints, messages (one per triggered event) and their deliveries (one per endpoint, plus the listen copy), each
 * with its attempt log. Times are ISO 8601 strings; durations milliseconds.
 */

/** The three Standard Webhooks headers (plus content-type) exactly as a delivery or attempt sent them. */
export type WebhookHeaders = Readonly<Record<string, string>>;

/** A registered receiver of one sandbox app. */
export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly description: string;
  readonly events: readonly string[];
  readonly enabled: boolean;
  /** Why the sandbox disabled it (after repeated failures), in words; null when enabled or disabled by hand. */
  readonly disabled_reason: string | null;
  /** `whsec_<base64>`: what the endpoint's deliveries are signed with. */
  readonly secret: string;
  /** While a rotation's grace period runs, the old secret still signs alongside the new one until then. */
  readonly previous_secret_expires_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

/** One try at delivering (or, for a listen copy, one publication reported back by `sandbox:listen`). */
export interface WebhookAttempt {
  readonly number: number;
  readonly trigger: 'schedule' | 'replay' | 'listen';
  readonly attempted_at: string;
  /** The receiver's HTTP status, null when none arrived. */
  readonly status: number | null;
  readonly duration_ms: number;
  readonly response_excerpt: string;
  /** What went wrong, in words (e.g. "DNS lookup of receiver.invalid failed"); null on success. */
  readonly error: string | null;
  readonly outcome: 'succeeded' | 'failed' | 'refused';
  /** The URL this attempt went to (an endpoint's URL may change between attempts); null for listen reports. */
  readonly url?: string | null;
  /** Exactly what this attempt sent; null when nothing was sent (refused before signing). */
  readonly headers?: WebhookHeaders | null;
}

/** One message sent to one target: an endpoint URL, or `listen` (the inbox / `sandbox:listen` copy). */
export interface WebhookDelivery {
  readonly id: string;
  readonly message_id: string;
  readonly event: string;
  readonly endpoint_id: string | null;
  readonly target: string;
  readonly status: 'pending' | 'succeeded' | 'failed' | 'cancelled';
  readonly next_attempt_at: string | null;
  /** The exact bytes sent, as text. */
  readonly payload: string;
  /** The headers of the newest signing; null before the first attempt signed it. */
  readonly headers: WebhookHeaders | null;
  /** Oldest first. */
  readonly attempts: readonly WebhookAttempt[];
}

/** A triggered event with all its deliveries. */
export interface WebhookMessage {
  readonly id: string;
  readonly event: string;
  readonly payload: string;
  readonly created_at: string;
  readonly deliveries: readonly WebhookDelivery[];
}

/** The target value of a listen copy. */
export const LISTEN_TARGET = 'listen';
