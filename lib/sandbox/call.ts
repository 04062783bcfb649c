import type { Reply, RequestContext } from './http';
import type { ClientAddress, RateSubject } from './limits';
import type { BearerFailure, BearerIdentity } from './oauth/bearer';
import type { Runtime } from './runtime';

/** Who is calling, as the pipeline identified them before routing (for rate limits, maintenance and access). */
export interface Identity {
  /** The bearer credential's identity, when the request carries a valid one. */
  tenant: BearerIdentity | undefined;
  /** Why there is no bearer identity (no Authorization header, or an invalid token). */
  failure: BearerFailure | undefined;
  /** The tenant the request proved: by a valid bearer credential, or HTTP Basic credentials of its client. */
  proven?: string;
  /** What the request is counted against: the tenant's window, else the client address's. */
  subject: RateSubject;
  client: ClientAddress;
  /** Set while the caller's tenant is in maintenance mode: the Retry-After in seconds. */
  maintenance?: { retryAfter: number };
}

/** A routed request as every handler receives it, after the pipeline's checks. */
export interface Call {
  rt: Runtime;
  ctx: RequestContext;
  request: Request;
  url: URL;
  who: Identity;
  /** The bearer identity of a `bearer` or `manage` route (checked: scopes held, tenant not in maintenance). */
  identity: BearerIdentity | undefined;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  /** The raw body bytes (fingerprints and signature checks use the exact bytes); empty without a body. */
  rawBody: Uint8Array;
  /** The parsed JSON body of a `json` route (undefined when empty). */
  body: unknown;
  /** Document operations: query values coerced to their schema types, document defaults filled in. */
  query: Record<string, unknown>;
  /** Document operations: the AeThex-Environment of the call (document default when absent). */
  environment: string;
  /** Header lookup (case-insensitive). */
  header(name: string): string | null;
}

/** A `bearer` route's call: the identity is always there. */
export type ApiCall = Call & { identity: BearerIdentity };

/** What a route runs. Resolves to the reply (the pipeline adds the common headers); a rejection becomes a 500 problem. */
export type Handler = (call: Call) => Promise<Reply>;
