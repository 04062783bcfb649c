/**
 * The tab's sandbox credentials, shared by every page: the sandbox app (tenant) the reader created and the sandbox
 * access token obtained with its client. Kept in sessionStorage (this tab only, gone when it closes) so a reload or
 * another page keeps them; samples across the site fill them in. Only sandbox credentials may live here: production
 * tokens and authorization-code tokens stay in the console's memory (see content/sandbox.mdx, "Where credentials live").
 * Browser-safe; without `window` every read yields nothing.
 */
import type { TokenRecord } from './console/oauth';

/** A sandbox app as `POST /sandbox/apps` returns it (lib/sandbox/README.md), plus the base URL it was created on. */
export interface SandboxApp {
  readonly tenant_id: string;
  readonly name: string;
  readonly client_id: string;
  readonly client_secret: string;
  readonly personal_access_token: string;
  readonly webhook_secret: string;
  readonly scopes: readonly string[];
  readonly rate_limit: { readonly limit: number; readonly window_seconds: number };
  /** RFC 3339 instant the sandbox purges the app. */
  readonly expires_at: string;
  /** Base URL the app was created on, e.g. `http://localhost:3000/sandbox`. */
  readonly baseUrl: string;
}

/** What the tab keeps: the app and, when it has one, a client-credentials token of that app's client. */
export interface SandboxSession {
  readonly app: SandboxApp;
  readonly token?: TokenRecord;
}

/** sessionStorage key of the session. */
export const SANDBOX_SESSION_KEY = 'aethex:sandbox-session';

/** sessionStorage key set to `1` while the reader asked samples to show placeholders despite an app. */
export const PLACEHOLDERS_KEY = 'aethex:sample-placeholders';

/** Event dispatched on `window` when this tab changes the session or the placeholder choice. */
const CHANGE_EVENT = 'aethex:sandbox-session-change';

/** Characters every filled value must be made of: what the sandbox issues. Anything else is never filled in. */
const SAFE_VALUE = /^[A-Za-z0-9_.~:/-]+$/;

/** The webhook secret is `whsec_` + standard base64 (lib/sandbox/apps.ts), so it may also hold `+` and `=`. */
const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

const isString = (value: unknown): value is string => typeof value === 'string';

/** True when `token` is a client-credentials token of `app`'s client at `app`'s base URL: the only token kept. */
export function isSandboxToken(app: SandboxApp, token: TokenRecord): boolean {
  return token.grant === 'client_credentials' && token.clientId === app.client_id && token.baseUrl === app.baseUrl;
}

/** The stored session when well-formed (every secret of the app in the sandbox's character set), else undefined. */
export function parseSandboxSession(raw: string | null): SandboxSession | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as { app?: Partial<SandboxApp>; token?: Partial<TokenRecord> };
    const app = value.app;
    if (!app) return undefined;
    const fields = [app.tenant_id, app.client_id, app.client_secret, app.personal_access_token];
    if (!fields.every((field) => isString(field) && SAFE_VALUE.test(field))) return undefined;
    if (!isString(app.webhook_secret) || !WEBHOOK_SECRET.test(app.webhook_secret)) return undefined;
    if (!isString(app.baseUrl) || !/^https?:\/\//.test(app.baseUrl) || !SAFE_VALUE.test(app.baseUrl)) return undefined;
    const token = value.token as TokenRecord | undefined;
    const keep =
      token &&
      isString(token.accessToken) &&
      SAFE_VALUE.test(token.accessToken) &&
      isSandboxToken(app as SandboxApp, token);
    return { app: app as SandboxApp, ...(keep ? { token } : {}) };
  } catch {
    return undefined;
  }
}

function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.sessionStorage;
  } catch {
    return undefined; // storage disabled: nothing persists, nothing breaks
  }
}

let cachedRaw: string | null | undefined;
let cached: SandboxSession | undefined;

/** The tab's session (parsed once per stored value, so React sees a stable object). */
export function readSandboxSession(): SandboxSession | undefined {
  const raw = storage()?.getItem(SANDBOX_SESSION_KEY) ?? null;
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cached = parseSandboxSession(raw);
  }
  return cached;
}

/**
 * Stores `session` for this tab (undefined forgets it), dropping a token that is not the app's sandbox token.
 * Storage errors (quota, disabled) are ignored: credentials then live only as long as the page.
 */
export function writeSandboxSession(session: SandboxSession | undefined): void {
  const store = storage();
  if (!store) return;
  try {
    if (!session) store.removeItem(SANDBOX_SESSION_KEY);
    else {
      const token = session.token && isSandboxToken(session.app, session.token) ? session.token : undefined;
      store.setItem(SANDBOX_SESSION_KEY, JSON.stringify({ app: session.app, ...(token ? { token } : {}) }));
    }
  } catch {
    // See above.
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** True while the reader chose placeholders in samples although the tab has an app. */
export function readPlaceholderChoice(): boolean {
  return storage()?.getItem(PLACEHOLDERS_KEY) === '1';
}

/** Records the reader's choice between placeholders and the app's credentials in samples. */
export function writePlaceholderChoice(placeholders: boolean): void {
  try {
    if (placeholders) storage()?.setItem(PLACEHOLDERS_KEY, '1');
    else storage()?.removeItem(PLACEHOLDERS_KEY);
  } catch {
    // See writeSandboxSession.
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** Calls `listener` when the session or the placeholder choice changes in this tab. @returns the unsubscribe function. */
export function subscribeSandboxSession(listener: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, listener);
  return () => window.removeEventListener(CHANGE_EVENT, listener);
}

/** The values a sample fills in for the tab's app (every one in the sandbox's character set; the webhook secret base64). */
export interface SampleFill {
  readonly baseUrl: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The app's personal access token: it lives as long as the app, unlike an access token (3,600 s). */
  readonly token: string;
  readonly webhookSecret: string;
}

/** The fill values of `session`, or undefined without a session. */
export function sampleFillFor(session: SandboxSession | undefined): SampleFill | undefined {
  if (!session) return undefined;
  const { app } = session;
  return {
    baseUrl: app.baseUrl.replace(/\/+$/, ''),
    tenantId: app.tenant_id,
    clientId: app.client_id,
    clientSecret: app.client_secret,
    token: app.personal_access_token,
    webhookSecret: app.webhook_secret,
  };
}
