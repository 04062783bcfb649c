/**
 * The only module that reads openapi/aethex.yaml, the single source of truth for the AeThex API.
 * It parses the document once per process and hands out typed, resolved, frozen views of it.
 * Conventions of the document: openapi/README.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import YAML from 'yaml';

import { deepFreeze, followRef, isRecord, lookupPointer, resolveDeep } from './openapi/resolve';
import type {
  ApiError,
  Environments,
  HttpMethod,
  MediaTypeObject,
  OpenApiDocument,
  Operation,
  ParameterObject,
  RequestBodyObject,
  ResponseObject,
  Scope,
  SecurityRequirement,
  Server,
  Webhook,
} from './openapi/types';

export type * from './openapi/types';

/** Where the document lives, relative to the project root (Next runs with cwd = project root). */
export const DOCUMENT_PATH = 'openapi/aethex.yaml';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

let cachedSource: string | undefined;
let cachedDocument: OpenApiDocument | undefined;
let cachedOperations: readonly Operation[] | undefined;

/** The document's YAML text exactly as stored (read once). */
function source(): string {
  cachedSource ??= readFileSync(path.join(process.cwd(), DOCUMENT_PATH), 'utf8');
  return cachedSource;
}

/**
 * The parsed OpenAPI 3.1 document, deep-frozen (mutating it throws in strict mode).
 * Use `servedDocument()` for a mutable copy.
 * @throws YAMLParseError if the file is not valid YAML; Error if it is not an object.
 */
export function getDocument(): OpenApiDocument {
  if (!cachedDocument) {
    const parsed: unknown = YAML.parse(source());
    if (!isRecord(parsed)) throw new Error(`${DOCUMENT_PATH} is not a YAML mapping`);
    cachedDocument = deepFreeze(parsed);
  }
  return cachedDocument;
}

/**
 * The value a local reference (`#/components/...`, RFC 6901 pointer) points at, unresolved.
 * @throws Error if the reference is not local or points at nothing.
 */
export function resolveRef<T = unknown>(ref: string): T {
  return lookupPointer(getDocument(), ref) as T;
}

/**
 * `value` itself, or, if it is a Reference Object, the object its `$ref` chain ends at
 * (with the reference's `summary`/`description` laid over it, as OpenAPI 3.1 specifies).
 * Shallow: nested references inside the result stay as they are.
 * @throws Error on an unresolvable or circular chain.
 */
export function deref<T>(value: T | { $ref: string }): T {
  return followRef(getDocument(), value) as T;
}

