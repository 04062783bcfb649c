/**
 * A parser for `text/event-stream` (HTML Living Standard, "Server-sent events", §9.2.6 interpreting an event stream),
 * for reading a stream with `fetch` + a ReadableStream: the console sends its token in an Authorization header, which
 * `EventSource` cannot do, and a token must never travel in a URL.
 */

/** One dispatched event: `event` is "message" when the stream named none; `data` lines joined with "\n". */
export interface SseEvent {
  readonly event: string;
  readonly data: string;
  readonly id?: string;
}

/** Callbacks of the parser: each event, and each comment line (`: keep-alive`), without the colon. */
export interface SseHandlers {
  onEvent(event: SseEvent): void;
  onComment?(text: string): void;
}

/**
 * A push parser: feed it decoded text in chunks of any size (a line, a field or a CRLF may be split across chunks).
 * Lines end in CRLF, LF or CR; a leading BOM is skipped; a blank line dispatches the event being built, and an event
 * without data is dropped (as the standard says). Unknown fields and `retry` are ignored.
 * @returns `push(text)` for each chunk and `end()` once the stream closed (an unterminated event is dropped).
 */
export function createSseParser(handlers: SseHandlers): { push(text: string): void; end(): void } {
  let buffer = '';
  let first = true;
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0)
        handlers.onEvent({ event: event || 'message', data: data.join('\n'), ...(id ? { id } : {}) });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return handlers.onComment?.(text.slice(1).trimStart());
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
  };
  return {
    push(text) {
      buffer += text;
      if (first && buffer.length > 0) {
        if (buffer.startsWith('\uFEFF')) buffer = buffer.slice(1);
        first = false;
      }
      // A CR at the very end may be the first half of a CRLF: wait for the next chunk to tell.
      const pattern = /\r\n|\n|\r(?!$)/g;
      let start = 0;
      for (let match = pattern.exec(buffer); match; match = pattern.exec(buffer)) {
        line(buffer.slice(start, match.index));
        start = match.index + match[0].length;
      }
      buffer = buffer.slice(start);
    },
    end() {
      if (buffer.endsWith('\r')) line(buffer.slice(0, -1));
      buffer = '';
    },
  };
}

/**
 * Reads `body` to its end through the parser, decoding UTF-8 across chunk boundaries.
 * @throws whatever the stream's reader throws (network loss, abort)
 */
export async function readSse(body: ReadableStream<Uint8Array>, handlers: SseHandlers): Promise<void> {
  const parser = createSseParser(handlers);
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
    parser.push(decoder.decode());
    parser.end();
  } finally {
    reader.releaseLock();
  }
}
