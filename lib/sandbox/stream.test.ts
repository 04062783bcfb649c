/**
 * Streamed replies against readers that never read (attack finding 4): each path holds at most ~1 MiB for them, then
 * cuts the stream and ends its producer (which frees its slot), on the Fetch mount and on node:http.
 */
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

import { describe, expect, it } from 'vitest';

import { streamBody, writeStream, type StreamSink } from './stream';

const CHUNK = 'x'.repeat(64 * 1024);

/** A producer writing 64 KiB chunks until its sink closes (at most 64 MiB); resolves with the bytes written. */
function flood(written: { bytes: number; ended: boolean }) {
  return async (sink: StreamSink) => {
    let closed = false;
    void sink.closed.then(() => (closed = true));
    for (let i = 0; i < 1024 && !closed; i++) {
      sink.write(CHUNK);
      written.bytes += CHUNK.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.race([sink.closed, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    written.ended = closed;
  };
}

const settle = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('streamed replies', () => {
  it('Fetch: an unread stream is errored past 1 MiB queued, and its producer ends', async () => {
    const written = { bytes: 0, ended: false };
    const body = streamBody(flood(written));
    await settle(() => written.ended);
    // Before: the queue counted chunks, so 64 MiB queued and the producer never heard.
    expect(written.ended).toBe(true);
    expect(written.bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    await expect(body.getReader().read()).rejects.toThrow(/unread/);
  });

  it('node:http: a client that never reads has its connection destroyed (not ended), and the producer ends', async () => {
    const written = { bytes: 0, ended: false };
    let socket: net.Socket | undefined;
    const server = http.createServer((_request, res) => {
      socket = res.socket ?? undefined;
      writeStream(
        { status: 200, headers: { 'Content-Type': 'text/event-stream' }, body: null, stream: flood(written) },
        res,
      );
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const client = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
    client.on('error', () => undefined);
    client.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    client.pause();
    try {
      await settle(() => written.ended && socket?.destroyed === true);
      expect(written.ended).toBe(true);
      // Before: res.end() kept the socket, its megabytes queued, while the slot was given to a new stream.
      expect(socket?.destroyed).toBe(true);
    } finally {
      client.destroy();
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
    }
  });
});
