/**
 * Public types of the API model (lib/openapi/model.ts). Everything is read-only. With the default
 * `inlineSchemas: true` every object is resolved: no Reference Objects (`$ref`) remain except inside a schema
 * that refers to itself, where the innermost `$ref` is kept to stop the cycle. With `inlineSchemas: false`
 * (large foreign documents) schemas and examples keep their `$ref`s, resolved on demand by {@link ApiModel.resolveRef}.
 */

import type { HTTP_METHODS } from './model';

/** Upper-case HTTP method of an operation (one of {@link HTTP_METHODS}, upper-cased). */
export type HttpMethod = Uppercase<(typeof HTTP_METHODS)[number]>;

/**
 * A JSON Schema 2020-12 object (the OpenAPI 3.1 Schema Object; 3.0's `nullable` included), the keywords the
 * portal reads typed; `x-` extensions allowed. A boolean schema (`true`/`false`) is valid where a subschema is.
 */
export interface SchemaObject {
  readonly $ref?: string;
  readonly $id?: string;
  readonly $defs?: Readonly<Record<string, SchemaObject>>;
  readonly title?: string;
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  /** Deprecated in 3.1, still common in 3.0 documents. */
  readonly example?: unknown;
  readonly nullable?: boolean;
  readonly deprecated?: boolean;
  readonly readOnly?: boolean;
  readonly writeOnly?: boolean;
  readonly properties?: Readonly<Record<string, SchemaObject | boolean>>;
  readonly patternProperties?: Readonly<Record<string, SchemaObject | boolean>>;
  readonly additionalProperties?: SchemaObject | boolean;
  readonly required?: readonly string[];
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly items?: SchemaObject | boolean;
  readonly prefixItems?: readonly (SchemaObject | boolean)[];
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly allOf?: readonly (SchemaObject | boolean)[];
  readonly anyOf?: readonly (SchemaObject | boolean)[];
  readonly oneOf?: readonly (SchemaObject | boolean)[];
  readonly not?: SchemaObject | boolean;
  readonly discriminator?: { readonly propertyName: string; readonly mapping?: Readonly<Record<string, string>> };
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number | boolean;
  readonly exclusiveMaximum?: number | boolean;
  readonly multipleOf?: number;
  readonly contentMediaType?: string;
  readonly contentEncoding?: string;
  readonly [extension: `x-${string}`]: unknown;
}

/** An OpenAPI Example Object (`examples` entry). */
export interface ExampleObject {
  readonly summary?: string;
  readonly description?: string;
  readonly value: unknown;
}

/** A Media Type Object: the schema of one content type and its named examples. */
export interface MediaTypeObject {
  readonly schema?: SchemaObject;
  readonly examples?: Readonly<Record<string, ExampleObject>>;
  /** The singular example (3.0 style; the AeThex document always uses named `examples`). */
  readonly example?: unknown;
}

/** A Parameter Object (query, header, path or cookie). */
export interface ParameterObject {
  readonly name: string;
  readonly in: 'query' | 'header' | 'path' | 'cookie';
  readonly required?: boolean;
  readonly deprecated?: boolean;
  readonly description?: string;
  readonly schema: SchemaObject;
  readonly example?: unknown;
  readonly examples?: Readonly<Record<string, ExampleObject>>;
}

/** A response Header Object. */
export interface HeaderObject {
  readonly description?: string;
  readonly required?: boolean;
  readonly deprecated?: boolean;
  readonly schema: SchemaObject;
  readonly example?: unknown;
}

/** A Request Body Object. */
export interface RequestBodyObject {
  readonly description?: string;
  readonly required?: boolean;
  readonly content: Readonly<Record<string, MediaTypeObject>>;
}

/** A Response Object; `headers` and `content` are empty objects when the document has none. */
export interface ResponseObject {
  readonly description: string;
  readonly headers: Readonly<Record<string, HeaderObject>>;
  readonly content: Readonly<Record<string, MediaTypeObject>>;
}

