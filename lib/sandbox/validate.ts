import type { ErrorObject } from 'ajv';
import { OpenAPIBackend, type Request as BackendRequest, type Document, type Operation } from 'openapi-backend';

import { getOperation, validationDocument } from '@/lib/openapi';

import { createAjv } from './ajv';
import type { FieldError } from './http';

let backend: Promise<OpenAPIBackend> | undefined;
/** openapi-backend's operation objects by operationId: looking one up by ID walks and copies its operation list. */
const operations = new Map<string, Operation>();

/**
 * The openapi-backend instance for the AeThex document, built once per process (quick start, Ajv 2020 + formats,
 * defaults filled in, query/path/header values coerced to their schema types).
 */
function openApiBackend(): Promise<OpenAPIBackend> {
  backend ??= new OpenAPIBackend({
    // A mutable copy: openapi-backend dereferences the document in place.
    definition: validationDocument() as unknown as Document,
    quick: true,
    validate: true,
    coerceTypes: true,
    ajvOpts: { useDefaults: true, allErrors: true },
    customizeAjv: (_original, options) => createAjv({ ...options, strict: false }),
  }).init();
  return backend;
}

/** A request in the shape openapi-backend validates. Header names lower-case; query values repeated become arrays. */
export interface ValidationInput {
  method: string;
  /** The path within the mount, e.g. `/v1/projects/prj_x/metrics` (path parameters are read from it). */
  path: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  body?: unknown;
}

/** Successful validation: values coerced to their types with the document's defaults applied. */
export interface Validated {
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
}

/** The outcome of validateRequest: coerced values, or each invalid field. */
export type ValidationResult = { ok: true; value: Validated } | { ok: false; errors: FieldError[] };

/**
 * Validates a request against its operation in the OpenAPI document (parameters, headers, body) with
 * openapi-backend's `validateRequest`. A JSON body is given parsed and gets the document's defaults filled in.
 * @returns `{ ok: true, value }` with coerced values, or `{ ok: false, errors }` listing each invalid field.
 */
export async function validateRequest(operationId: string, input: ValidationInput): Promise<ValidationResult> {
  // openapi-backend parses a string body as JSON once more, so a body that is a JSON string holding an object would
  // validate as that object and reach the handler as a string. Every JSON body of the document is an object.
  const primitive = primitiveBody(input.body);
  if (primitive) return { ok: false, errors: [{ field: '', message: `must be a JSON object, not ${primitive}` }] };
  const api = await openApiBackend();
  const request: BackendRequest = {
    method: input.method,
    path: input.path,
    headers: input.headers,
    query: input.query,
    ...(input.body !== undefined ? { body: input.body } : {}),
  };
  let operation = operations.get(operationId);
  if (!operation) {
    operation = api.getOperation(operationId);
    if (!operation) throw new Error(`the document has no operation ${operationId}`);
    operations.set(operationId, operation);
  }
  const result = api.validateRequest(request, operation);
  if (!result.valid) return { ok: false, errors: (result.errors ?? []).map(toFieldError) };
  const coerced = (result as { coerced?: { query?: Record<string, unknown>; headers?: Record<string, unknown> } })
    .coerced;
  return { ok: true, value: { query: coerced?.query ?? {}, headers: coerced?.headers ?? {} } };
}

/** What a parsed JSON body is when it is not an object or array (`a JSON string`, `null`…); undefined otherwise. */
function primitiveBody(body: unknown): string | undefined {
  if (body === undefined || (typeof body === 'object' && body !== null)) return undefined;
  return body === null ? 'null' : `a JSON ${typeof body}`;
}

/** Maps an Ajv error to the document's ProblemFieldError: a JSON pointer into the body, or a parameter name. */
function toFieldError(error: ErrorObject): FieldError {
  const params = error.params as Record<string, unknown>;
  const [, location = '', ...rest] = error.instancePath.split('/');
  const child =
    typeof params.missingProperty === 'string'
      ? params.missingProperty
      : typeof params.additionalProperty === 'string'
        ? params.additionalProperty
        : undefined;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues))
    message = `must be one of ${params.allowedValues.join(', ')}`;
  if (error.keyword === 'additionalProperties') message = `is not a known field (${message})`;
  if (error.keyword === 'parse') return { field: '', message: `the body is not valid JSON: ${message}` };
  if (location === 'requestBody' || (location === '' && child === 'requestBody')) {
    if (child === 'requestBody') return { field: '', message: 'is required: send a JSON body' };
    const pointer = ['', ...rest, ...(child ? [child] : [])].join('/');
    return { field: pointer || '/', message };
  }
  if (location === '' && child) return { field: child, message };
  const name = rest[0] ?? child ?? location;
  return { field: name, message };
}

/**
 * Query parameters typed `integer` whose raw value is not a plain decimal integer. Why: Ajv's type coercion turns
 * `1e1`, `0x10` or ` 5` into numbers (`Number()` semantics), which would accept what the document calls not an integer.
 * @returns one field error per offending parameter (empty when all are decimal).
 */
export function nonDecimalIntegers(operationId: string, query: Record<string, string | string[]>): FieldError[] {
  return (getOperation(operationId)?.parametersIn.query ?? [])
    .filter((parameter) => (parameter.schema as { type?: unknown } | undefined)?.type === 'integer')
    .filter((parameter) => [query[parameter.name] ?? []].flat().some((value) => !/^-?\d+$/.test(value)))
    .map((parameter) => ({ field: parameter.name, message: 'must be a decimal integer' }));
}
