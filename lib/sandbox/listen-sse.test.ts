/**
 * The server-sent events reader of sandbox:listen on real byte streams cut at every position: CRLF, CR and LF line
 * ends, comments, multi-line data, a BOM, UTF-8 characters split between chunks; and what a hostile --base-url could
 * send: one endless line (linear time, ended past 1 MiB), an event of endless data lines.
 */
import { describe, expect, it } from 'vitest';

import { MAX_SSE_BYTES, readEventStream, SseLimitError, SseParser, type SseEvent } from './listen-sse';

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

describe('limits against a hostile stream', () => {
  const data = (bytes: number) => `data: ${'x'.repeat(bytes - 'data: '.length)}`;

  it('reads a line of exactly 1 MiB fed in 256-byte chunks in linear time', () => {
    const events: SseEvent[] = [];
    const parser = new SseParser((event) => events.push(event));
    const line = data(MAX_SSE_BYTES);
    const started = performance.now();
    // 4,096 chunks: rescanning what is buffered at each one took 14 s here; scanning each chunk once, ~20 ms.
    for (let at = 0; at < line.length; at += 256) parser.feed(line.slice(at, at + 256));
    parser.feed('\n\n');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toHaveLength(MAX_SSE_BYTES - 'data: '.length);
  });

  it('refuses a line one byte over 1 MiB, counted in UTF-8 bytes, before its end arrives', () => {
    const parser = new SseParser(() => undefined);
    const line = data(MAX_SSE_BYTES + 1);
    expect(() => {
      for (let at = 0; at < line.length; at += 65_536) parser.feed(line.slice(at, at + 65_536));
    }).toThrow(
      new SseLimitError(
        'the inbox stream sent a line of more than 1 MiB (1,048,576 bytes); the sandbox never does, so the connection was ended',
      ),
    );
    // 'é' is two bytes: 524,288 of them are exactly 1 MiB, one more is over even though the line has fewer characters.
    const twoByte = new SseParser(() => undefined);
    twoByte.feed('é'.repeat(MAX_SSE_BYTES / 2));
    expect(() => twoByte.feed('é')).toThrow(SseLimitError);
  });

  it('refuses an event whose data lines add up to more than 1 MiB', () => {
    const events: SseEvent[] = [];
    const parser = new SseParser((event) => events.push(event));
    const lines = Array.from({ length: 16 }, () => data(65_535 + 'data: '.length)).join('\n');
    // 16 lines of 65,535 bytes, an empty data line, and the 16 LFs joining them: exactly 1 MiB, dispatched.
    parser.feed(`${lines}\ndata\n\n`);
    expect(events[0]?.data).toHaveLength(MAX_SSE_BYTES);
    expect(() => parser.feed(`${lines}\ndata\ndata\n`)).toThrow(
      /^the inbox stream sent an event of more than 1 MiB \(1,048,576 bytes of data\); /,
    );
    // Empty data lines cost their joining LF: a flood of them cannot grow an event without bound either.
    const empty = new SseParser(() => undefined);
    expect(() => empty.feed('data\n'.repeat(MAX_SSE_BYTES + 2))).toThrow(SseLimitError);
  });

  it('ends the connection (cancels the body) and rejects with the limit in words', async () => {
    let cancelled: unknown;
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        // 4 MiB of one line, then the end: a reader without the limit would read it all and resolve.
        if (pulls > 64) return controller.close();
        controller.enqueue(new TextEncoder().encode(pulls === 1 ? 'event: ready\ndata: {}\n\n' : 'x'.repeat(65_536)));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const events: SseEvent[] = [];
    await expect(readEventStream(endless, (event) => events.push(event))).rejects.toThrow(SseLimitError);
    expect(events).toEqual([{ event: 'ready', data: '{}' }]);
    expect(String(cancelled)).toMatch(/^the inbox stream sent a line of more than 1 MiB/);
    expect(pulls).toBeLessThan(20);
  });
});
