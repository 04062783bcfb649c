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

/**
 * The most one line, and one event's data, may take: 1 MiB of UTF-8. The sandbox's largest event (a delivery with
 * its attempts' 1 KiB excerpts) is far below it; a --base-url that streams more is broken or hostile, and without a
 * cap one endless line would hold all of it in memory.
 */
export const MAX_SSE_BYTES = 1024 * 1024;

/** The stream broke a size limit; `readEventStream` ends the connection and rejects with it. */
export class SseLimitError extends Error {}

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * A push parser: feed it text chunks; events come out through `onEvent`. Each chunk is scanned once (the start of
 * an unfinished line is kept as pieces and joined when its end arrives), so a long line costs linear time: rescanning
 * the whole buffer per chunk took 59 s of CPU for one 40 MiB line.
 */
export class SseParser {
  private pending: string[] = [];
  private pendingBytes = 0;
  private skipLf = false;
  private started = false;
  private event = '';
  private data: string[] = [];
  private dataBytes = 0;
  private id: string | undefined;

  /** @param onEvent called once per dispatched event, in order */
  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  /**
   * Parses `chunk` (decoded text, any split); complete lines are interpreted at once, the rest is kept.
   * @throws SseLimitError when a line or an event's data grows past MAX_SSE_BYTES (the parser is then unusable)
   */
  feed(chunk: string): void {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    if (text.length === 0) return;
    if (this.skipLf && text.startsWith('\n')) text = text.slice(1);
    this.skipLf = false;
    let start = 0;
    for (let index = 0; index < text.length; index += 1) {
      const char = text.charCodeAt(index);
      if (char !== 0x0a && char !== 0x0d) continue;
      this.line(this.take(text.slice(start, index)));
      if (char === 0x0d) {
        if (index + 1 === text.length) this.skipLf = true;
        else if (text.charCodeAt(index + 1) === 0x0a) index += 1;
      }
      start = index + 1;
    }
    if (start < text.length) this.hold(text.slice(start));
  }

  /** Keeps the start of an unfinished line. */
  private hold(piece: string): void {
    this.pendingBytes += utf8Bytes(piece);
    if (this.pendingBytes > MAX_SSE_BYTES) {
      throw new SseLimitError(
        `the inbox stream sent a line of more than 1 MiB (${MAX_SSE_BYTES.toLocaleString('en')} bytes); ` +
          'the sandbox never does, so the connection was ended',
      );
    }
    this.pending.push(piece);
  }

  /** The whole line whose last piece is `last`. */
  private take(last: string): string {
    if (this.pending.length === 0) return last;
    this.hold(last);
    const line = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    return line;
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
    else if (field === 'data') this.addData(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    // `retry` and unknown fields are ignored: sandbox:listen keeps its own reconnection backoff.
  }

  /** One `data` line; the LF that joins it to the next counts too (a flood of empty `data` lines is no cheaper). */
  private addData(value: string): void {
    this.dataBytes += utf8Bytes(value) + 1;
    if (this.dataBytes > MAX_SSE_BYTES + 1) {
      throw new SseLimitError(
        `the inbox stream sent an event of more than 1 MiB (${MAX_SSE_BYTES.toLocaleString('en')} bytes of data); ` +
          'the sandbox never does, so the connection was ended',
      );
    }
    this.data.push(value);
  }

  private dispatch(): void {
    const { event, data, id } = this;
    this.event = '';
    this.data = [];
    this.dataBytes = 0;
    if (data.length === 0) return;
    this.onEvent({ event: event || 'message', data: data.join('\n'), ...(id !== undefined ? { id } : {}) });
  }
}

/**
 * Reads a `text/event-stream` body to its end, calling `onEvent` for each event.
 * @param body the response body (bytes, any chunking)
 * @returns when the stream ends (an event not closed by a blank line is dropped, as the standard says)
 * @throws what reading the body throws (connection lost, aborted); SseLimitError (in words) after cancelling the
 *   body, which ends the connection, when a line or an event passes MAX_SSE_BYTES
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
  } catch (error) {
    if (error instanceof SseLimitError) await reader.cancel(error.message).catch(() => undefined);
    throw error;
  } finally {
    reader.releaseLock();
  }
}
