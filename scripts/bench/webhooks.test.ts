import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signDelivery } from '../../lib/sandbox/webhook-signing';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';
import { formatWebhookRows, meetsWebhookGoal, percentile, webhookGoalsMet, type WebhookBenchRow } from './webhook-rows';

const latency: WebhookBenchRow = {
  scenario: 'emit → endpoint',
  deliveries: 200,
  p50Ms: 4,
  p99Ms: 50,
  failures: 0,
  goal: { maxP99Ms: 50 },
};
const throughput: WebhookBenchRow = {
  scenario: 'throughput',
  deliveries: 500,
  seconds: 5,
  perSecond: 100,
  failures: 0,
  goal: { minPerSecond: 100 },
};

describe('webhook benchmark goals', () => {
  it('passes rows at their bounds (p99 = 50 ms, 100 deliveries/s) with no failure', () => {
    expect(meetsWebhookGoal(latency)).toBe(true);
    expect(meetsWebhookGoal(throughput)).toBe(true);
    expect(webhookGoalsMet([latency, throughput])).toBe(true);
  });

  it('fails a row past its bound, without figures, or with a single failure', () => {
    expect(meetsWebhookGoal({ ...latency, p99Ms: 50.1 })).toBe(false);
    expect(meetsWebhookGoal({ ...throughput, perSecond: 99 })).toBe(false);
    expect(meetsWebhookGoal({ ...latency, p99Ms: undefined })).toBe(false);
    expect(meetsWebhookGoal({ ...latency, p99Ms: NaN })).toBe(false);
    expect(meetsWebhookGoal({ ...throughput, failures: 1 })).toBe(false);
    expect(webhookGoalsMet([latency, { ...throughput, failures: 1 }])).toBe(false);
  });

  it('prints figures, the goal and the verdict per row', () => {
    const table = formatWebhookRows([latency, { ...throughput, perSecond: 80 }]);
    expect(table).toContain('| emit → endpoint | 200 | 4 | 50 | — | — | 0 | p99 ≤ 50 ms, 0 failures | PASS |');
    expect(table).toContain('| throughput | 500 | — | — | 5 | 80 | 0 | ≥ 100 deliveries/s, 0 failures | FAIL |');
  });

  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 200 }, (_, index) => 200 - index);
    expect(percentile(values, 50)).toBe(100);
    expect(percentile(values, 99)).toBe(198);
    expect(percentile([7], 99)).toBe(7);
  });
});

describe('the benchmark receiver', () => {
  const secret = `whsec_${Buffer.from('a bench receiver secret!').toString('base64')}`;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    receiver.accept('/endpoint', secret);
  });
  afterAll(() => receiver.close());

  const post = (path: string, headers: Record<string, string>, body: string) =>
    fetch(`${receiver.url}${path}`, { method: 'POST', headers, body });

  it('records a verified delivery once, and counts one that does not verify as a failure, never an arrival', async () => {
    const payload = '{"type":"deployment.succeeded"}';
    const good = signDelivery('msg_good', payload, [secret], Date.now());
    const waiting = receiver.arrival('/endpoint', 'msg_good', 5000);
    expect((await post('/endpoint', good, payload)).status).toBe(204);
    const first = await waiting;
    expect(first).toBeGreaterThan(0);
    expect((await post('/endpoint', good, payload)).status).toBe(204);
    expect(await receiver.arrival('/endpoint', 'msg_good', 10)).toBe(first);

    const before = receiver.failures();
    const tampered = signDelivery('msg_bad', payload, [secret], Date.now());
    expect((await post('/endpoint', tampered, payload.replace('succeeded', 'failed'))).status).toBe(400);
    const stale = signDelivery('msg_old', payload, [secret], Date.now() - 600_000);
    expect((await post('/endpoint', stale, payload)).status).toBe(400);
    expect((await post('/unknown', signDelivery('msg_x', payload, [secret], Date.now()), payload)).status).toBe(400);
    expect(receiver.failures()).toBe(before + 3);
    expect(await receiver.arrival('/endpoint', 'msg_bad', 50)).toBeUndefined();
    expect(await receiver.arrival('/endpoint', 'msg_old', 50)).toBeUndefined();
  });
});
