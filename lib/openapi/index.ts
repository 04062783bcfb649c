/**
 * The AeThex API as the portal reads it: one typed, immutable model of openapi/aethex.yaml (the single source of
 * truth), built once per process by `buildApiModel` (lib/openapi/model.ts), and the accessors every page, form,
 * sample, search index and the sandbox use. Only lib/openapi/ reads the document itself (an ESLint rule enforces
 * it); conventions of the document and where each fact lives: openapi/README.md.
 */
import YAML from 'yaml';

import { isRecord } from '@/lib/is-record';

import { apiModel } from './aethex';
import { getDocument } from './document';
import { HTTP_METHODS } from './model';
import type { ApiError, Operation, Scope, Server, Webhook } from './types';

export type * from './types';
export { apiModel } from './aethex';
/** The document's path from the repository root, for tools that read the file themselves (the bench's Prism mock). */
export { DOCUMENT_PATH } from './document';
export { exampleValue, firstExample, navTitleFromSummary } from './facts';
export { buildApiModel, HTTP_METHODS, type BuildOptions } from './model';
export { followRefChain, type RefChain } from './resolve';
export { responseSchemaPointers, schemaPointer, validationDocument, type ResponseSchemaPointers } from './validation';

/** Every operation of `paths`, in document order (method upper-case, parameters merged path + operation level). */
export function listOperations(): readonly Operation[] {
  return apiModel().operations;
}

/** The operation with this operationId, or `undefined` if the document has none. */
export function getOperation(operationId: string): Operation | undefined {
  return apiModel().operations.find((operation) => operation.operationId === operationId);
}

/**
 * The events of the OpenAPI 3.1 `webhooks` section (each a `post` describing the delivery we send).
 * `payloadSchema` is the `application/json` request body schema; `example` its first named example.
 */
export function listWebhooks(): readonly Webhook[] {
  return apiModel().webhooks;
}

/** The public error table (`x-aethex-errors`), ascending by status. */
export function listErrors(): readonly ApiError[] {
  return apiModel().errors;
}

/** The error-table row for an HTTP status, or `undefined` if the API never returns it. */
export function getError(status: number): ApiError | undefined {
  return apiModel().errors.find((entry) => entry.status === status);
}

/** Every OAuth scope with its description, in the order the oauth2 flows first name them. */
export function listScopes(): readonly Scope[] {
  return apiModel().scopes;
}

/** The document's servers in document order, each classified (`kind`: production or sandbox, see `ServerKind`). */
export function listServers(): readonly Server[] {
  return apiModel().servers;
}

/** Extension fields (`x-…`) to lay over one operation of the served document, by its operationId. */
export type OperationExtensions = (operationId: string) => Readonly<Record<`x-${string}`, unknown>>;

/**
 * The document as served at /openapi.json and /openapi.yaml: a fresh mutable copy of the source document with
 * generated extensions (e.g. `x-codeSamples`) laid over each operation of `paths` that has an operationId.
 * The walk over `paths` lives here so that no module outside lib/openapi/ reads the raw document.
 * @param extend extensions per operationId (default: none)
 * @returns a plain JSON object; the cached document is not modified
 */
export function servedDocument(extend?: OperationExtensions): Record<string, unknown> {
  const copy = structuredClone(getDocument()) as Record<string, unknown>;
  if (!extend) return copy;
  for (const pathItem of Object.values(isRecord(copy.paths) ? copy.paths : {})) {
    for (const method of HTTP_METHODS) {
      const operation = isRecord(pathItem) ? pathItem[method] : undefined;
      if (isRecord(operation) && typeof operation.operationId === 'string')
        Object.assign(operation, extend(operation.operationId));
    }
  }
  return copy;
}

/** `servedDocument(extend)` as YAML 1.2 text (long descriptions as block scalars). */
export function servedDocumentYaml(extend?: OperationExtensions): string {
  return YAML.stringify(servedDocument(extend), { lineWidth: 0 });
}
export { countSchemas } from './count-schemas';
