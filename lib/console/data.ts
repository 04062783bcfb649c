/**
 * Server-only: derives the console's plain props from the API model (lib/openapi/),
 * so the client bundle never parses YAML and every form, scope and hint follows the document.
 */
import { markdownToText } from '@/lib/markdown/render';
import {
  apiModel,
  exampleValue,
  getOperation,
  listErrors,
  listOperations,
  listScopes,
  listWebhooks,
  type Operation,
  type ParameterObject,
} from '@/lib/openapi';
import { LANGUAGES } from '@/lib/snippets';
import { WEBHOOK_VERIFY_SNIPPETS } from '@/lib/snippets/webhook-verify';

import type { ConsoleBody, ConsoleData, ConsoleOperation, ConsoleParam } from './types';

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/\.(\s|$)/);
  return end === -1 ? flat : flat.slice(0, end + 1);
}

function toParam(parameter: ParameterObject, idempotencyName: string | undefined): ConsoleParam | undefined {
  if (parameter.in === 'cookie') return undefined;
  return {
    name: parameter.name,
    in: parameter.in,
    required: parameter.required === true,
    description: markdownToText(parameter.description ?? ''),
    schema: { ...parameter.schema },
    example: asText(exampleValue(parameter)),
    ...(parameter.name === idempotencyName ? { role: 'idempotency-key' as const } : {}),
  };
}

function toBody(operation: Operation): ConsoleBody | undefined {
  const content = operation.requestBody?.content ?? {};
  const mediaType = (['application/json', 'application/x-www-form-urlencoded'] as const).find((type) => content[type]);
  if (!mediaType) return undefined;
  const media = content[mediaType];
  return {
    mediaType,
    schema: { ...(media?.schema ?? {}) },
    examples: Object.entries(media?.examples ?? {}).map(([name, example]) => ({
      name,
      summary: example.summary ?? name,
      json: JSON.stringify(example.value, null, 2),
    })),
  };
}

function toOperation(operation: Operation, skipHeader: string): ConsoleOperation {
  const body = toBody(operation);
  const idempotencyName = operation.idempotency?.header;
  return {
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    summary: operation.summary,
    scopes: [...operation.scopes],
    auth: operation.credential,
    parameters: operation.parameters
      .filter((parameter) => parameter.name !== skipHeader)
      .map((parameter) => toParam(parameter, idempotencyName))
      .filter((parameter): parameter is ConsoleParam => parameter !== undefined),
    ...(body ? { body } : {}),
    responses: Object.fromEntries(
      Object.entries(operation.responses).map(([status, response]) => [
        status,
        firstSentence(markdownToText(response.description)),
      ]),
    ),
  };
}

/**
 * The console's props, all from the OpenAPI document.
 * @returns ConsoleData (operations in document order, scopes with descriptions, environments, servers,
 *   OAuth endpoint paths, error table, webhook events, webhook verification languages, the verify path).
 * @throws Error if the document lacks the AeThexEnvironment parameter, a production or sandbox server, the OAuth
 *   token or authorization endpoint, or the verifyWebhook operation.
 */
export function consoleData(): ConsoleData {
  const model = apiModel();
  const { environment, oauth } = model;
  if (!environment) throw new Error('AeThexEnvironment parameter has no enum');
  const production = model.servers.find((server) => server.kind === 'production')?.url;
  const sandbox = model.servers.find((server) => server.kind === 'sandbox')?.url;
  if (production === undefined || sandbox === undefined)
    throw new Error('the document lacks a production or sandbox server');
  if (!oauth?.tokenPath || !oauth.authorizationPath)
    throw new Error('the oauth2 scheme lacks a token or authorization URL');
  const verify = getOperation('verifyWebhook');
  if (!verify) throw new Error('the document has no verifyWebhook operation');
  return {
    operations: listOperations().map((operation) => toOperation(operation, environment.header)),
    scopes: listScopes().map((scope) => ({ ...scope, description: markdownToText(scope.description) })),
    environments: { values: [...environment.values], default: environment.default },
    environmentHeader: environment.header,
    servers: { production, sandbox },
    oauthPaths: { token: oauth.tokenPath, authorize: oauth.authorizationPath },
    webhookVerifyPath: verify.path,
    errors: listErrors().map(({ status, label, hint, action, retryable }) => ({
      status,
      label,
      hint,
      action,
      retryable,
    })),
    verifyLanguages: WEBHOOK_VERIFY_SNIPPETS.map(({ id }) => ({
      id,
      label: LANGUAGES.find((l) => l.id === id)?.label ?? id,
    })),
    events: listWebhooks().map((webhook) => ({ event: webhook.event, summary: webhook.summary })),
  };
}
