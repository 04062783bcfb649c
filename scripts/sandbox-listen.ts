/**
 * `npm run sandbox:listen -- --forward-to http://localhost:4242/webhooks [--base-url <sandbox>]`: forwards a sandbox
 * app's webhook deliveries to a receiver on this machine and reports its answers (lib/sandbox/listen.ts).
 * Ctrl-C (SIGINT) or SIGTERM stops it with exit code 0; a usage or credential error exits 2, a refused credential 1.
 */
import { listen, ListenFatalError } from '@/lib/sandbox/listen';
import { printable } from '@/lib/sandbox/listen-print';
import { LISTEN_USAGE, listenAuth, ListenUsageError, parseListenArgs } from '@/lib/sandbox/listen-setup';

async function main(): Promise<number> {
  const print = (line: string) => console.log(line);
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  try {
    const options = parseListenArgs(process.argv.slice(2), process.env);
    if (options.help) return (print(LISTEN_USAGE), 0);
    const auth = await listenAuth(options.baseUrl, process.env, print);
    print(`Connecting to ${options.baseUrl}/webhooks/inbox …`);
    await listen({ baseUrl: options.baseUrl, forwardTo: options.forwardTo, print, signal: stop.signal }, auth);
    print('Stopped.');
    return 0;
  } catch (error) {
    if (error instanceof ListenUsageError) {
      // Messages may quote the sandbox's answers (a problem's detail): no control characters reach the terminal.
      console.error(`sandbox:listen: ${printable(error.message)}\n\n${LISTEN_USAGE}`);
      return 2;
    }
    if (error instanceof ListenFatalError) {
      console.error(`sandbox:listen: ${printable(error.message)}`);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`sandbox:listen failed: ${printable((error as Error).message)}`);
    process.exit(1);
  },
);
