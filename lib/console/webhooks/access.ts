/**
 * Which sandbox and credential the Webhooks panel uses. The webhook routes are sandbox-only and act on one sandbox
 * app: the tab's app at the app's own sandbox (its personal access token, which holds `sandbox:manage`), else a token
 * issued by the current target's sandbox. A credential goes only to the server that issued it (RFC 6750 §5.2), and a
 * production target has no webhook routes at all.
 */
import type { ConsoleState } from '../store';
import { hasSandboxTools } from '../target';

/** Where the panel's calls go and with what; `listenSecret` signs the app's listen copies (its `webhook_secret`). */
export type WebhookAccess =
  | { readonly ok: true; readonly base: string; readonly bearer: string; readonly listenSecret?: string }
  | { readonly ok: false; readonly reason: string };

/**
 * The panel's access for `state`, given the current target's base URL.
 * @param base the target's base URL without a trailing slash, undefined when the custom URL is unfinished
 */
export function webhookAccess(state: ConsoleState, base: string | undefined): WebhookAccess {
  if (!hasSandboxTools(state.target))
    return { ok: false, reason: 'Webhook delivery is a sandbox feature: choose the sandbox as the target.' };
  const { app, token } = state;
  if (app && app.baseUrl === base)
    return { ok: true, base, bearer: app.personal_access_token, listenSecret: app.webhook_secret };
  if (token && base && token.baseUrl === base) return { ok: true, base, bearer: token.accessToken };
  return {
    ok: false,
    reason: 'Create a sandbox app first (Authorization, above): endpoints, deliveries and the inbox belong to one app.',
  };
}
