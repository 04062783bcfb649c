import { createHmac } from 'node:crypto';

import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';

import { listWebhooks } from '@/lib/openapi';

import { createAjv } from './ajv';
import type { Sandbox } from './handler';
import { bearer, createTestApp, send, testSandbox, type App } from './test-helpers';
import { checkDelivery, deliveryHeaderErrors, type Delivery } from './webhooks';

let sandboxes: Sandbox[] = [];
afterEach(() => {
  sandboxes.forEach((s) => s.close());
  sandboxes = [];
});

const JSON_TYPE = { 'Content-Type': 'application/json' };

async function emit(sandbox: Sandbox, app: App, event: string): Promise<Delivery> {
  const response = await send(sandbox, '/webhooks/emit', {
    method: 'POST',
    headers: bearer(app.personal_access_token, JSON_TYPE),
    body: JSON.stringify({ event }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Delivery;
}

function verify(sandbox: Sandbox, app: App, payload: string, headers: Record<string, string>) {
  return send(sandbox, '/v1/webhooks/verify', {
    method: 'POST',
    headers: bearer(app.personal_access_token, JSON_TYPE),
    body: JSON.stringify({ payload, headers }),
  });
}

describe('F. webhooks', () => {
  it('23. emits every documented event as a Standard Webhooks delivery that the standardwebhooks package verifies', async () => {
    const sandbox = testSandbox();
    sandboxes.push(sandbox);
    const app = await createTestApp(sandbox);
    const ajv = createAjv();
    for (const webhook of listWebhooks()) {
      const delivery = await emit(sandbox, app, webhook.event);
      expect(delivery.event).toBe(webhook.event);
      expect(delivery.headers['webhook-id']).toMatch(/^msg_[A-Za-z0-9]+$/);
      expect(delivery.webhook_id).toBe(delivery.headers['webhook-id']);
      expect(delivery.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+={0,2}$/);
      const body = new Webhook(app.webhook_secret).verify(delivery.payload, delivery.headers) as { type: string };
      expect(body.type).toBe(webhook.event);
      // The payload matches the event's schema in the document.
      const validate = ajv.compile(webhook.payloadSchema as object);
      expect(validate(JSON.parse(delivery.payload)), JSON.stringify(validate.errors)).toBe(true);
    }
    const bad = await send(sandbox, '/webhooks/emit', {
      method: 'POST',
      headers: bearer(app.personal_access_token, JSON_TYPE),
      body: '{"event":"order.created"}',
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await send(sandbox, '/webhooks/emit', {
          method: 'POST',
          headers: JSON_TYPE,
          body: '{"event":"member.invited"}',
        })
      ).status,
    ).toBe(401);
  });

  it('24. verify: valid → 200; one byte changed → 400; outside 5 minutes → 400; a missing header → 400', async () => {
    let clock = Date.now();
    const sandbox = testSandbox({ now: () => clock });
    sandboxes.push(sandbox);
    const app = await createTestApp(sandbox);
    const other = await createTestApp(sandbox);
    const delivery = await emit(sandbox, app, 'deployment.succeeded');
    const ok = await verify(sandbox, app, delivery.payload, delivery.headers);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      valid: true,
      event_type: 'deployment.succeeded',
      webhook_id: delivery.webhook_id,
      timestamp: Number(delivery.headers['webhook-timestamp']),
    });
    const tampered = delivery.payload.replace('"type":"deployment.succeeded"', '"type":"deployment.succeedeD"');
    const mismatch = await verify(sandbox, app, tampered, delivery.headers);
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { detail: string }).detail).toContain('signature');
    const oneByte =
      delivery.payload.slice(0, -2) + (delivery.payload.at(-2) === '1' ? '2' : '1') + delivery.payload.slice(-1);
    expect((await verify(sandbox, app, oneByte, delivery.headers)).status).toBe(400);
    // Another tenant's secret does not verify it.
    expect(
      (
        await send(sandbox, '/v1/webhooks/verify', {
          method: 'POST',
          headers: bearer(other.personal_access_token, JSON_TYPE),
          body: JSON.stringify({ payload: delivery.payload, headers: delivery.headers }),
        })
      ).status,
    ).toBe(400);
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      const headers: Record<string, string> = { ...delivery.headers };
      delete headers[name];
      const response = await verify(sandbox, app, delivery.payload, headers);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(
        `/headers/${name}`,
      );
    }
    // A signature of the right length in characters but not in bytes (é is two UTF-8 bytes): 400, not a 500.
    const [, real = ''] = delivery.headers['webhook-signature'].split(',');
    const wide = { ...delivery.headers, 'webhook-signature': `v1,é${real.slice(1)}` };
    expect((await verify(sandbox, app, delivery.payload, wide)).status).toBe(400);
    clock += 301_000;
    const late = await verify(sandbox, app, delivery.payload, delivery.headers);
    expect(late.status).toBe(400);
    expect(((await late.json()) as { detail: string }).detail).toContain('300 seconds');
    clock -= 1_000;
    expect((await verify(sandbox, app, delivery.payload, delivery.headers)).status).toBe(200);
  });

  it('verify is strict about the header syntax: webhook-timestamp decimal digits only, webhook-id not empty', async () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    const seconds = now / 1000;
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const payload = '{"type":"member.invited"}';
    // Signed exactly as sent, so only the syntax can fail.
    const sign = (id: string, timestamp: string) => {
      const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
      return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${payload}`).digest('base64')}`;
    };
    const check = (id: string, timestamp: string) =>
      checkDelivery(
        secret,
        payload,
        { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': sign(id, timestamp) },
        now,
      );
    expect(check('msg_1', String(seconds))).toBeUndefined();
    for (const timestamp of [
      `0x${seconds.toString(16)}`,
      `${seconds / 1e9}e9`,
      `+${seconds}`,
      ` ${seconds}`,
      `${seconds} `,
      `${seconds}.0`,
      '',
      '-1',
    ]) {
      const failure = check('msg_1', timestamp);
      expect(
        failure?.errors?.map((error) => error.field),
        JSON.stringify(timestamp),
      ).toEqual(['/headers/webhook-timestamp']);
      expect(failure?.detail).toContain('decimal digits only');
    }
    const emptyId = check('', String(seconds));
    expect(emptyId?.errors?.map((error) => error.field)).toEqual(['/headers/webhook-id']);
    expect(emptyId?.detail).toMatch(/^The delivery's webhook-id is malformed: must not be empty/);
    expect(
      deliveryHeaderErrors({ headers: { 'webhook-id': '', 'webhook-timestamp': '1e9' } }).map((error) => error.field),
    ).toEqual(['/headers/webhook-id', '/headers/webhook-timestamp']);
    // Other shapes are left to schema validation.
    expect(deliveryHeaderErrors({ headers: { 'webhook-timestamp': 1 } })).toEqual([]);
    expect(deliveryHeaderErrors(null)).toEqual([]);
  });
});
