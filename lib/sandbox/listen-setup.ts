/**
 * Options and credentials of `npm run sandbox:listen` (listen.ts does the forwarding). Credentials come from the
 * environment only, never the command line (which other users of the machine can read in the process list).
 */
import { parseArgs } from 'node:util';

import { clientCredentialsToken, describeOAuthError, type OAuthPaths } from '@/lib/console/oauth';
import { createSandboxSession } from '@/lib/console/sandbox-app';
import { apiModel } from '@/lib/openapi';

import { ListenFatalError, type ListenAuth } from './listen';
import { printable } from './listen-print';
import { webhookUrlError } from './outbound';

/** What `--help` and a usage error print. */
export const LISTEN_USAGE = `Usage: npm run sandbox:listen -- --forward-to <url> [--base-url <sandbox base URL>]

Forwards the webhook deliveries of a sandbox app to a receiver on this machine, signed as sent.
  --forward-to  your receiver, e.g. http://localhost:4242/webhooks (required)
  --base-url    the sandbox, default AETHEX_BASE_URL or http://localhost:3000/sandbox
                (the standalone sandbox, npm run sandbox: http://localhost:4010)
Credentials, from the environment only:
  AETHEX_TOKEN                          the app's personal access token (pat_…) or an access token
  AETHEX_CLIENT_ID, AETHEX_CLIENT_SECRET the app's client (client credentials grant)
  none                                  a new sandbox app is created and its credentials printed`;

/** A command line or environment that cannot work; the script prints it with the usage and exits 2. */
export class ListenUsageError extends Error {}

/** Parsed options. */
export interface ListenOptions {
  forwardTo: string;
  /** Without a trailing slash. */
  baseUrl: string;
  help: boolean;
}

/**
 * Reads the command line (node:util parseArgs, strict: unknown options are errors).
 * @param argv the arguments after the script, e.g. `['--forward-to', 'http://localhost:4242/webhooks']`
 * @param env for AETHEX_BASE_URL
 * @throws ListenUsageError naming the option at fault
 */
export function parseListenArgs(argv: string[], env: Record<string, string | undefined>): ListenOptions {
  let values: { 'forward-to'?: string; 'base-url'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'forward-to': { type: 'string' }, 'base-url': { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ListenUsageError((error as Error).message);
  }
  if (values.help) return { forwardTo: '', baseUrl: '', help: true };
  const forwardTo = values['forward-to'];
  if (!forwardTo) throw new ListenUsageError('--forward-to is required: the URL of your receiver');
  const forwardError = webhookUrlError(forwardTo);
  if (forwardError) throw new ListenUsageError(`--forward-to ${forwardError}`);
  const baseUrl = values['base-url'] ?? env.AETHEX_BASE_URL ?? 'http://localhost:3000/sandbox';
  const baseError = webhookUrlError(baseUrl);
  if (baseError) throw new ListenUsageError(`--base-url ${baseError}`);
  return { forwardTo, baseUrl: baseUrl.replace(/\/+$/, ''), help: false };
}

/** The token and authorization endpoints of the document, used when the sandbox publishes no metadata. */
function oauthPaths(): OAuthPaths {
  const { oauth } = apiModel();
  return { token: oauth?.tokenPath ?? '/v1/auth/token', authorize: oauth?.authorizationPath ?? '/oauth/authorize' };
}

/** A client-credentials token for the inbox (scope `sandbox:manage` only), fetched again on demand. */
function clientAuth(baseUrl: string, clientId: string, clientSecret: string): ListenAuth {
  let current: Promise<string> | undefined;
  const renew = () => {
    current = clientCredentialsToken(baseUrl, oauthPaths(), { clientId, clientSecret, scopes: ['sandbox:manage'] })
      .then((record) => record.accessToken)
      .catch(async (error: unknown) => {
        current = undefined;
        // A network failure is retried by the loop; an answer refusing the client is not going to change.
        if (error instanceof TypeError) throw error;
        throw new ListenFatalError(`AETHEX_CLIENT_ID/AETHEX_CLIENT_SECRET: ${await describeOAuthError(error)}`);
      });
    return current;
  };
  return { bearer: () => current ?? renew(), renew };
}

/**
 * The credential sandbox:listen uses: AETHEX_TOKEN, else AETHEX_CLIENT_ID + AETHEX_CLIENT_SECRET, else a new sandbox
 * app (POST /apps through the console's createSandboxSession), whose tenant ID, personal access token and webhook
 * secret are printed (the only secrets it ever prints: they were just made for this user).
 * @returns the auth, when the app was created after printing its credentials
 * @throws ListenUsageError when only one of the client variables is set, or the app could not be created
 */
export async function listenAuth(
  baseUrl: string,
  env: Record<string, string | undefined>,
  print: (line: string) => void,
): Promise<ListenAuth> {
  const token = env.AETHEX_TOKEN?.trim();
  if (token) return { bearer: async () => token };
  const clientId = env.AETHEX_CLIENT_ID?.trim();
  const clientSecret = env.AETHEX_CLIENT_SECRET?.trim();
  if (clientId && clientSecret) return clientAuth(baseUrl, clientId, clientSecret);
  if (clientId || clientSecret) throw new ListenUsageError('set both AETHEX_CLIENT_ID and AETHEX_CLIENT_SECRET');
  let app;
  try {
    ({ app } = await createSandboxSession(baseUrl, oauthPaths(), 'sandbox:listen'));
  } catch (error) {
    throw new ListenUsageError(
      `no credentials given, and creating a sandbox app at ${baseUrl} failed: ${(error as Error).message}`,
    );
  }
  // Every field came from --base-url, which may be hostile: no control characters reach the terminal.
  const say = (line: string) => print(printable(line));
  say(`Created sandbox app ${app.tenant_id} (until ${app.expires_at}):`);
  say(`  personal access token  ${app.personal_access_token}`);
  say(`  webhook secret         ${app.webhook_secret}`);
  say(`Start your receiver with AETHEX_WEBHOOK_SECRET=${app.webhook_secret}`);
  say(`Next time, listen as this app with AETHEX_TOKEN=${app.personal_access_token}`);
  // The personal access token lives as long as the app; the access token made with it would expire in an hour.
  return { bearer: async () => app.personal_access_token };
}
