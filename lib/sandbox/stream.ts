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

/** Why a stream was cut: its reader left more than STREAM_BACKLOG_BYTES unread. */
const overflow = () => new Error(`the reader left more than ${STREAM_BACKLOG_BYTES} bytes unread; reconnect`);

/**
 * A producer's output as a ReadableStream of UTF-8 bytes, closed for the producer when the reader cancels it,
 * `signal` aborts or the reader leaves STREAM_BACKLOG_BYTES unread. The queue counts bytes (a
 * ByteLengthQueuingStrategy; the default counts chunks, so a byte limit never tripped and an unread stream queued
 * ~50 MB); on overflow the stream is errored, which drops its queue, and the producer ends (freeing its slot).
 */
export function streamBody(producer: NonNullable<Reply['stream']>, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const { closed, close } = closing();
  signal?.addEventListener('abort', close, { once: true });
  const encoder = new TextEncoder();
  let done = false;
  void closed.then(() => (done = true));
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const write = (text: string) => {
          if (done) return;
          try {
            controller.enqueue(encoder.encode(text));
            if ((controller.desiredSize ?? 0) < 0) {
              done = true;
              controller.error(overflow());
              close();
            }
          } catch {
            close();
          }
        };
        void producer({ write, closed }).finally(() => {
          close();
          try {
            controller.close();
          } catch {
            // Already cancelled by the reader, or errored above.
          }
        });
      },
      cancel: close,
    },
    new ByteLengthQueuingStrategy({ highWaterMark: STREAM_BACKLOG_BYTES }),
  );
}

/** The part of node:http's ServerResponse a streamed reply needs. */
export interface StreamWriter extends ReplyWriter {
  write(chunk: string): boolean;
  readonly writableLength: number;
  flushHeaders(): void;
  destroy(): unknown;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * Writes a streamed Reply to node:http: headers at once, each chunk as written, the end once the producer is done.
 * A client that leaves more than STREAM_BACKLOG_BYTES unread has its connection destroyed, not ended: end() would
 * keep the socket and its buffers alive after the slot was freed, so never-reading clients piled up past the cap.
 */
export function writeStream(reply: Reply, res: StreamWriter): void {
  res.writeHead(reply.status, reply.headers);
  res.flushHeaders();
  const { closed, close } = closing();
  res.once('close', close);
  let done = false;
  void closed.then(() => (done = true));
  const write = (text: string) => {
    if (done) return;
    res.write(text);
    if (res.writableLength > STREAM_BACKLOG_BYTES) {
      done = true;
      res.destroy();
      close();
    }
  };
  void reply.stream!({ write, closed }).finally(() => {
    close();
    res.end();
  });
}
