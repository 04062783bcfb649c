/**
 * A throwaway API on 127.0.0.1 that answers every request with one large JSON body and the CORS headers the console
 * needs (preflight included): the e2e test and the benchmark use it as the console's custom target.
 */
import { createServer } from 'node:http';

/** A JSON array of project-like records, about `bytes` long (5 MB by default), the same on every call. */
export function largeJson(bytes = 5 * 1024 * 1024): string {
  const items: string[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const item = JSON.stringify({
      id: `prj_${i.toString(36).padStart(8, '0')}`,
      name: `Project ${i}`,
      colour: ['red', 'green', 'blue'][i % 3],
      archived: i % 7 === 0,
      members: i % 50,
      created_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      tags: ['alpha', 'beta'],
    });
    items.push(item);
    size += item.length + 1;
  }
  return `[${items.join(',')}]`;
}

/** A running large-body server: its base URL (`http://127.0.0.1:<port>`) and how to stop it. */
export interface LargeBodyServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the server.
 * @param port a fixed port (the page CSP allows any port on 127.0.0.1)
 * @param body what every GET answers, `largeJson()` by default
 */
export function startLargeBodyServer(port: number, body = largeJson()): Promise<LargeBodyServer> {
  const server = createServer((request, response) => {
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Headers', '*, Authorization');
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
    response.setHeader('Access-Control-Expose-Headers', 'X-Request-ID');
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json', 'X-Request-ID': 'req_large_body' }).end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    );
  });
}
