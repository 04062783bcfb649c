/** Types shared by the sample generator and its language targets. */

/**
 * One concrete HTTP request, as the console sends it: `path` is the document's
 * template with every parameter filled, `query` in order, `body` the exact text sent (JSON or form).
 */
export interface SampleRequest {
  readonly method: string;
  readonly path: string;
  readonly query: readonly (readonly [string, string])[];
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /**
   * The header among `headers` that carries the operation's idempotency key (its name as the document writes it,
   * `Idempotency-Key`): the sample sends a fresh key per run instead of the value typed. Unset: no such header.
   */
  readonly idempotencyHeader?: string;
}

/**
 * Options of `sampleForOperation`, `sampleForRequest` and `webhookVerifySnippets`. Each value given is written into
 * the sample literally (quoted for its language) and the sample no longer reads that environment variable, so a
 * variable left in the reader's shell (a production `AETHEX_TOKEN`) can never be sent with it; each value left out
 * stays an environment read, as without options. The options are independent: a literal `baseUrl` with the token
 * still read from `AETHEX_TOKEN` is fine. A value only matters where the sample uses it (`token` for bearer
 * operations, `clientId`/`clientSecret` for the token endpoint, `webhookSecret` for the webhook receivers).
 */
export interface SampleOptions {
  /** Base URL instead of `AETHEX_BASE_URL`, e.g. `http://localhost:3000/sandbox` (trailing slashes dropped). */
  readonly baseUrl?: string;
  /** Bearer token (access or personal access token) instead of `AETHEX_TOKEN`. */
  readonly token?: string;
  /** Client ID for HTTP Basic client authentication at the token endpoint instead of `AETHEX_CLIENT_ID`. */
  readonly clientId?: string;
  /** Client secret for HTTP Basic client authentication instead of `AETHEX_CLIENT_SECRET`. */
  readonly clientSecret?: string;
  /** Webhook signing secret (`whsec_…`) of the webhook receivers instead of `AETHEX_WEBHOOK_SECRET`. */
  readonly webhookSecret?: string;
  /** @deprecated the former name of `token` (the console's "include my token"); `token` wins when both are set. */
  readonly includeToken?: string;
}

/** The environment variables a sample can take literally instead (see SampleOptions). */
export type LiteralVariable = 'AETHEX_BASE_URL' | 'AETHEX_TOKEN' | 'AETHEX_CLIENT_ID' | 'AETHEX_CLIENT_SECRET';

/** How a sample authenticates: the model's credential kinds (`CredentialKind` in lib/openapi). */
export type SampleAuth =
  | { readonly kind: 'bearer' } // Authorization: Bearer $AETHEX_TOKEN
  | { readonly kind: 'client-basic' } // Authorization: Basic base64($AETHEX_CLIENT_ID:$AETHEX_CLIENT_SECRET), RFC 6749 §2.3.1
  | { readonly kind: 'none' };

/** A path parameter whose value the sample reads from an environment variable. */
export interface PathVariable {
  /** Parameter name in the path template, e.g. `projectId`. */
  readonly name: string;
  /** Environment variable, e.g. `AETHEX_PROJECT_ID`. */
  readonly env: string;
  /** Value used when the variable is unset: the parameter's documented example. */
  readonly fallback: string;
}

/** Everything a language target needs to write one sample; built from an operation or a request. */
export interface SamplePlan {
  readonly method: string;
  /** Path, possibly with `{name}` placeholders for `pathVariables`. */
  readonly path: string;
  readonly pathVariables: readonly PathVariable[];
  readonly query: readonly (readonly [string, string])[];
  /** Literal request headers (never Authorization or the idempotency key), in order. */
  readonly headers: readonly (readonly [string, string])[];
  readonly auth: SampleAuth;
  /** Values written literally instead of reading the named environment variable (from SampleOptions). */
  readonly literals?: Readonly<Partial<Record<LiteralVariable, string>>>;
  /**
   * The operation's idempotency-key header (`Idempotency-Key`), sent with `$AETHEX_IDEMPOTENCY_KEY` if set, else a
   * fresh random UUID per run; unset when the operation takes none.
   */
  readonly idempotencyHeader?: string;
  /**
   * `text` is sent as is, except that each `variables` entry appears in it as the JSON string `"__<env>__"`, which
   * the sample replaces at run time with the JSON string of `$<env>` (default: `fallback`).
   */
  readonly body?: { readonly mimeType: string; readonly text: string; readonly variables?: readonly BodyVariable[] };
}

/** A string field of a JSON request body that the sample reads from an environment variable. */
export interface BodyVariable {
  readonly env: string;
  readonly fallback: string;
}

/** A language of the site's code samples. */
export interface Language {
  /** Stable id used in URLs, localStorage (`aethex-lang`) and `x-codeSamples[].lang`. */
  readonly id: 'curl' | 'javascript' | 'python' | 'go' | 'java' | 'ruby';
  readonly label: string;
  /** The shiki language used to highlight it (lib/highlight.ts). */
  readonly shiki: string;
}

export type LanguageId = Language['id'];
