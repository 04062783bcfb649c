/**
 * The two commands of the webhook loop, in ONE place for the guide, every event page and the console's Webhooks
 * panel: forward an app's deliveries to a receiver on your machine (`npm run sandbox:listen`, scripts/
 * sandbox-listen.ts) and trigger an event (`POST /webhooks/emit`, a sandbox-only route). Browser-safe.
 * With `token` they run as pasted; without it they read `AETHEX_TOKEN` from the environment, and say what it is
 * (the sandbox app's personal access token) and how to export it.
 */
import { shellSingle } from './quote';

/** Where the local receiver listens: the guide's receivers answer `POST /webhooks` on `PORT`. */
export const LOCAL_RECEIVER = 'http://localhost:4242/webhooks';

/** The titles of the two commands wherever they are shown as blocks (guides, event pages, Markdown twins). */
export const LOOP_TITLES = {
  listen: 'Forward deliveries to your machine (in a clone of the portal)',
  trigger: (event: string) => `Trigger ${event}`,
} as const;

/** The sandbox base URL (e.g. `https://portal.example/sandbox`) and, optionally, a token written in literally. */
export interface LoopOptions {
  readonly baseUrl: string;
  readonly token?: string;
}

const trim = (url: string) => url.replace(/\/+$/, '');

/** What AETHEX_TOKEN is and how to set it, above a command that reads it. */
const EXPORT_NOTE = "# AETHEX_TOKEN is your sandbox app’s personal access token (pat_…): export AETHEX_TOKEN='pat_…'";

/**
 * `npm run sandbox:listen -- --forward-to http://localhost:4242/webhooks` with the base URL (and token) as
 * environment variables, never as arguments (the CLI reads credentials only from the environment).
 */
export function listenCommand(o: LoopOptions): string {
  const env = [
    `AETHEX_BASE_URL=${shellSingle(trim(o.baseUrl))}`,
    ...(o.token ? [`AETHEX_TOKEN=${shellSingle(o.token)}`] : []),
  ];
  const note = o.token
    ? '# Forwards your sandbox app’s deliveries to port 4242 until Ctrl-C.'
    : `${EXPORT_NOTE}\n# Without it, sandbox:listen creates an app and prints its credentials (webhook secret included).`;
  return `${note}\n${env.join(' ')} \\\n  npm run sandbox:listen -- --forward-to ${LOCAL_RECEIVER}\n`;
}

/** `curl` that triggers `event` for the app: `POST <base>/webhooks/emit` with `{"event": …}`. */
export function triggerCommand(event: string, o: LoopOptions): string {
  const auth = o.token ? shellSingle(`Authorization: Bearer ${o.token}`) : '"Authorization: Bearer $AETHEX_TOKEN"';
  return `${o.token ? '' : `${EXPORT_NOTE}\n`}curl -sS -X POST ${shellSingle(`${trim(o.baseUrl)}/webhooks/emit`)} \\
  -H ${auth} \\
  -H 'Content-Type: application/json' \\
  -d ${shellSingle(JSON.stringify({ event }))}
`;
}
