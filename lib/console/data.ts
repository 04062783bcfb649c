/**
 * Server-only: derives the console's plain props from the API model (lib/openapi/),
 * so the client bundle never parses YAML and every form, scope and hint follows the document.
 */
import { markdownToText } from '@/lib/markdown/render';
import {
  apiModel,
  environments,
  listErrors,
  listOperations,
  listScopes,
  listServers,
  listWebhooks,
  type Operation,
  type ParameterObject,
} from '@/lib/openapi';
import { LANGUAGES } from '@/lib/snippets';
import { WEBHOOK_VERIFY_SNIPPETS } from '@/lib/snippets/webhook-verify';

import type { ConsoleAuthKind, ConsoleBody, ConsoleData, ConsoleOperation, ConsoleParam } from './types';

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/\.(\s|$)/);
  return end === -1 ? flat : flat.slice(0, end + 1);
}

/** 'basic' for an operation called with HTTP Basic client authentication (the token endpoint), else 'bearer'. */
function authKind(operation: Operation): ConsoleAuthKind {
  return operation.credential === 'client-basic' ? 'basic' : 'bearer';
}

function toParam(parameter: ParameterObject, idempotencyName: string | undefined): ConsoleParam | undefined {
  if (parameter.in === 'cookie') return undefined;
  return {
    name: parameter.name,
    in: parameter.in,
    required: parameter.required === true,
    description: markdownToText(parameter.description ?? ''),
    schema: { ...parameter.schema },
    example: asText(parameter.example ?? parameter.schema.default),
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
    auth: authKind(operation),
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

/** Path of an absolute flow URL relative to the production server (`https://api.aethex.dev/v1/auth/token` → `/v1/auth/token`). */
function relativeTo(production: string, url: unknown, fallback: string): string {
  const text = asText(url);
  return text.startsWith(production) ? text.slice(production.length) || '/' : fallback;
}

/**
 * The console's props, all from the OpenAPI document.
 * @returns ConsoleData (operations in document order, scopes with descriptions, environments, servers,
 *   OAuth endpoint paths, error table, webhook events, webhook verification languages).
 * @throws Error if the document lacks the AeThexEnvironment parameter.
 */
export function consoleData(): ConsoleData {
  const model = apiModel();
  const environmentHeader = model.environment?.header ?? '';
  const servers = listServers();
  const production = servers.find((server) => /^https?:\/\//.test(server.url))?.url ?? '';
  const sandbox = servers.find((server) => server.url.startsWith('/'))?.url ?? '/sandbox';
  return {
    operations: listOperations().map((operation) => toOperation(operation, environmentHeader)),
    scopes: listScopes().map((scope) => ({ ...scope, description: markdownToText(scope.description) })),
    environments: { values: [...environments().values], default: environments().default },
    environmentHeader,
    servers: { production, sandbox },
    oauthPaths: {
      token: relativeTo(production, model.oauth?.tokenUrl, '/v1/auth/token'),
      authorize: relativeTo(production, model.oauth?.authorizationUrl, '/oauth/authorize'),
    },
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