/** Deep-resolves `value` (every nested `$ref` replaced, cycles kept as `$ref`). */
function resolved<T>(value: unknown): T {
  return resolveDeep(getDocument(), value) as T;
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** The name of the first security scheme of type oauth2 (`oauth2` in the AeThex document). */
function oauth2SchemeName(): string | undefined {
  const schemes = asRecord(asRecord(getDocument().components).securitySchemes);
  return Object.keys(schemes).find((name) => asRecord(deref(schemes[name])).type === 'oauth2');
}

function normaliseResponse(raw: unknown): ResponseObject {
  const response = resolved<Record<string, unknown>>(raw);
  return {
    description: asString(response.description),
    headers: asRecord(response.headers) as ResponseObject['headers'],
    content: asRecord(response.content) as Record<string, MediaTypeObject>,
  };
}

function mergeParameters(pathLevel: unknown, operationLevel: unknown): ParameterObject[] {
  const merged = new Map<string, ParameterObject>();
  for (const list of [pathLevel, operationLevel]) {
    for (const raw of Array.isArray(list) ? list : []) {
      const parameter = resolved<ParameterObject>(raw);
      merged.set(`${parameter.in}:${parameter.name.toLowerCase()}`, parameter);
    }
  }
  return [...merged.values()];
}

function buildOperation(
  pathName: string,
  pathItem: Record<string, unknown>,
  method: (typeof METHODS)[number],
): Operation {
  const op = asRecord(pathItem[method]);
  const responses = Object.fromEntries(
    Object.entries(asRecord(op.responses)).map(([status, raw]) => [status, normaliseResponse(raw)]),
  );
  const security = (Array.isArray(op.security) ? op.security : (getDocument().security ?? [])) as SecurityRequirement[];
  const oauth2 = oauth2SchemeName();
  const scopes = [...new Set(security.flatMap((requirement) => (oauth2 ? (requirement[oauth2] ?? []) : [])))];
  return {
    operationId: asString(op.operationId),
    method: method.toUpperCase() as HttpMethod,
    path: pathName,
    summary: asString(op.summary),
    description: asString(op.description),
    tags: Array.isArray(op.tags) ? (op.tags as string[]) : [],
    parameters: mergeParameters(pathItem.parameters, op.parameters),
    ...(op.requestBody ? { requestBody: resolved<RequestBodyObject>(op.requestBody) } : {}),
    responses,
    security,
    scopes,
    errorStatuses: Object.keys(responses)
      .filter((status) => /^[45]\d\d$/.test(status))
      .map(Number)
      .sort((a, b) => a - b),
  };
}

/**
 * Every operation of `paths`, in document order, fully resolved and frozen.
 * @returns `Operation[]` (method upper-case, parameters merged path + operation level).
 */
export function listOperations(): readonly Operation[] {
  if (!cachedOperations) {
    const operations: Operation[] = [];
    for (const [pathName, rawItem] of Object.entries(asRecord(getDocument().paths))) {
      const pathItem = asRecord(deref(rawItem));
      for (const method of METHODS) if (pathItem[method]) operations.push(buildOperation(pathName, pathItem, method));
    }
    cachedOperations = deepFreeze(operations);
  }
  return cachedOperations;
}

/** The operation with this operationId, or `undefined` if the document has none. */
export function getOperation(operationId: string): Operation | undefined {
  return listOperations().find((operation) => operation.operationId === operationId);
}

/**
 * The events of the OpenAPI 3.1 `webhooks` section (each a `post` describing the delivery we send).
 * `payloadSchema` is the `application/json` request body schema; `example` its first named example.
 */
export function listWebhooks(): readonly Webhook[] {
  return deepFreeze(
    Object.entries(asRecord(getDocument().webhooks)).map(([event, rawItem]): Webhook => {
      const op = asRecord(asRecord(deref(rawItem)).post);
      const body = resolved<RequestBodyObject | undefined>(op.requestBody);
      const media = body?.content['application/json'];
      return {
        event,
        operationId: asString(op.operationId),
        summary: asString(op.summary),
        description: asString(op.description),
        headers: mergeParameters([], op.parameters).filter((parameter) => parameter.in === 'header'),
        payloadSchema: media?.schema ?? {},
        example: Object.values(media?.examples ?? {})[0]?.value,
      };
    }),
  );
}

/** The public error table (`x-aethex-errors`), ascending by status. */
export function listErrors(): readonly ApiError[] {
  const table = getDocument()['x-aethex-errors'];
  return Array.isArray(table) ? [...(table as ApiError[])].sort((a, b) => a.status - b.status) : [];
}

/** The error-table row for an HTTP status, or `undefined` if the API never returns it. */
export function getError(status: number): ApiError | undefined {
  return listErrors().find((entry) => entry.status === status);
}

/** Every OAuth scope with its description, in the order the oauth2 flows first name them. */
export function listScopes(): readonly Scope[] {
  const name = oauth2SchemeName();
  const schemes = asRecord(asRecord(getDocument().components).securitySchemes);
  const flows = asRecord(asRecord(name ? deref(schemes[name]) : {}).flows);
  const scopes = new Map<string, string>();
  for (const flow of Object.values(flows)) {
    for (const [scope, description] of Object.entries(asRecord(asRecord(flow).scopes))) {
      if (!scopes.has(scope)) scopes.set(scope, asString(description));
    }
  }
  return [...scopes].map(([scopeName, description]) => ({ name: scopeName, description }));
}

/** The document's servers: production (absolute URL) first, then the sandbox (`/sandbox`). */
export function listServers(): readonly Server[] {
  const servers = getDocument().servers;
  return (Array.isArray(servers) ? (servers as Server[]) : []).map((s) => ({ url: s.url, description: s.description }));
}

/**
 * Values and default of the `AeThex-Environment` request header, from its reusable parameter.
 * @throws Error if the document lacks `components.parameters.AeThexEnvironment` with an enum.
 */
export function environments(): Environments {
  const schema = asRecord(resolved<ParameterObject>(resolveRef('#/components/parameters/AeThexEnvironment')).schema);
  if (!Array.isArray(schema.enum)) throw new Error('AeThexEnvironment parameter has no enum');
  return { values: schema.enum as string[], default: asString(schema.default) };
}

/**
 * The document as served at /openapi.json and /openapi.yaml: a fresh mutable copy of the source
 * document, the place to add generated extensions (e.g. `x-codeSamples`) for download.
 */
export function servedDocument(): Record<string, unknown> {
  return structuredClone(getDocument()) as Record<string, unknown>;
}

/** `servedDocument()` as YAML 1.2 text (long descriptions as block scalars). */
export function servedDocumentYaml(): string {
  return YAML.stringify(servedDocument(), { lineWidth: 0 });
}
