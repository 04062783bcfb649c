/**
 * The sandbox's webhook routes (lib/sandbox/README.md, "Webhooks") called from the browser: endpoints, trigger,
 * messages, replay. Every call sends the bearer credential in the Authorization header, never cookies (`credentials:
 * 'omit'`), and turns an RFC 9457 problem into an `ApiProblem` whose text and field errors the panel shows.
 */
import type { WebhookDelivery, WebhookEndpoint, WebhookMessage } from './types';

/** Where and as whom: the sandbox base URL (no trailing slash), the bearer token, and the fetch to use. */
export interface WebhookApiContext {
  readonly base: string;
  readonly bearer: string;
  readonly fetch: typeof fetch;
}

/** An endpoint's editable fields (`POST /webhooks/endpoints`, `PATCH /webhooks/endpoints/{id}`). */
export interface EndpointInput {
  readonly url?: string;
  readonly events?: readonly string[];
  readonly enabled?: boolean;
  readonly description?: string;
}

/**
 * A failed call, in words: `message` is the problem's `detail` (else its title, else the status), `fields` maps each
 * JSON pointer the problem blames (`/url`, `/events/1`) to its message; `status` is null when nothing answered.
 */
export class ApiProblem extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

/** Reads a problem+json (or any JSON) body into an ApiProblem. */
async function problemOf(response: Response): Promise<ApiProblem> {
  const json = (await response.json().catch(() => ({}))) as {
    detail?: unknown;
    title?: unknown;
    errors?: unknown;
  };
  const fields: Record<string, string> = {};
  if (Array.isArray(json.errors))
    for (const error of json.errors as { field?: unknown; message?: unknown }[])
      if (typeof error?.field === 'string' && typeof error.message === 'string')
        fields[error.field] = fields[error.field] ? `${fields[error.field]} ${error.message}` : error.message;
  const text = typeof json.detail === 'string' ? json.detail : typeof json.title === 'string' ? json.title : '';
  return new ApiProblem(text || `The sandbox answered ${response.status}.`, response.status, fields);
}

/**
 * One call: JSON in, JSON out (undefined for 204).
 * @throws ApiProblem for a non-2xx answer or when the sandbox could not be reached
 */
async function call<T>(ctx: WebhookApiContext, method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await ctx.fetch(`${ctx.base}${path}`, {
      method,
      credentials: 'omit',
      cache: 'no-store',
      headers: {
        Authorization: `Bearer ${ctx.bearer}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiProblem(`The sandbox at ${ctx.base} could not be reached.`, null);
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

const endpointPath = (id: string) => `/webhooks/endpoints/${encodeURIComponent(id)}`;

/** `GET /webhooks/endpoints`: the app's endpoints, newest first. */
export async function listEndpoints(ctx: WebhookApiContext): Promise<WebhookEndpoint[]> {
  return (await call<{ data: WebhookEndpoint[] }>(ctx, 'GET', '/webhooks/endpoints')).data;
}

/** `POST /webhooks/endpoints`. @throws ApiProblem (400 with field errors, 409 at the cap) */
export function createEndpoint(ctx: WebhookApiContext, input: EndpointInput): Promise<WebhookEndpoint> {
  return call(ctx, 'POST', '/webhooks/endpoints', input);
}

/** `PATCH /webhooks/endpoints/{id}` (enable clears the disabled reason). */
export function updateEndpoint(ctx: WebhookApiContext, id: string, input: EndpointInput): Promise<WebhookEndpoint> {
  return call(ctx, 'PATCH', endpointPath(id), input);
}

/** `DELETE /webhooks/endpoints/{id}`: its pending deliveries are cancelled. */
export function deleteEndpoint(ctx: WebhookApiContext, id: string): Promise<void> {
  return call(ctx, 'DELETE', endpointPath(id));
}

/** `POST /webhooks/endpoints/{id}/rotate-secret`: a new secret; the old one signs alongside for the grace period. */
export function rotateSecret(ctx: WebhookApiContext, id: string): Promise<WebhookEndpoint> {
  return call(ctx, 'POST', `${endpointPath(id)}/rotate-secret`);
}

/** `POST /webhooks/emit`: triggers `event`; the answer lists the deliveries it created (endpoints + listen copy). */
export function emitEvent(
  ctx: WebhookApiContext,
  event: string,
): Promise<{ webhook_id: string; deliveries?: WebhookDelivery[] }> {
  return call(ctx, 'POST', '/webhooks/emit', { event });
}

/** `GET /webhooks/messages?limit=`: the newest messages with their deliveries (the inbox's first page). */
export async function listMessages(ctx: WebhookApiContext, limit = 20): Promise<WebhookMessage[]> {
  return (await call<{ data: WebhookMessage[] }>(ctx, 'GET', `/webhooks/messages?limit=${limit}`)).data;
}

/** `POST /webhooks/deliveries/{id}/replay`: one more attempt with the same webhook-id. @throws ApiProblem (409) */
export function replayDelivery(ctx: WebhookApiContext, id: string): Promise<WebhookDelivery> {
  return call(ctx, 'POST', `/webhooks/deliveries/${encodeURIComponent(id)}/replay`);
}
