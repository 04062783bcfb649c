/**
 * Streamed replies (server-sent events): the sink a producer writes to, and the two ways out, a Fetch ReadableStream
 * (the Next mount) and node:http (the standalone server).
 */
import type { Reply, ReplyWriter } from './http';

/** Where a streamed reply writes: text chunks, and a promise settled once the client has gone (or cannot keep up). */
export interface StreamSink {
  write(text: string): void;
  readonly closed: Promise<void>;
}

/** Bytes a slow client may leave unread before its stream is closed (the stream is events, never a download). */
const STREAM_BACKLOG_BYTES = 1024 * 1024;

/** A promise settled by the function returned with it (the sink's `closed`). */
function closing(): { closed: Promise<void>; close: () => void } {
  let close = () => undefined as void;
  const closed = new Promise<void>((resolve) => (close = resolve));
  return { closed, close };
}

/**
 * A producer's output as a ReadableStream of UTF-8 bytes, closed for the producer when the reader cancels it,
 * `signal` aborts or the reader leaves STREAM_BACKLOG_BYTES unread.
 */
export function streamBody(producer: NonNullable<Reply['stream']>, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const { closed, close } = closing();
  signal?.addEventListener('abort', close, { once: true });
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
          if ((controller.desiredSize ?? 0) < -STREAM_BACKLOG_BYTES) close();
        } catch {
          close();
        }
      };
      void producer({ write, closed }).finally(() => {
        close();
        try {
          controller.close();
        } catch {
          // Already cancelled by the reader.
        }
      });
    },
    cancel: close,
  });
}

/** The part of node:http's ServerResponse a streamed reply needs. */
export interface StreamWriter extends ReplyWriter {
  write(chunk: string): boolean;
  readonly writableLength: number;
  flushHeaders(): void;
  once(event: 'close', listener: () => void): unknown;
}

/** Writes a streamed Reply to node:http: headers at once, each chunk as written, the end once the producer is done. */
export function writeStream(reply: Reply, res: StreamWriter): void {
  res.writeHead(reply.status, reply.headers);
  res.flushHeaders();
  const { closed, close } = closing();
  res.once('close', close);
  const write = (text: string) => {
    res.write(text);
    if (res.writableLength > STREAM_BACKLOG_BYTES) close();
  };
  void reply.stream!({ write, closed }).finally(() => {
    close();
    res.end();
  });
}
