/**
 * `npm run sandbox`: the sandbox alone on node:http (port SANDBOX_PORT, default 4010), for integration tests of
 * your own code. Same handler as the portal's /sandbox mount; paths work with or without the /sandbox prefix.
 * State: SQLite (SANDBOX_DB, default .data/sandbox.db), or PostgreSQL shared by several instances
 * (SANDBOX_DATABASE_URL=postgres://…).
 */
import { startSandboxServer } from '@/lib/sandbox/server';
import { isPostgresUrl } from '@/lib/sandbox/store';

const port = Number(process.env.SANDBOX_PORT ?? 4010);
const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
const database = process.env.SANDBOX_DATABASE_URL ?? process.env.SANDBOX_DB ?? '.data/sandbox.db';
// Never print a connection URL: it may hold a password.
const storage = isPostgresUrl(database) ? 'PostgreSQL (SANDBOX_DATABASE_URL)' : `SQLite ${database}`;

startSandboxServer({ port, host }).then(
  ({ url }) => {
    console.log(`AeThex sandbox listening on ${url} (also under ${url}/sandbox), state in ${storage}`);
    console.log(`Try: curl -s -X POST ${url}/sandbox/apps`);
    // Webhook deliveries go to public addresses, and here to this machine too (lib/sandbox/README.md).
    const loopback = process.env.SANDBOX_WEBHOOK_ALLOW_LOOPBACK !== '0';
    console.log(
      `Webhook endpoints may be public${loopback ? ' or loopback (localhost) addresses; SANDBOX_WEBHOOK_ALLOW_LOOPBACK=0 refuses loopback' : ' addresses only (SANDBOX_WEBHOOK_ALLOW_LOOPBACK=0)'}.`,
    );
  },
  (error: unknown) => {
    console.error(`The sandbox did not start (${storage}): ${(error as Error).message}`);
    process.exit(1);
  },
);
