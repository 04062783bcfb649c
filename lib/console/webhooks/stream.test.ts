import { describe, expect, it } from 'vitest';

import { runInboxStream } from './stream';

const encoder = new TextEncoder();

/** A response streaming `parts` and then ending (or erroring with `fail`). */
function streamed(parts: readonly string[], fail = false) {
  const queue = [...parts];
  return new Response(
    new ReadableStream<Uint8Array>({
      // pull, not start: an error raised in start would discard the queued chunks before anyone read them.
      pull(controller) {
        const part = queue.shift();
        if (part !== undefined) controller.enqueue(encoder.encode(part));
        else if (fail) controller.error(new Error('reset'));
        else controller.close();
      },
    }),
    { headers: { 'Content-Type': 'text/event-stream' } },
  );
}

describe('runInboxStream', () => {
  it('reports live, hands over deliveries, reconnects after a drop or a refusal with growing delays', async () => {
    const answers = [
      () => streamed(['event: ready\ndata: {}\n\n: keep-alive\n\nevent: delivery\ndata: {"id":"dlv_1"}\n\n'], true),
      () => Response.json({ detail: 'At most 5 open streams per app.' }, { status: 429 }),
      () => Promise.reject(new TypeError('Failed to fetch')),
      () =>
        streamed([
          'event: forward\ndata: {}\n\nevent: ready\ndata: {}\n\nevent: delivery\ndata: not json\n\n',
          'event: delivery\ndata: {"id":"dlv_2"}\n\n',
        ]),
    ];
    const controller = new AbortController();
    const seen: { url: string; init: RequestInit }[] = [];
    const log: string[] = [];
    const sleeps: number[] = [];
    await runInboxStream(
      {
        base: 'http://localhost:3400/sandbox',
        bearer: 'pat_abc',
        fetch: (async (url: string, init: RequestInit) => {
          seen.push({ url, init });
          const answer = answers.shift();
          if (!answer) {
            controller.abort();
            throw new DOMException('aborted', 'AbortError');
          }
          return answer();
        }) as unknown as typeof fetch,
        onDelivery: (d) => log.push(`delivery ${d.id}`),
        onConnection: (c, error) => log.push(error ? `${c}: ${error}` : c),
        sleep: async (ms) => void sleeps.push(ms),
        delays: [10, 20, 50],
      },
      controller.signal,
    );
    expect(log).toEqual([
      'live',
      'delivery dlv_1',
      'reconnecting: the connection dropped',
      'reconnecting: the sandbox answered 429: At most 5 open streams per app.',
      'reconnecting: the sandbox could not be reached',
      'live',
      'delivery dlv_2',
      'reconnecting: the stream ended',
    ]);
    expect(sleeps).toEqual([10, 20, 50, 10]); // growing while it fails, back to the first after a ready
    expect(seen[0]?.url).toBe('http://localhost:3400/sandbox/webhooks/inbox');
    expect(seen[0]?.init.headers).toEqual({ Authorization: 'Bearer pat_abc', Accept: 'text/event-stream' });
    expect(seen.every((s) => !s.url.includes('pat_abc'))).toBe(true);
  });
});