/** A Security Requirement Object: scheme name → scopes (empty for non-OAuth schemes). `{}` means "no auth". */
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

/**
 * What a security scheme asks of a client, classified once from its `type`/`scheme`:
 * `oauth2` (an OAuth 2 access token, sent as a bearer token), `bearer` (HTTP bearer, e.g. a personal access
 * token), `basic` (HTTP Basic, e.g. OAuth client authentication at the token endpoint), `openIdConnect`,
 * `apiKey`, `mutualTLS`, or `other` (an HTTP scheme the portal does not know).
 */
export type SecuritySchemeKind = 'oauth2' | 'bearer' | 'basic' | 'openIdConnect' | 'apiKey' | 'mutualTLS' | 'other';

/** One entry of `components.securitySchemes`, classified. */
export interface SecurityScheme {
  readonly name: string;
  readonly kind: SecuritySchemeKind;
  /** The scheme's `type` as written (`oauth2`, `http`, `apiKey`, `openIdConnect`, `mutualTLS`). */
  readonly type: string;
  /** For `type: http`: the HTTP scheme, lower-case (`bearer`, `basic`). */
  readonly scheme?: string;
  readonly bearerFormat?: string;
  /** For `apiKey`: where the key goes and under which name. */
  readonly apiKey?: { readonly in: string; readonly name: string };
  /** For `oauth2`: the flow names in document order (`clientCredentials`, `authorizationCode`, …). */
  readonly flows: readonly string[];
  readonly description: string;
}

/** One scheme of a security alternative: the scheme and the scopes the operation needs from it. */
export interface SecurityUse {
  readonly scheme: SecurityScheme;
  readonly scopes: readonly string[];
}

/**
 * The credential a client sends to call an operation, decided once for every consumer (console, samples,
 * sandbox): `client-basic` when an alternative uses HTTP Basic (OAuth client authentication, the token
 * endpoint); else `bearer` when an alternative is oauth2, openIdConnect or HTTP bearer; else `none`.
 */
export type CredentialKind = 'client-basic' | 'bearer' | 'none';

/** How an operation pages through a list, read from its parameters and its success response's headers. */
export interface Pagination {
  /** The page-number (`page`) or cursor (`cursor`, `after`, `starting_after`) query parameter, if any. */
  readonly pageParameter?: string;
  /** Whether `pageParameter` is a cursor rather than a page number. */
  readonly cursor: boolean;
  /** The page-size query parameter (`limit`, `per_page`, `page_size`), if any. */
  readonly limitParameter?: string;
  /** Whether the success response carries the RFC 8288 `Link` header with the neighbouring pages. */
  readonly linkHeader: boolean;
  /** The response header with the total item count (`X-Total-Count`), if any. */
  readonly totalCountHeader?: string;
}

/** The `Idempotency-Key` request header of an operation that accepts one. */
export interface Idempotency {
  /** The header's name as written in the document (`Idempotency-Key`). */
  readonly header: string;
  readonly required: boolean;
}

/** One error status an operation can return, joined with its row of the error table (when the table has one). */
export interface OperationError {
  readonly status: number;
  readonly response: ResponseObject;
  /** The `x-aethex-errors` row for this status; `undefined` for a status the table lacks (or a foreign document). */
  readonly error?: ApiError;
}

