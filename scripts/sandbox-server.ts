/**
 * `npm run sandbox`: the sandbox alone on node:http (port SANDBOX_PORT, default 4010), for integration tests of
 * your own code. Same handler as the portal's /sandbox mount; paths work with or without the /sandbox prefix.
 */
import { startSandboxServer } from '@/lib/sandbox/server';

const port = Number(process.env.SANDBOX_PORT ?? 4010);
const host = process.env.SANDBOX_HOST ?? '127.0.0.1';

startSandboxServer({ port, host }).then(({ url }) => {
  console.log(`AeThex sandbox listening on ${url} (also under ${url}/sandbox)`);
  console.log(`Try: curl -s -X POST ${url}/sandbox/apps`);
});
