import type { RequestContext } from './http';
import type { BearerIdentity } from './oauth/bearer';
import type { Runtime } from './runtime';

/** An authenticated, validated call of a document operation, as resource handlers receive it. */
export interface ApiCall {
  rt: Runtime;
  ctx: RequestContext;
  identity: BearerIdentity;
  /** Query values coerced to their schema types, document defaults filled in. */
  query: Record<string, unknown>;
  /** Path parameters. */
  params: Record<string, string>;
  /** The AeThex-Environment of the call (document default when absent). */
  environment: string;
  /** The parsed JSON body (operations with a body), defaults not yet applied. */
  body: unknown;
  /** The raw body bytes (fingerprints and signature checks use the exact bytes). */
  rawBody: Uint8Array;
  /** Header lookup (case-insensitive). */
  header(name: string): string | null;
}
