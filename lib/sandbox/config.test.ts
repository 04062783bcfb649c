import { afterEach, describe, expect, it, vi } from 'vitest';

import { apiModel, buildApiModel } from '@/lib/openapi';

import { allowedRequestHeaders, LIMITS, parseRetrySchedule, webhookSettings } from './config';

describe('request headers', () => {
  it("are the operations' header parameters, without the webhook deliveries' headers", () => {
    const names = apiModel().requestHeaders.map((parameter) => parameter.name.toLowerCase());
    expect(names.sort()).toEqual(['aethex-environment', 'idempotency-key', 'x-request-id']);
  });

  it('are deduplicated by case-insensitive name, first occurrence first', () => {
    const header = (name: string) => ({ name, in: 'header', schema: { type: 'string' } });
    const model = buildApiModel({
      openapi: '3.1.0',
      info: { title: 'Headers', version: '1' },
      paths: {
        '/a': { get: { parameters: [header('X-Trace'), header('X-Only-A')], responses: { '204': {} } } },
        '/b': { get: { parameters: [header('x-trace')], responses: { '204': {} } } },
      },
      components: { parameters: { Unused: header('X-Unused') } },
    });
    expect(model.requestHeaders.map((parameter) => parameter.name)).toEqual(['X-Trace', 'X-Only-A']);
  });

  it('make up the CORS allow-list, with Authorization and Content-Type', () => {
    expect(allowedRequestHeaders().split(', ').sort()).toEqual([
      'aethex-environment',
      'authorization',
      'content-type',
      'idempotency-key',
      'x-request-id',
    ]);
  });
});

describe('webhook settings', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('parse a retry schedule of comma-separated seconds, or nothing', () => {
    expect(parseRetrySchedule('0,1, 5,0.05')).toEqual([0, 1, 5, 0.05]);
    for (const bad of ['', ' ', '0,,1', '-1', '1e3', 'a', '0,86401', undefined])
      expect(parseRetrySchedule(bad)).toBeUndefined();
  });

  it('come from the options, else SANDBOX_WEBHOOK_*, else the defaults; loopback only standalone', () => {
    const defaults = webhookSettings({}, false);
    expect(defaults).toMatchObject({
      timeoutMs: 15_000,
      schedule: [...LIMITS.webhooks.retrySchedule],
      disableAfter: 10,
      secretGraceSeconds: 86_400,
      allowLoopback: true,
    });
    expect(webhookSettings({}, true).allowLoopback).toBe(false);
    expect(webhookSettings({ allowLoopback: true }, true).allowLoopback).toBe(false);
    vi.stubEnv('SANDBOX_WEBHOOK_TIMEOUT_SECONDS', '2');
    vi.stubEnv('SANDBOX_WEBHOOK_RETRY_SCHEDULE', '0,2');
    vi.stubEnv('SANDBOX_WEBHOOK_DISABLE_AFTER', '3');
    vi.stubEnv('SANDBOX_WEBHOOK_SECRET_GRACE_SECONDS', '60');
    vi.stubEnv('SANDBOX_WEBHOOK_ALLOW_LOOPBACK', '0');
    expect(webhookSettings({}, false)).toMatchObject({
      timeoutMs: 2_000,
      schedule: [0, 2],
      disableAfter: 3,
      secretGraceSeconds: 60,
      allowLoopback: false,
    });
    expect(webhookSettings({ schedule: '0,0.05', timeoutMs: 50, allowLoopback: true }, false)).toMatchObject({
      timeoutMs: 50,
      schedule: [0, 0.05],
      allowLoopback: true,
    });
    vi.stubEnv('SANDBOX_WEBHOOK_RETRY_SCHEDULE', 'soon');
    expect(webhookSettings({}, false).schedule).toEqual([...LIMITS.webhooks.retrySchedule]);
  });
});
