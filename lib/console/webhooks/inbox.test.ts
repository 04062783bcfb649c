import { describe, expect, it } from 'vitest';

import { emptyInbox, inboxReducer, orderedDeliveries, statusText, type InboxAction } from './inbox';
import type { WebhookDelivery } from './types';

function delivery(id: string, overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id,
    message_id: `msg_${id}`,
    event: 'member.invited',
    endpoint_id: null,
    target: 'listen',
    status: 'pending',
    next_attempt_at: null,
    payload: '{}',
    headers: {},
    attempts: [],
    ...overrides,
  };
}

const listenAttempt = (number: number) => ({
  number,
  trigger: 'listen' as const,
  attempted_at: `2026-12-06T00:00:0${number}Z`,
  status: 204,
  duration_ms: 3,
  response_excerpt: '',
  error: null,
  outcome: 'succeeded' as const,
});

const run = (...actions: InboxAction[]) => actions.reduce(inboxReducer, emptyInbox);
const message = (...deliveries: WebhookDelivery[]) => ({
  id: deliveries[0]?.message_id ?? 'msg',
  event: 'member.invited',
  payload: '{}',
  created_at: '2026-12-06T00:00:00Z',
  deliveries,
});

describe('inboxReducer', () => {
  it('puts new stream deliveries first and keeps the first page below them, without duplicates', () => {
    const state = run(
      { type: 'delivery', delivery: delivery('d3', { status: 'succeeded', attempts: [listenAttempt(1)] }) },
      { type: 'delivery', delivery: delivery('d2') },
      {
        type: 'loaded',
        messages: [
          message(delivery('d3')),
          message(delivery('d2', { status: 'succeeded', attempts: [listenAttempt(1)] }), delivery('d1')),
        ],
      },
      { type: 'delivery', delivery: delivery('d4') },
    );
    expect(state.order).toEqual(['d4', 'd2', 'd3', 'd1']);
    // Whichever copy is further along wins: the stream's for d3, the page's for d2.
    expect(state.deliveries.d3?.status).toBe('succeeded');
    expect(state.deliveries.d2?.status).toBe('succeeded');
    expect(state.loaded).toBe(true);
  });

  it('replaces a known delivery in place and announces a new attempt, not an unchanged repeat', () => {
    const attempt = {
      number: 1,
      trigger: 'schedule' as const,
      attempted_at: '2026-12-06T00:00:01Z',
      status: null,
      duration_ms: 3,
      response_excerpt: '',
      error: 'DNS lookup of receiver.invalid failed',
      outcome: 'failed' as const,
    };
    const first = run(
      { type: 'delivery', delivery: delivery('d1', { target: 'https://receiver.invalid/webhooks' }) },
      { type: 'delivery', delivery: delivery('d2') },
    );
    expect(first.announcement).toBe('New member.invited delivery to sandbox:listen: pending.');
    const failed = delivery('d1', {
      target: 'https://receiver.invalid/webhooks',
      status: 'failed',
      attempts: [attempt],
    });
    const next = inboxReducer(first, { type: 'delivery', delivery: failed });
    expect(next.order).toEqual(['d2', 'd1']);
    expect(next.announcement).toBe(
      'member.invited to https://receiver.invalid/webhooks: failed (DNS lookup of receiver.invalid failed).',
    );
    const quiet = inboxReducer({ ...next, announcement: 'x' }, { type: 'delivery', delivery: failed });
    expect(quiet.announcement).toBe('x');
    expect(orderedDeliveries(next).map((d) => d.id)).toEqual(['d2', 'd1']);
  });

  it('never lets an older snapshot (the emit response arriving after the stream) hide a newer one', () => {
    const succeeded = delivery('d1', { status: 'succeeded', attempts: [listenAttempt(1)] });
    const streamed = run({ type: 'delivery', delivery: succeeded });
    // The emit response's pending snapshot, with no attempts, lands last: nothing changes, nothing is announced.
    const late = inboxReducer(streamed, { type: 'delivery', delivery: delivery('d1') });
    expect(late).toBe(streamed);
    expect(late.deliveries.d1?.status).toBe('succeeded');
    // An endpoint retrying: pending after one failed attempt is older than the second attempt's success.
    const retried = delivery('d1', { status: 'succeeded', attempts: [listenAttempt(1), listenAttempt(2)] });
    const settled = run({ type: 'delivery', delivery: retried });
    const stale = delivery('d1', { status: 'pending', attempts: [listenAttempt(1)] });
    expect(inboxReducer(settled, { type: 'delivery', delivery: stale }).deliveries.d1).toBe(retried);
    // Equally far along (a replayed listen copy signed afresh): the newcomer's headers replace the old ones.
    const resigned = { ...succeeded, headers: { 'webhook-id': 'msg_d1', 'webhook-signature': 'v1,new' } };
    expect(inboxReducer(streamed, { type: 'delivery', delivery: resigned }).deliveries.d1).toBe(resigned);
    // A newer copy still moves a pending delivery on, and is announced.
    const moved = run({ type: 'delivery', delivery: delivery('d1') }, { type: 'delivery', delivery: succeeded });
    expect(moved.deliveries.d1).toBe(succeeded);
    expect(moved.announcement).toBe('member.invited to sandbox:listen: succeeded (HTTP 204).');
  });

  it('announces connection changes once, keeps the error until live again', () => {
    const lost = run(
      { type: 'connection', connection: 'live' },
      { type: 'connection', connection: 'reconnecting', error: 'the connection dropped' },
    );
    expect(lost.announcement).toBe('Inbox connection lost; reconnecting…');
    expect(lost.error).toBe('the connection dropped');
    const again = inboxReducer(
      { ...lost, announcement: '' },
      { type: 'connection', connection: 'reconnecting', error: 'the connection dropped' },
    );
    expect(again.announcement).toBe('');
    const live = inboxReducer(again, { type: 'connection', connection: 'live' });
    expect(live.announcement).toBe('Inbox live.');
    expect(live.error).toBeUndefined();
  });
});

describe('statusText', () => {
  it('names the last HTTP status', () => {
    const attempt = {
      number: 1,
      trigger: 'listen' as const,
      attempted_at: '',
      status: 204,
      duration_ms: 1,
      response_excerpt: '',
      error: null,
      outcome: 'succeeded' as const,
    };
    expect(statusText(delivery('d', { status: 'succeeded', attempts: [attempt] }))).toBe('succeeded (HTTP 204)');
    expect(statusText(delivery('d'))).toBe('pending');
  });
});
