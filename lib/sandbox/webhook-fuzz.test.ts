/**
 * Hostile bodies for the webhook routes that take one (issue #19): every answer a documented 4xx or success, never
 * a 500, and a refused request stores nothing (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { listWebhooks } from '@/lib/openapi';

import { countRows, createTestApp, testSandbox } from './test-helpers';
import { addEndpoint, call, emit } from './webhook-test-helpers';

const EVENTS = listWebhooks().map((webhook) => webhook.event);

/** Values near what the routes accept, and anything else JSON can say. */
const nearUrl = fc.oneof(
  fc.webUrl({ withFragments: true, withQueryParameters: true }),
  fc.constantFrom('http://127.0.0.1/', 'https://[::1]/', 'http://10.0.0.1', 'ftp://x', 'http://user:pw@x.io/', ''),
  fc.string(),
);
const nearEvents = fc.oneof(fc.subarray(EVENTS), fc.array(fc.oneof(fc.constantFrom(...EVENTS), fc.string())));
const endpointBody = fc.oneof(
  fc.record(
    {
      url: nearUrl,
      events: nearEvents,
      enabled: fc.oneof(fc.boolean(), fc.jsonValue()),
      description: fc.string({ unit: 'binary' }),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
);
const reportBody = fc.oneof(
  fc.record(
    {
      status: fc.oneof(fc.integer({ min: -5, max: 700 }), fc.double(), fc.string()),
      duration_ms: fc.oneof(fc.double(), fc.integer()),
      response_excerpt: fc.string({ maxLength: 1100 }),
      error: fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue()),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
);

describe('webhook routes under hostile bodies', () => {
  it('POST and PATCH endpoints: 201/200 or 400/409 problems, never a 500; a refusal stores nothing', async () => {
    const sandbox = testSandbox();
    const app = await createTestApp(sandbox);
    await call(sandbox, app, 'PUT', '/rate-limit', { limit: 6000, window_seconds: 60 });
    const kept = await addEndpoint(sandbox, app, { url: 'https://example.com/kept' });
    await fc.assert(
      fc.asyncProperty(endpointBody, fc.boolean(), async (body, patch) => {
        const before = await countRows(sandbox, 'webhook_endpoints');
        const shown = await (await call(sandbox, app, 'GET', `/webhooks/endpoints/${kept.id}`)).text();
        const response = patch
          ? await call(sandbox, app, 'PATCH', `/webhooks/endpoints/${kept.id}`, body)
          : await call(sandbox, app, 'POST', '/webhooks/endpoints', body);
        const ok = patch ? 200 : 201;
        expect([ok, 400, 409], await response.clone().text()).toContain(response.status);
        if (response.status !== ok) {
          expect(response.headers.get('content-type')).toBe('application/problem+json');
          expect(await countRows(sandbox, 'webhook_endpoints')).toBe(before);
          expect(await (await call(sandbox, app, 'GET', `/webhooks/endpoints/${kept.id}`)).text()).toBe(shown);
        }
        // Keep room under the cap, and the kept endpoint valid for the next PATCH.
        if (!patch && response.status === 201)
          await call(sandbox, app, 'DELETE', `/webhooks/endpoints/${((await response.json()) as { id: string }).id}`);
      }),
      { numRuns: 150 },
    );
  });

  it('listen reports: 201 or 400 problems, never a 500; a refusal stores no attempt', async () => {
    const sandbox = testSandbox();
    const app = await createTestApp(sandbox);
    await call(sandbox, app, 'PUT', '/rate-limit', { limit: 6000, window_seconds: 60 });
    const listen = (await emit(sandbox, app)).deliveries[0]!;
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(reportBody, async (body) => {
        // Past the per-delivery cap of attempts a valid report is a 429: start over with a fresh listen copy.
        if (stored >= 45) return;
        const response = await call(sandbox, app, 'POST', `/webhooks/deliveries/${listen.id}/attempts`, body);
        expect([201, 400], await response.clone().text()).toContain(response.status);
        if (response.status === 201) stored += 1;
        expect(await countRows(sandbox, 'webhook_attempts')).toBe(stored);
      }),
      { numRuns: 150 },
    );
  });
});