/** One API operation: what every page, form, sample and check needs of it. */
export interface Operation {
  /** The operationId; `"{method} {path}"` (lower-case method) when a foreign document has none. */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The path template as written in the document, e.g. `/v1/projects/{projectId}/metrics`. */
  readonly path: string;
  readonly summary: string;
  /** Short navigation title (`x-aethex-nav-title`, e.g. "List projects"); derived from the summary without it. */
  readonly navTitle: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** The first tag, or `''`. */
  readonly tag: string;
  readonly deprecated: boolean;
  /** Path-level and operation-level parameters merged (operation wins on the same name + in). */
  readonly parameters: readonly ParameterObject[];
  /** {@link Operation.parameters} grouped by location. */
  readonly parametersIn: {
    readonly path: readonly ParameterObject[];
    readonly query: readonly ParameterObject[];
    readonly header: readonly ParameterObject[];
    readonly cookie: readonly ParameterObject[];
  };
  readonly requestBody?: RequestBodyObject;
  /** Status code (as written: `'200'`, `'4XX'`, `'default'`) → response. */
  readonly responses: Readonly<Record<string, ResponseObject>>;
  /** Security requirements as written: alternatives, any one suffices. */
  readonly security: readonly SecurityRequirement[];
  /** The same alternatives with each scheme classified. `[]` means none is declared; `[[]]` means anonymous is allowed. */
  readonly securityAlternatives: readonly (readonly SecurityUse[])[];
  /** The credential a client sends: see {@link CredentialKind}. */
  readonly credential: CredentialKind;
  /** Scopes named by the oauth2 requirements, in document order, without duplicates. */
  readonly scopes: readonly string[];
  /** Numeric 4xx/5xx statuses listed in `responses`, ascending. */
  readonly errorStatuses: readonly number[];
  /** The same statuses with their responses and error-table rows. */
  readonly errors: readonly OperationError[];
  /** Set for a paginated list operation. */
  readonly pagination?: Pagination;
  /** Set when the operation accepts an `Idempotency-Key` header. */
  readonly idempotency?: Idempotency;
}

/** One webhook event of the document's `webhooks` section. */
export interface Webhook {
  /** The event name, e.g. `deployment.succeeded`. */
  readonly event: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  /** The header parameters of the delivery (for AeThex the Standard Webhooks `webhook-id`, `-timestamp`, `-signature`). */
  readonly headers: readonly ParameterObject[];
  /** The JSON schema of the delivery body. */
  readonly payloadSchema: SchemaObject;
  /** The first named example's value (a full delivery body). */
  readonly example: unknown;
  /** The delivery as an operation (`path` is the event name), for pages that render any operation. */
  readonly operation: Operation;
}

/** One row of the public error table (`x-aethex-errors`). */
export interface ApiError {
  readonly status: number;
  readonly label: string;
  readonly hint: string;
  /** One sentence on when the API returns this status. */
  readonly when: string;
  /** What a client should do about it. */
  readonly action: string;
  /** Whether the same request may succeed if retried later. */
  readonly retryable: boolean;
}

/** An OAuth scope and its description. */
export interface Scope {
  readonly name: string;
  readonly description: string;
}

/**
 * Which server a Server Object is. The document tells them apart by the form of the URL, the portal's convention
 * (openapi/README.md): `production` is the API's own absolute URL (`https://api.aethex.dev`); `sandbox` is a URL
 * relative to the portal's origin (`/sandbox`), served by the portal itself.
 */
export type ServerKind = 'production' | 'sandbox';

/** A Server Object, classified. */
export interface Server {
  readonly url: string;
  readonly description: string;
  readonly kind: ServerKind;
}

/** The values of the `AeThex-Environment` header and the one used when it is absent. */
export interface Environments {
  readonly values: readonly string[];
  readonly default: string;
}

/** The environment-selecting request header (`components.parameters.AeThexEnvironment`). */
export interface EnvironmentHeader extends Environments {
  /** The header's name (`AeThex-Environment`). */
  readonly header: string;
}

/**
 * The OAuth 2 endpoints, from the flows of the document's oauth2 security scheme: the URLs as written (absolute,
 * on the production server) and the same endpoints as paths relative to a server, which is what a client of any
 * server (the sandbox, a local API) appends to its base URL.
 */
export interface OAuthEndpoints {
  /** The oauth2 scheme's name in `components.securitySchemes` (`oauth2`). */
  readonly schemeName: string;
  readonly tokenUrl?: string;
  readonly authorizationUrl?: string;
  readonly refreshUrl?: string;
  /** `tokenUrl` relative to its server (`/v1/auth/token`): the URL without the server URL it starts with. */
  readonly tokenPath?: string;
  /** `authorizationUrl` relative to its server (`/oauth/authorize`). */
  readonly authorizationPath?: string;
  /** The flow names in document order. */
  readonly flows: readonly string[];
}

