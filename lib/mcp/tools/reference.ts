/** The reference tools `list_webhook_events` and `get_error`, from the model (lib/openapi) and lib/reference/errors. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

import { apiModel, getError, listErrors, listWebhooks } from '@/lib/openapi';
import { problemExample, retryAfterStatuses } from '@/lib/reference/errors';
import { absoluteUrl, errorHref, problemTypeUri, webhookHref } from '@/lib/urls';

import { guarded, structured, toolError } from '../result';
import { READ_ONLY_DOCS } from './annotations';
import { cappedSchema } from './operation';

/**
 * The HTTP status a get_error argument names: a status (`429`, `"429"`) or a problem `type` URI / errors-page URL
 * ending in `#429`.
 * @returns the status, or undefined when the argument names none
 */
export function statusOf(code: number | string): number | undefined {
  const text = String(code).trim();
  const match = /^(\d{3})$/.exec(text) ?? /#(\d{3})$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** The `list_webhook_events` tool's title, description, schemas and annotations (built once: zod schemas cost per build). */
const CONFIG_LIST_WEBHOOK_EVENTS = {
  title: 'List webhook events',
  description:
    'Every webhook event the AeThex API delivers: name, summary, its reference page, an example payload, the signature headers, and how deliveries are signed (Standard Webhooks).',
  inputSchema: {},
  outputSchema: {
    events: z.array(
      z.object({
        event: z.string(),
        summary: z.string(),
        url: z.string(),
        headers: z.array(z.string()),
        example: z.unknown(),
      }),
    ),
    signing: z.record(z.string(), z.unknown()),
  },
  annotations: READ_ONLY_DOCS,
};

/** Registers `list_webhook_events()`: every event with its summary, page, payload example and the signing facts. */
export function registerListWebhookEvents(server: McpServer): void {
  server.registerTool(
    'list_webhook_events',
    CONFIG_LIST_WEBHOOK_EVENTS,
    guarded('list_webhook_events', () =>
      structured({
        events: listWebhooks().map((webhook) => {
          const url = absoluteUrl(webhookHref(webhook.event));
          return {
            event: webhook.event,
            summary: webhook.summary,
            url,
            headers: webhook.headers.map((header) => header.name),
            example: cappedSchema(webhook.example, url),
          };
        }),
        signing: { ...apiModel().webhookSigning },
      }),
    ),
  );
}

/** The `get_error` tool's title, description, schemas and annotations (built once: zod schemas cost per build). */
const CONFIG_GET_ERROR = {
  title: 'Explain an API error',
  description:
    'Explains an AeThex API error status: label, hint, when the API returns it, what to do, whether to retry (and whether a Retry-After header says when), its RFC 9457 problem type URI and an example problem body. Accepts the status (429 or "429") or the problem type URI.',
  inputSchema: {
    code: z
      .union([z.number().int().min(100).max(599), z.string().trim().min(1).max(300)])
      .describe('An HTTP status (429) or a problem type URI (https://docs.aethex.dev/reference/errors#429).'),
  },
  outputSchema: {
    status: z.number(),
    label: z.string(),
    hint: z.string(),
    when: z.string(),
    action: z.string(),
    retryable: z.boolean(),
    retry_after_header: z.boolean(),
    type: z.string(),
    url: z.string(),
    example: z.unknown(),
  },
  annotations: READ_ONLY_DOCS,
};

/** Registers `get_error(code)`: one error status with its label, hint, when, action and example problem body. */
export function registerGetError(server: McpServer): void {
  server.registerTool(
    'get_error',
    CONFIG_GET_ERROR,
    guarded('get_error', ({ code }) => {
      const status = statusOf(code);
      const error = status === undefined ? undefined : getError(status);
      if (!error) {
        const known = listErrors().map((entry) => entry.status);
        return toolError(
          `No AeThex error “${String(code).slice(0, 100)}”. The API documents these statuses: ${known.join(', ')}; pass one of them or its problem type URI.`,
        );
      }
      return structured({
        ...error,
        retry_after_header: retryAfterStatuses().has(error.status),
        type: problemTypeUri(error.status),
        url: absoluteUrl(errorHref(error.status)),
        example: problemExample(error.status) ?? null,
      });
    }),
  );
}
