/**
 * Webhook path IDs that no app can have (attack finding 6): a NUL, other odd characters, a wrong prefix or length get
 * the 404 problem on both databases (PostgreSQL refused text holding U+0000 with a 500), and change nothing.
 */
import { describe, expect, it } from 'vitest';

import { countRows, createTestApp, testSandbox } from './test-helpers';
import { addEndpoint, call } from './webhook-test-helpers';

describe('webhook path IDs', () => {
  it('answer 404 problems for IDs of the wrong shape, on every route that takes one', async () => {
    const sandbox = testSandbox({ basePath: '' });
    const app = await createTestApp(sandbox);
    expect((await call(sandbox, app, 'PUT', '/rate-limit', { limit: 6000, window_seconds: 60 })).status).toBe(200);
    const endpoint = await addEndpoint(sandbox, app, { url: 'https://example.com/hook' });
    const odd = [
      '%00',
      `we_${'a'.repeat(23)}%00`,
      `dlv_${'a'.repeat(23)}%00`,
      '%C3%A9',
      'x'.repeat(300),
      `${endpoint.id}x`,
    ];
    for (const id of odd)
      for (const [method, path, body] of [
        ['GET', `/webhooks/endpoints/${id}`],
        ['PATCH', `/webhooks/endpoints/${id}`, { enabled: false }],
        ['DELETE', `/webhooks/endpoints/${id}`],
        ['POST', `/webhooks/endpoints/${id}/rotate-secret`],
        ['GET', `/webhooks/deliveries/${id}`],
        ['POST', `/webhooks/deliveries/${id}/replay`],
        ['POST', `/webhooks/deliveries/${id}/attempts`, { status: 200, duration_ms: 1 }],
      ] as const) {
        const response = await call(sandbox, app, method, path, body);
        expect(response.status, `${method} ${path}`).toBe(404);
        expect(response.headers.get('content-type')).toMatch(/problem\+json/);
        expect(((await response.json()) as { detail: string }).detail).toMatch(/no webhook (endpoint|delivery)/);
      }
    const still = (await (await call(sandbox, app, 'GET', `/webhooks/endpoints/${endpoint.id}`)).json()) as object;
    expect(still).toEqual(endpoint);
    expect(await countRows(sandbox, 'webhook_attempts')).toBe(0);
    await sandbox.close();
  });
});
