/**
 * Secret rotation (attack finding 12): rotations at once lose no secret (each one's replaced secret is the one
 * before it), and a second rotation within the grace period keeps only the secret it replaced.
 */
import { describe, expect, it } from 'vitest';

import { createTestApp, storeOf, testSandbox } from './test-helpers';
import { addEndpoint, call, type EndpointJson } from './webhook-test-helpers';

describe('secret rotation', () => {
  it('keeps the secret each rotation replaced, even when ten run at once', async () => {
    const sandbox = testSandbox({ basePath: '' });
    const app = await createTestApp(sandbox);
    const endpoint = await addEndpoint(sandbox, app, { url: 'https://example.com/hook' });
    const rotate = async () =>
      (await (
        await call(sandbox, app, 'POST', `/webhooks/endpoints/${endpoint.id}/rotate-secret`)
      ).json()) as EndpointJson;
    const store = await storeOf(sandbox);

    const first = await rotate();
    expect((await store.endpoint(app.tenant_id, endpoint.id))?.previous_secret).toBe(endpoint.secret);
    const second = await rotate();
    // Within the grace period: the original secret stops signing, the first rotation's keeps signing.
    expect((await store.endpoint(app.tenant_id, endpoint.id))?.previous_secret).toBe(first.secret);
    expect(second.previous_secret_expires_at).not.toBeNull();

    const rotated = await Promise.all(Array.from({ length: 10 }, rotate));
    const row = (await store.endpoint(app.tenant_id, endpoint.id))!;
    const secrets = rotated.map((answer) => answer.secret);
    expect(secrets).toContain(row.secret);
    // Before (read, then write): several rotations replaced the same old secret, so the previous one was often the
    // secret from before them all, and the new secrets in between were lost.
    expect(secrets).toContain(row.previous_secret);
    expect(row.previous_secret).not.toBe(row.secret);
    await sandbox.close();
  });
});
