/**
 * The server-sent events reader of sandbox:listen on real byte streams cut at every position: CRLF, CR and LF line
 * ends, comments, multi-line data, a BOM, UTF-8 characters split between chunks.
 */
import { describe, expect, it } from 'vitest';

import { readEventStream, SseParser, type SseEvent } from './listen-sse';

/** A body that delivers `bytes` in the given pieces. */
function body(pieces: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}

async function read(pieces: Uint8Array[]): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  await readEventStream(body(pieces), (event) => events.push(event));
  return events;
}

const STREAM = [
  '\uFEFFevent: ready',
  'data: {"tenant_id":"ten_1"}',
  '',
  ': keep-alive',
  '',
  'event: forward',
  'data: {"payload":"{\\"name\\":\\"Zoë 🚀\\"}"}',
  '',
  'data:first line',
  'data: second line',
  'data',
  'id: 7',
  'retry: 1000',
  'unknown: field',
  '',
  'event: empty',
  '',
  'event: delivery',
  'data: {"id":"dlv_1"}',
  '',
  'data: not closed',
];

const EXPECTED: SseEvent[] = [
  { event: 'ready', data: '{"tenant_id":"ten_1"}' },
  { event: 'forward', data: '{"payload":"{\\"name\\":\\"Zoë 🚀\\"}"}' },
  { event: 'message', data: 'first line\nsecond line\n', id: '7' },
  { event: 'delivery', data: '{"id":"dlv_1"}', id: '7' },
];

describe('readEventStream', () => {
  for (const [name, end] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ] as const) {
    it(`reads ${name} line ends cut at every byte, in two and three pieces`, async () => {
      const bytes = new TextEncoder().encode(STREAM.join(end));
      expect(await read([bytes])).toEqual(EXPECTED);
      for (let cut = 1; cut < bytes.length; cut += 1) {
        expect(await read([bytes.slice(0, cut), bytes.slice(cut)]), `cut at ${cut}`).toEqual(EXPECTED);
        const second = Math.min(bytes.length - 1, cut + 1 + (cut % 7));
        expect(await read([bytes.slice(0, cut), bytes.slice(cut, second), bytes.slice(second)])).toEqual(EXPECTED);
      }
    });

    it(`reads ${name} line ends one byte at a time`, async () => {
      const bytes = new TextEncoder().encode(STREAM.join(end));
      expect(await read([...bytes].map((byte) => Uint8Array.of(byte)))).toEqual(EXPECTED);
    });
  }

  it('keeps a CR and the LF after it one line end across empty chunks', () => {
    const events: SseEvent[] = [];
    const parser = new SseParser((event) => events.push(event));
    for (const chunk of ['data: a\r', '', '\n', '\r', '\n', 'data: b\r\n\r\n']) parser.feed(chunk);
    expect(events).toEqual([
      { event: 'message', data: 'a' },
      { event: 'message', data: 'b' },
    ]);
  });

  it('rethrows a broken body', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: x\n\n'));
        controller.error(new Error('connection lost'));
      },
    });
    await expect(readEventStream(broken, () => undefined)).rejects.toThrow('connection lost');
  });
});
