/**
 * Operations of ANY OpenAPI 3.0/3.1 document (not the AeThex one, which lib/openapi.ts owns), shaped as
 * the reference pages take them, so the page renderer can be tested and benchmarked against foreign
 * and very large descriptions. Unlike lib/openapi.ts nothing is deep-resolved: Parameter, Request Body,
 * Response, Header and Example Objects are followed one `$ref` chain deep, schemas keep their `$ref`s and
 * are resolved lazily through the returned {@link RefResolver} (a deep copy of a description with
 * thousands of schemas would be several times its size).
 */
import type {
  HeaderObject,
  HttpMethod,
  MediaTypeObject,
  Operation,
  ParameterObject,
  RequestBodyObject,
  ResponseObject,
  SecurityRequirement,
} from '@/lib/openapi';
import { followRef, lookupPointer } from '@/lib/openapi/resolve';

import type { RefResolver } from './schema';
import { isRecord } from './schema-meta';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return isRecord(value) ? value : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * A resolver for local references (`#/…`, RFC 6901) in `root`.
 * @returns a function giving the target, or `undefined` for an external or dangling reference (never throws)
 */
export function refResolver(root: unknown): RefResolver {
  return (ref) => {
    try {
      return lookupPointer(root, ref);
    } catch {
      return undefined;
    }
  };
}

/** Follows a local `$ref` chain; an external, dangling or circular chain leaves the value as it is. */
function follow(root: unknown, value: unknown): Json {
  try {
    return record(followRef(root, value));
  } catch {
    return record(value);
  }
}

function parametersOf(root: unknown, pathLevel: unknown, operationLevel: unknown): ParameterObject[] {
  const merged = new Map<string, ParameterObject>();
  for (const list of [pathLevel, operationLevel]) {
    for (const raw of Array.isArray(list) ? list : []) {
      const parameter = follow(root, raw);
      if (typeof parameter.name === 'string')
        merged.set(`${text(parameter.in)}:${parameter.name.toLowerCase()}`, parameter as unknown as ParameterObject);
    }
  }
  return [...merged.values()];
}

function responseOf(root: unknown, raw: unknown): ResponseObject {
  const response = follow(root, raw);
  const headers = Object.fromEntries(
    Object.entries(record(response.headers)).map(([name, header]) => [
      name,
      follow(root, header) as unknown as HeaderObject,
    ]),
  );
  return {
    description: text(response.description),
    headers,
    content: record(response.content) as Record<string, MediaTypeObject>,
  };
}

function operationOf(root: Json, path: string, item: Json, method: (typeof METHODS)[number]): Operation {
  const op = record(item[method]);
  const responses = Object.fromEntries(
    Object.entries(record(op.responses)).map(([status, raw]) => [status, responseOf(root, raw)]),
  );
  const security = (
    Array.isArray(op.security) ? op.security : Array.isArray(root.security) ? root.security : []
  ).filter(isRecord) as SecurityRequirement[];
  const body = op.requestBody === undefined ? undefined : follow(root, op.requestBody);
  return {
    operationId: text(op.operationId) || `${method} ${path}`,
    method: method.toUpperCase() as HttpMethod,
    path,
    summary: text(op.summary),
    description: text(op.description),
    tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
    parameters: parametersOf(root, item.parameters, op.parameters),
    ...(body ? { requestBody: { ...body, content: record(body.content) } as RequestBodyObject } : {}),
    responses,
    security,
    scopes: [...new Set(security.flatMap((requirement) => Object.values(requirement).flat().map(String)))],
    errorStatuses: Object.keys(responses)
      .filter((status) => /^[45]\d\d$/.test(status))
      .map(Number)
      .sort((a, b) => a - b),
  };
}

/**
 * Every operation of a document: each method of each Path Item of `paths`, then of the 3.1 `webhooks`
 * (a webhook's `path` is its event name), in document order.
 * @param root a parsed OpenAPI 3.0 or 3.1 document (any valid one; invalid parts are skipped, never thrown on)
 * @returns the operations (an operation without `operationId` gets `"{method} {path}"`) and a resolver for their schemas' `$ref`s
 */
export function documentOperations(root: Record<string, unknown>): { operations: Operation[]; resolve: RefResolver } {
  const operations: Operation[] = [];
  for (const section of [root.paths, root.webhooks]) {
    for (const [path, rawItem] of Object.entries(record(section))) {
      const item = follow(root, rawItem);
      for (const method of METHODS) if (isRecord(item[method])) operations.push(operationOf(root, path, item, method));
    }
  }
  return { operations, resolve: refResolver(root) };
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_SLOTS = new Set([
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
]);

function countSchema(schema: unknown): number {
  if (!isRecord(schema)) return 0;
  let count = 1;
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_MAPS.has(key)) for (const child of Object.values(record(value))) count += countSchema(child);
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) for (const child of value) count += countSchema(child);
    else if (SCHEMA_SLOTS.has(key)) count += countSchema(value);
  }
  return count;
}

function countInline(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countInline(item), 0);
  if (!isRecord(value)) return 0;
  let count = 0;
  for (const [key, child] of Object.entries(value)) count += key === 'schema' ? countSchema(child) : countInline(child);
  return count;
}

/**
 * How many schemas a document holds, to report the size of a description.
 * @returns `components`: entries of `components.schemas`; `total`: every Schema Object (a `$ref` counts as one),
 *   nested ones included, in `components.schemas` and in every `schema` field of parameters, headers and media types
 */
export function countSchemas(root: Record<string, unknown>): { components: number; total: number } {
  const schemas = Object.values(record(record(root.components).schemas));
  const { schemas: _omit, ...rest } = record(root.components);
  void _omit;
  const total =
    schemas.reduce((sum: number, schema) => sum + countSchema(schema), 0) + countInline({ ...root, components: rest });
  return { components: schemas.length, total };
}
