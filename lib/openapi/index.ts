/**
 * The AeThex API as the portal reads it: one typed, immutable model of openapi/aethex.yaml (the single source of
 * truth), built once per process by `buildApiModel` (lib/openapi/model.ts), and the accessors every page, form,
 * sample, search index and the sandbox use. Only lib/openapi/ reads the document itself (an ESLint rule enforces
 * it); conventions of the document and where each fact lives: openapi/README.md.
 */
import YAML from 'yaml';

import { apiModel } from './aethex';
import { getDocument } from './document';
import type { ApiError, Environments, Operation, Scope, Server, Webhook } from './types';

export type * from './types';
export { apiModel } from './aethex';
export { DOCUMENT_PATH } from './document';
export { buildApiModel, HTTP_METHODS, navTitleFromSummary, type BuildOptions } from './model';
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

/** The document's servers: production (absolute URL) first, then the sandbox (`/sandbox`). */
export function listServers(): readonly Server[] {
  return apiModel().servers;
}

/**
 * Values and default of the `AeThex-Environment` request header, from its reusable parameter.
 * @throws Error if the document lacks `components.parameters.AeThexEnvironment` with an enum.
 */
export function environments(): Environments {
  const environment = apiModel().environment;
  if (!environment) throw new Error('AeThexEnvironment parameter has no enum');
  return { values: environment.values, default: environment.default };
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
export { countSchemas } from './count-schemas';
