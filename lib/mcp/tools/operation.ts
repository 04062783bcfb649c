/** The `get_operation` tool: everything a client needs to call one operation, from the model (lib/openapi). */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

import { getOperation, listOperations, listServers, type Operation } from '@/lib/openapi';
import { LANGUAGES, sampleForOperation, type LanguageId } from '@/lib/snippets';
import { absoluteUrl, errorHref, operationHref, problemTypeUri } from '@/lib/urls';

import { MAX_SCHEMA_BYTES } from '../limits';
import { guarded, structured, toolError } from '../result';
import { READ_ONLY_DOCS } from './annotations';

const LANGUAGE_IDS = LANGUAGES.map((language) => language.id) as [LanguageId, ...LanguageId[]];

/**
 * A schema as get_operation returns it: the model's resolved JSON Schema, or, over MAX_SCHEMA_BYTES of JSON, a
 * stand-in that says so and where the full schema is documented.
 */
export function cappedSchema(schema: unknown, pageUrl: string): unknown {
  if (schema === undefined) return null;
  const size = Buffer.byteLength(JSON.stringify(schema) ?? '', 'utf8');
  if (size <= MAX_SCHEMA_BYTES) return schema;
  return {
    'x-truncated': true,
    description: `A ${size}-byte schema, over the ${MAX_SCHEMA_BYTES}-byte cap: see ${pageUrl}`,
  };
}

/** The words of an unknown-operation error: the known operationIds and how to find one. */
export function unknownOperation(operationId: string): string {
  const known = listOperations().map((operation) => operation.operationId);
  return `Unknown operation “${operationId.slice(0, 100)}”. Known operationIds: ${known.join(', ')}. Call search_docs to find one by what it does.`;
}

const contentOf = (content: Operation['responses'][string]['content']) => Object.entries(content)[0];

/** The structured answer of get_operation for one operation and sample language. */
export function describeOperation(op: Operation, language: LanguageId): Record<string, unknown> {
  const url = absoluteUrl(operationHref(op.operationId));
  const body = op.requestBody && Object.entries(op.requestBody.content)[0];
  return {
    operation_id: op.operationId,
    method: op.method,
    path: op.path,
    summary: op.summary,
    description: op.description,
    url,
    servers: listServers().map((server) => ({ kind: server.kind, url: absoluteUrl(server.url) })),
    auth: {
      credential: op.credential,
      scopes: [...op.scopes],
      alternatives: op.securityAlternatives.map((uses) =>
        uses.map((use) => ({ scheme: use.scheme.name, kind: use.scheme.kind, scopes: [...use.scopes] })),
      ),
    },
    parameters: op.parameters.map((parameter) => ({
      name: parameter.name,
      in: parameter.in,
      required: parameter.required ?? false,
      description: parameter.description ?? '',
      schema: cappedSchema(parameter.schema, url),
    })),
    request_body: body
      ? {
          content_type: body[0],
          required: op.requestBody?.required ?? false,
          schema: cappedSchema(body[1].schema, url),
        }
      : null,
    responses: Object.entries(op.responses).map(([status, response]) => ({
      status,
      description: response.description,
      content_type: contentOf(response.content)?.[0] ?? null,
      schema: cappedSchema(contentOf(response.content)?.[1].schema, url),
      headers: Object.keys(response.headers),
    })),
    errors: op.errors.map(({ status, response, error }) => ({
      status,
      label: error?.label ?? '',
      hint: error?.hint ?? '',
      when: response.description,
      action: error?.action ?? '',
      retryable: error?.retryable ?? false,
      type: problemTypeUri(status),
      url: absoluteUrl(errorHref(status)),
    })),
    sample: { language, code: sampleForOperation(op.operationId, language) },
  };
}

const looseObject = z.record(z.string(), z.unknown());

/** The `get_operation` tool's title, description, schemas and annotations (built once: zod schemas cost per build). */
const CONFIG_GET_OPERATION = {
  title: 'Describe an API operation',
  description: `Everything needed to call one AeThex API operation: method, path, authentication and scopes, parameters, request and response schemas (resolved JSON Schema, each capped at ${MAX_SCHEMA_BYTES / 1024} KiB), errors with their hints, and a complete code sample in the chosen language (it reads AETHEX_BASE_URL and AETHEX_TOKEN from the environment; the sandbox's base URL is in servers). Unknown operation IDs get a tool error listing the known ones.`,
  inputSchema: {
    operation_id: z.string().trim().min(1).max(100).describe('The operationId, e.g. "listProjects".'),
    language: z.enum(LANGUAGE_IDS).optional().describe('Language of the code sample (default curl).'),
  },
  outputSchema: {
    operation_id: z.string(),
    method: z.string(),
    path: z.string(),
    summary: z.string(),
    description: z.string(),
    url: z.string(),
    servers: z.array(z.object({ kind: z.string(), url: z.string() })),
    auth: z.object({
      credential: z.string(),
      scopes: z.array(z.string()),
      alternatives: z.array(z.array(looseObject)),
    }),
    parameters: z.array(looseObject),
    request_body: looseObject.nullable(),
    responses: z.array(looseObject),
    errors: z.array(looseObject),
    sample: z.object({ language: z.string(), code: z.string() }),
  },
  annotations: READ_ONLY_DOCS,
};

/** Registers `get_operation(operation_id, language?)`. */
export function registerGetOperation(server: McpServer): void {
  server.registerTool(
    'get_operation',
    CONFIG_GET_OPERATION,
    guarded('get_operation', ({ operation_id, language }) => {
      const op = getOperation(operation_id);
      if (!op) return toolError(unknownOperation(operation_id));
      return structured(describeOperation(op, language ?? 'curl'));
    }),
  );
}
