import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

import { createSandbox, type Sandbox, type SandboxOptions } from './handler';
import { bareContext, commonHeaders, problem, writeReply, type Reply } from './http';
import { writeStream } from './stream';

/** Converts a node:http request to a Fetch Request (body streamed, so the 1 MiB limit stops reading early). */
function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(`${origin}${req.url ?? '/'}`, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

/**
 * The Fetch Request of a node:http request, with the Host header's origin, else (a Host such as `a:b` is not a URL
 * authority) the server's own origin; undefined when neither makes a Request (e.g. a header value Fetch refuses).
 */
function requestOf(req: IncomingMessage, origin: string, fallback: string): Request | undefined {
  for (const base of [origin, fallback]) {
    try {
      return toRequest(req, base);
    } catch {
      // Try the next base; a request that makes no Fetch Request at all gets a 400 (unreadable).
    }
  }
  return undefined;
}

/** The 400 problem for a request that cannot be turned into a Fetch Request. */
function unreadable(req: IncomingMessage): Reply {
  const ctx = bareContext((req.url ?? '/').slice(0, 2048));
  const reply = problem(
    ctx,
    400,
    'The request line or a header is not valid for HTTP (RFC 9110); check the Host header and header values.',
  );
  commonHeaders(ctx, reply.headers);
  return reply;
}

/**
 * Serves a sandbox on node:http. Routes with and without the `/sandbox` prefix both work (basePath ''). Each request
 * goes through `sandbox.reply`, written out without a Fetch Response (scripts/run-samples.ts wraps it to record every
 * answer). Why not `handle`: building and reading back a Response cost about 120 µs of a 370 µs request on the
 * bench machine.
 * @returns the server, its base URL (`http://host:port`) and the sandbox; `close()` stops both.
 * @throws Error (rejects) when the database cannot be opened or the port cannot be bound.
 */
export async function startSandboxServer(
  options: { port?: number; host?: string } & SandboxOptions = {},
): Promise<{ server: Server; url: string; sandbox: Sandbox; close(): Promise<void> }> {
  const { port = 4010, host = '127.0.0.1', ...sandboxOptions } = options;
  const sandbox = createSandbox({ basePath: '', ...sandboxOptions });
  try {
    await sandbox.ready;
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  const own = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? ''}`;
    const request = requestOf(req, /^[A-Za-z0-9.:[\]-]+$/.test(origin.slice(7)) ? origin : own, own);
    if (!request) {
      writeReply(unreadable(req), res);
      return;
    }
    const info = { remoteAddress: req.socket.remoteAddress };
    sandbox
      .reply(request, info)
      .then((reply) => (reply.stream ? writeStream(reply, res) : writeReply(reply, res)))
      .catch(() => {
        res.statusCode = 500;
        res.end();
      });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  return {
    server,
    url,
    sandbox,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          void sandbox.close().then(resolve, resolve);
        });
      }),
  };
}
