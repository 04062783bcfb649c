/**
 * The webhook benchmark's receiver (./webhooks.ts): node:http on 127.0.0.1, one path per secret. Each request is
 * verified with the `standardwebhooks` package (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature` over the raw body) before its arrival counts; a delivery that does not verify is answered 400
 * and counted as a failure, never as an arrival.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

import { Webhook } from 'standardwebhooks';

/** A running receiver. Times are `performance.now()` milliseconds of this process. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** Accepts deliveries at `path` (e.g. `/endpoint`), verified with `secret` (`whsec_…`). */
  accept(path: string, secret: string): void;
  /**
   * When the first verified delivery with this `webhook-id` reached `path`.
   * @returns the arrival time, or undefined if none arrived within `timeoutMs`
   */
  arrival(path: string, webhookId: string, timeoutMs: number): Promise<number | undefined>;
  /** Requests that did not verify (unknown path, bad signature or timestamp, missing headers). */
  failures(): number;
  close(): Promise<void>;
}

/**
 * Starts the receiver on a port the kernel picks.
 * @returns the receiver; call `close()` when done
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const verifiers = new Map<string, Webhook>();
  const arrivals = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();
  let failures = 0;

  const record = (path: string, headers: http.IncomingHttpHeaders, body: string): boolean => {
    const verifier = verifiers.get(path);
    try {
      if (!verifier) return false;
      verifier.verify(body, headers as Record<string, string>);
    } catch {
      return false;
    }
    const at = performance.now();
    const key = `${path} ${String(headers['webhook-id'])}`;
    // A repeat (a retry) keeps the first arrival: latency is to the first verified copy.
    if (!arrivals.has(key)) {
      arrivals.set(key, at);
      waiting.get(key)?.(at);
    }
    return true;
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      // The signature covers the exact bytes: verify the raw body, never a re-serialised one.
      const verified = record(request.url ?? '', request.headers, Buffer.concat(chunks).toString('utf8'));
      if (!verified) failures += 1;
      response.writeHead(verified ? 204 : 400).end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    accept: (path, secret) => void verifiers.set(path, new Webhook(secret)),
    arrival(path, webhookId, timeoutMs) {
      const key = `${path} ${webhookId}`;
      const known = arrivals.get(key);
      if (known !== undefined) return Promise.resolve(known);
      return new Promise((resolve) => {
        const timer = setTimeout(() => settle(undefined), timeoutMs);
        function settle(at: number | undefined) {
          clearTimeout(timer);
          waiting.delete(key);
          resolve(at);
        }
        waiting.set(key, settle);
      });
    },
    failures: () => failures,
    close: () => new Promise<void>((closed) => (server.closeAllConnections(), server.close(() => closed()))),
  };
}
