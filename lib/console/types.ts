/**
 * Plain, serialisable data the console's server shell derives from the OpenAPI document
 * (through lib/openapi/) and hands to the client app as props. Nothing here is fetched at run time.
 */

import type { CredentialKind } from '@/lib/openapi';

/** A JSON Schema 2020-12 object, as written in the OpenAPI 3.1 document. */
export type JsonSchema = Record<string, unknown>;

/** One request parameter of an operation, as the form renders it. */
export interface ConsoleParam {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly description: string;
  readonly schema: JsonSchema;
  /** The document's example (or default) as the text a form field holds; '' when it has none. */
  readonly example: string;
  /** `idempotency-key` for the document's Idempotency-Key parameter (gets a Generate button). */
  readonly role?: 'idempotency-key';
}

/** The request body of an operation: media type, schema and the first example as pretty JSON text. */
export interface ConsoleBody {
  readonly mediaType: 'application/json' | 'application/x-www-form-urlencoded';
  readonly schema: JsonSchema;
  /** Named examples as pretty-printed JSON text (form bodies are shown as a JSON object of fields). */
  readonly examples: readonly { readonly name: string; readonly summary: string; readonly json: string }[];
}

/**
 * How an operation authenticates, the model's credential kind: `bearer` (OAuth/PAT token), `client-basic` (HTTP Basic
 * client authentication; the token endpoint also accepts nothing, so the console sends Basic only once it has an
 * app), or `none` (nothing sent).
 */
export type ConsoleAuthKind = CredentialKind;

/** One operation of the document, flattened for the console. */
export interface ConsoleOperation {
  readonly operationId: string;
  readonly method: string;
  /** Path template, e.g. `/v1/projects/{projectId}/metrics`. */
  readonly path: string;
  readonly summary: string;
  readonly scopes: readonly string[];
  readonly auth: ConsoleAuthKind;
  readonly parameters: readonly ConsoleParam[];
  readonly body?: ConsoleBody;
  /** Documented statuses → the response description's first sentence ("meaning" in the viewer). */
  readonly responses: Readonly<Record<string, string>>;
}

/** One row of the document's error table (`x-aethex-errors`). */
export interface ConsoleError {
  readonly status: number;
  readonly label: string;
  readonly hint: string;
  readonly action: string;
  readonly retryable: boolean;
}

/** Everything the client console needs from the document. */
export interface ConsoleData {
  readonly operations: readonly ConsoleOperation[];
  readonly scopes: readonly { readonly name: string; readonly description: string }[];
  readonly environments: { readonly values: readonly string[]; readonly default: string };
  /** The environment header's name (the document's AeThexEnvironment parameter), set from the target chooser. */
  readonly environmentHeader: string;
  /** Production base URL (absolute) and the sandbox base path (relative to the portal origin). */
  readonly servers: { readonly production: string; readonly sandbox: string };
  /** Token and authorization endpoint paths relative to a base URL (from the oauth2 flows). */
  readonly oauthPaths: { readonly token: string; readonly authorize: string };
  readonly errors: readonly ConsoleError[];
  /** Languages of the webhook verification programs in the webhooks guide (id + tab label). */
  readonly verifyLanguages: readonly { readonly id: string; readonly label: string }[];
  /** Webhook events of the document's `webhooks` section. */
  readonly events: readonly { readonly event: string; readonly summary: string }[];
  /** Path of the verifyWebhook operation (`/v1/webhooks/verify`), which the webhook playground calls. */
  readonly webhookVerifyPath: string;
}