/** `info` of the document. */
export interface ApiInfo {
  readonly title: string;
  readonly summary: string;
  /** Markdown, `##` sections. */
  readonly description: string;
  readonly version: string;
}

/** A Tag Object of the document's root `tags`: a group of operations (the reference sidebar's headings). */
export interface ApiTag {
  readonly name: string;
  /** Markdown; `''` without one. */
  readonly description: string;
}

/** Signing facts of webhook deliveries (`info.x-webhook-signing`). */
export interface WebhookSigning {
  /** The signing specification's URL (Standard Webhooks). */
  readonly specification?: string;
  /** `HMAC-SHA256`. */
  readonly algorithm?: string;
  /** The prefix of each signature (`v1`). */
  readonly signatureVersion?: string;
  /** The prefix of signing secrets (`whsec_`). */
  readonly secretPrefix?: string;
  /** Largest accepted distance between `webhook-timestamp` and now, in seconds. */
  readonly toleranceSeconds?: number;
  /** How long the receiver has to acknowledge a delivery, in seconds. */
  readonly acknowledgeWithinSeconds?: number;
}

/** A reusable response (`components.responses`), by name. */
export interface NamedResponse {
  readonly name: string;
  readonly response: ResponseObject;
}

/** A reusable response header (`components.headers`), by name. */
export interface NamedHeader {
  readonly name: string;
  readonly header: HeaderObject;
}

/**
 * One step of `$ref` resolution: the value a local `$ref` string points at, which may itself be a Reference Object;
 * `undefined` when it cannot be resolved (external or dangling). To follow a whole chain, pass it to
 * `followRefChain(value, resolver)`.
 */
export type RefResolver = (ref: string) => unknown;

/** The whole API, as every part of the portal reads it. Built by `buildApiModel(document)`. */
export interface ApiModel {
  readonly info: ApiInfo;
  /** Every operation of `paths`, in document order. */
  readonly operations: readonly Operation[];
  /**
   * The root `tags`, in document order (the order OpenAPI lets tools display them in); tags that operations use
   * without declaring them are not added.
   */
  readonly tags: readonly ApiTag[];
  /** The 3.1 `webhooks` section, in document order. */
  readonly webhooks: readonly Webhook[];
  /** The error table (`x-aethex-errors`), ascending by status; `[]` without one. */
  readonly errors: readonly ApiError[];
  /** Every OAuth scope with its description, in the order the oauth2 flows first name them. */
  readonly scopes: readonly Scope[];
  readonly servers: readonly Server[];
  readonly securitySchemes: readonly SecurityScheme[];
  /** The OAuth 2 endpoints; `undefined` when the document has no oauth2 scheme. */
  readonly oauth?: OAuthEndpoints;
  /**
   * The header parameters the operations accept, deduplicated by lower-case name (first occurrence, in operation
   * order): what a client may send. Webhook deliveries' headers are not among them.
   */
  readonly requestHeaders: readonly ParameterObject[];
  /** The reusable response headers (`components.headers`), in document order. */
  readonly responseHeaders: readonly NamedHeader[];
  /** The reusable responses (`components.responses`), in document order. */
  readonly responses: readonly NamedResponse[];
  /** The `AeThex-Environment` header; `undefined` when the document has no `AeThexEnvironment` parameter with an enum. */
  readonly environment?: EnvironmentHeader;
  /** `info.x-webhook-signing`, if present. */
  readonly webhookSigning?: WebhookSigning;
  /** A schema of `components.schemas` by name (resolved like the rest of the model), or `undefined`. */
  readonly schema: (name: string) => SchemaObject | undefined;
  /** Resolves one step of a `$ref` left in a schema or example (never throws); see {@link RefResolver}. */
  readonly resolveRef: RefResolver;
}
