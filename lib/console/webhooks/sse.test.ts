import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { createSseParser, readSse, type SseEvent } from './sse';

function parseAll(chunks: readonly string[]) {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const parser = createSseParser({ onEvent: (e) => events.push(e), onComment: (c) => comments.push(c) });
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { events, comments };
}

const STREAM =
  '\uFEFFevent: ready\ndata: {"tenant_id":"ten_1"}\n\n: keep-alive\n\nevent: delivery\r\ndata: {"a":\r\ndata: 1}\r\nid: 7\r\n\r\n' +
  'data:no space\r\rretry: 10\nunknown: x\nevent: empty\n\nevent: forward\ndata: {}\n\n';

describe('createSseParser', () => {
  it('dispatches named events, joins data lines, keeps ids, skips comments, BOM and empty events', () => {
    const { events, comments } = parseAll([STREAM]);
    expect(events).toEqual([
      { event: 'ready', data: '{"tenant_id":"ten_1"}' },
      { event: 'delivery', data: '{"a":\n1}', id: '7' },
      { event: 'message', data: 'no space', id: '7' },
      { event: 'forward', data: '{}', id: '7' },
    ]);
    expect(comments).toEqual(['keep-alive']);
  });

  it('gives the same events however the stream is split (CRLF, CR and UTF-8-free splits anywhere)', () => {
    const whole = parseAll([STREAM]).events;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: STREAM.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks = [0, ...points].map((from, i) => STREAM.slice(from, points[i] ?? STREAM.length));
        expect(parseAll(chunks).events).toEqual(whole);
      }),
    );
  });

  it('drops an event the stream cut off before its blank line', () => {
    expect(parseAll(['event: delivery\ndata: {}\n']).events).toEqual([]);
  });
});

describe('readSse', () => {
  it('decodes UTF-8 split across network chunks', async () => {
    const bytes = new TextEncoder().encode('event: delivery\ndata: "café ✓"\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    await readSse(body, { onEvent: (e) => events.push(e) });
    expect(events).toEqual([{ event: 'delivery', data: '"café ✓"' }]);
  });
});
