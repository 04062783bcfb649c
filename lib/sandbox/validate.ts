import type { ErrorObject } from 'ajv';
import OpenAPIBackend, { type Document } from 'openapi-backend';

import { getOperation, validationDocument } from '@/lib/openapi';

import { createAjv } from './ajv';
import type { FieldError } from './http';

let backend: Promise<OpenAPIBackend> | undefined;
let ready: OpenAPIBackend | undefined;

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
  })
    .init()
    .then((api) => (ready = api));
  return backend;
}

/** A request in the shape openapi-backend validates. Header names lower-case; query values repeated become arrays. */
export interface ValidationInput {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  /** Path parameters by name (from the router). */
  params?: Record<string, string>;
  body?: unknown;
}

/** Successful validation: query/path values coerced to their types with document defaults applied. */
export interface Validated {
  query: Record<string, unknown>;
  params: Record<string, unknown>;
}

/** The outcome of validateRequest: coerced values, or each invalid field. */
export type ValidationResult = { ok: true; value: Validated } | { ok: false; errors: FieldError[] };

/**
 * Validates a request against its operation in the OpenAPI document (parameters, headers, body).
 * @returns `{ ok: true, value }` with coerced values, or `{ ok: false, errors }` listing each invalid field: directly
 * once the openapi-backend instance is built, as a promise only on the first calls of a process (while it builds).
 * Why not always a promise: on the mounted hot path every promise runs Next's async-context hooks.
 */
export function validateRequest(
  operationId: string,
  input: ValidationInput,
): ValidationResult | Promise<ValidationResult> {
  if (ready) return runValidators(ready, operationId, input);
  return openApiBackend().then((api) => runValidators(api, operationId, input));
}

function runValidators(api: OpenAPIBackend, operationId: string, input: ValidationInput): ValidationResult {
  // openapi-backend's own validateRequest re-parses the request (qs, lodash deep clones) at ~200 µs a call; the
  // handler has already routed and parsed it, so run the operation's compiled Ajv validators on the same
  // { path, query, header, cookie, requestBody } object openapi-backend builds.
  const parameters: Record<string, unknown> = {
    path: { ...input.params },
    query: { ...input.query },
    header: input.headers,
    cookie: {},
  };
  if (input.body !== undefined) parameters.requestBody = input.body;
  const errors: ErrorObject[] = [];
  if (typeof input.body === 'string') {
    try {
      parameters.requestBody = JSON.parse(input.body);
    } catch (error) {
      errors.push({
        keyword: 'parse',
        instancePath: '',
        schemaPath: '#/requestBody',
        params: {},
        message: (error as Error).message,
      });
    }
  }
  for (const validate of api.validator.getRequestValidatorsForOperation(operationId) ?? []) {
    if (!validate(parameters) && validate.errors) errors.push(...validate.errors);
  }
  if (errors.length > 0) return { ok: false, errors: errors.map(toFieldError) };
  return {
    ok: true,
    value: { query: parameters.query as Record<string, unknown>, params: parameters.path as Record<string, unknown> },
  };
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

const integerQueryNames = new Map<string, string[]>();

/**
 * Query parameters typed `integer` whose raw value is not a plain decimal integer. Why: Ajv's type coercion turns
 * `1e1`, `0x10` or ` 5` into numbers (`Number()` semantics), which would accept what the document calls not an integer.
 * @returns one field error per offending parameter (empty when all are decimal).
 */
export function nonDecimalIntegers(operationId: string, query: Record<string, string | string[]>): FieldError[] {
  let names = integerQueryNames.get(operationId);
  if (!names) {
    names = (getOperation(operationId)?.parameters ?? [])
      .filter(
        (parameter) =>
          parameter.in === 'query' && (parameter.schema as { type?: unknown } | undefined)?.type === 'integer',
      )
      .map((parameter) => parameter.name);
    integerQueryNames.set(operationId, names);
  }
  return names
    .filter((name) => [query[name] ?? []].flat().some((value) => !/^-?\d+$/.test(value)))
    .map((name) => ({ field: name, message: 'must be a decimal integer' }));
}
