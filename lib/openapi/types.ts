/**
 * Types of the AeThex OpenAPI 3.1 document as lib/openapi.ts hands it out.
 * Every object here is resolved: no Reference Objects (`$ref`) remain except inside
 * a schema that refers to itself, where the innermost `$ref` is kept to stop the cycle.
 */

/** A JSON Schema 2020-12 object (OpenAPI 3.1 Schema Object). */
export type SchemaObject = Readonly<Record<string, unknown>>;

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
}

/** A Parameter Object (query, header, path or cookie). */
export interface ParameterObject {
  readonly name: string;
  readonly in: 'query' | 'header' | 'path' | 'cookie';
  readonly required?: boolean;
  readonly description?: string;
  readonly schema: SchemaObject;
  readonly example?: unknown;
}

/** A response Header Object. */
export interface HeaderObject {
  readonly description?: string;
  readonly required?: boolean;
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

/** Upper-case HTTP method of an operation. */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';

/** One API operation, flattened for pages, the console, samples and the sandbox. */
export interface Operation {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The path template as written in the document, e.g. `/v1/projects/{projectId}/metrics`. */
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** Path-level and operation-level parameters merged (operation wins on the same name + in). */
  readonly parameters: readonly ParameterObject[];
  readonly requestBody?: RequestBodyObject;
  /** Status code (as written: `'200'`, `'4XX'`, `'default'`) → response. */
  readonly responses: Readonly<Record<string, ResponseObject>>;
  /** Alternatives: any one requirement suffices. */
  readonly security: readonly SecurityRequirement[];
  /** Scopes named by the oauth2 requirements, in document order, without duplicates. */
  readonly scopes: readonly string[];
  /** Numeric 4xx/5xx statuses listed in `responses`, ascending. */
  readonly errorStatuses: readonly number[];
}

/** One webhook event of the document's `webhooks` section. */
export interface Webhook {
  /** The event name, e.g. `deployment.succeeded`. */
  readonly event: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  /** The Standard Webhooks header parameters (`webhook-id`, `webhook-timestamp`, `webhook-signature`). */
  readonly headers: readonly ParameterObject[];
  /** The JSON schema of the delivery body. */
  readonly payloadSchema: SchemaObject;
  /** The first named example's value (a full delivery body). */
  readonly example: unknown;
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

/** A Server Object. `url` is absolute for production, relative (`/sandbox`) for the sandbox. */
export interface Server {
  readonly url: string;
  readonly description: string;
}

/** The values of the `AeThex-Environment` header and the one used when it is absent. */
export interface Environments {
  readonly values: readonly string[];
  readonly default: string;
}

/** The parsed document, loosely typed: read it through the accessors where one exists. */
export type OpenApiDocument = Readonly<Record<string, unknown>>;
