/** Prompts of the MCP server: guided tasks that chain the tools (`first-api-call`, `integrate-webhooks`). */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

import { LANGUAGES, type LanguageId } from '@/lib/snippets';

const LANGUAGE_IDS = LANGUAGES.map((language) => language.id) as [LanguageId, ...LanguageId[]];

/** The prompts' one argument (built once: zod schemas cost per build). */
const LANGUAGE_ARGUMENT = (fallback: string) => ({
  language: z.enum(LANGUAGE_IDS).optional().describe(`Language of the code sample (default ${fallback}).`),
});
const CURL_ARGUMENT = LANGUAGE_ARGUMENT('curl');
const JAVASCRIPT_ARGUMENT = LANGUAGE_ARGUMENT('javascript');

const user = (text: string) => ({ messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] });

/** Registers the prompts. */
export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'first-api-call',
    {
      title: 'Make a first AeThex API call',
      description: 'Creates a sandbox app, lists its projects and explains the answer, with a sample in your language.',
      argsSchema: CURL_ARGUMENT,
    },
    ({ language }) =>
      user(
        [
          'Help me make my first call to the AeThex API, in the sandbox of the AeThex Developer Portal.',
          '1. Read the quickstart with read_page("/docs/quickstart").',
          '2. Create a sandbox app with sandbox_create_app.',
          '3. Call sandbox_call("listProjects") with {"access_token": <its personal_access_token>} and {"limit": 5}.',
          '4. Explain the status, the X-Request-ID, the X-RateLimit-* headers and the Link header (pagination).',
          `5. Show the same call as a program with get_operation("listProjects", "${language ?? 'curl'}").`,
        ].join('\n'),
      ),
  );
  server.registerPrompt(
    'integrate-webhooks',
    {
      title: 'Integrate AeThex webhooks',
      description: 'Walks through receiving and verifying AeThex webhook deliveries (Standard Webhooks signatures).',
      argsSchema: JAVASCRIPT_ARGUMENT,
    },
    ({ language }) =>
      user(
        [
          `Help me receive AeThex webhooks in ${language ?? 'javascript'}.`,
          '1. Read the webhooks guide with read_page("/docs/webhooks") and list the events with list_webhook_events.',
          '2. Write a receiver that verifies the webhook-id, webhook-timestamp and webhook-signature headers (HMAC-SHA256 with the whsec_ secret), rejects old timestamps, answers 2xx quickly and deduplicates by webhook-id.',
          '3. Create a sandbox app with sandbox_create_app: its webhook_secret signs the deliveries.',
          '4. Check my verification against the API with sandbox_call("verifyWebhook"), using get_operation("verifyWebhook") for its body.',
          '5. Explain retries and what happens when my endpoint fails, from the guide.',
        ].join('\n'),
      ),
  );
}
