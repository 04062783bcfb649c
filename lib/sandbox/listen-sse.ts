/**
 * A server-sent events reader for `npm run sandbox:listen` (HTML Living Standard §9.2.6, "Interpreting an event
 * stream"): UTF-8 decoded across chunk boundaries, lines ended by CRLF, LF or CR (a CR at the end of one chunk and
 * the LF starting the next are one line end), a leading BOM dropped, comments (`:`) ignored, `data` lines joined with
 * LF, one space after the colon dropped, an event dispatched at a blank line unless it has no data.
 */

/** One dispatched event. `event` defaults to "message". */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** A push parser: feed it text chunks; events come out through `onEvent`. */
export class SseParser {
  private buffer = '';
  private skipLf = false;
  private started = false;
  private event = '';
  private data: string[] = [];
  private id: string | undefined;

  /** @param onEvent called once per dispatched event, in order */
  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  /** Parses `chunk` (decoded text, any split); complete lines are interpreted at once, the rest is kept. */
  feed(chunk: string): void {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    if (text.length === 0) return;
    if (this.skipLf && text.startsWith('\n')) text = text.slice(1);
    this.skipLf = false;
    this.buffer += text;
    let start = 0;
    for (let index = 0; index < this.buffer.length; index += 1) {
      const char = this.buffer[index];
      if (char !== '\n' && char !== '\r') continue;
      this.line(this.buffer.slice(start, index));
      if (char === '\r') {
        if (index + 1 === this.buffer.length) this.skipLf = true;
        else if (this.buffer[index + 1] === '\n') index += 1;
      }
      start = index + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  /** One line of the stream. */
  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    // `retry` and unknown fields are ignored: sandbox:listen keeps its own reconnection backoff.
  }

  private dispatch(): void {
    const { event, data, id } = this;
    this.event = '';
    this.data = [];
    if (data.length === 0) return;
    this.onEvent({ event: event || 'message', data: data.join('\n'), ...(id !== undefined ? { id } : {}) });
  }
}

/**
 * Reads a `text/event-stream` body to its end, calling `onEvent` for each event.
 * @param body the response body (bytes, any chunking)
 * @returns when the stream ends (an event not closed by a blank line is dropped, as the standard says)
 * @throws what reading the body throws (connection lost, aborted)
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
): Promise<void> {
  const parser = new SseParser(onEvent);
  const decoder = new TextDecoder('utf-8');
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
  } finally {
    reader.releaseLock();
  }
}
