/**
 * What the console's buttons do: send the chosen operation, create a sandbox app, get tokens, drive the
 * sandbox-only controls. Browser side effects (fetch, sessionStorage) live here so components stay
 * small; every step reports into the store.
 */
import { isSandboxToken, writeSandboxSession, type SandboxSession } from '../sandbox-session';
import { PATHS } from '../urls';
import { errorHint } from './errors';
import { headerValue } from './headers';
import { addToHistory, saveHistory } from './history';
import { clientCredentialsToken, describeOAuthError, startAuthorization, type TokenRecord } from './oauth';
import { buildRequest, initialValues, missingParams, type FormValues } from './request';
import { checkBody } from './schema';
import { fetchWithoutCredentials, sendRequest } from './send';
import type { ConsoleState, Store } from './store';
import { baseUrlFor } from './target';
import type { ConsoleData, ConsoleOperation } from './types';

type ConsoleStore = Store<ConsoleState>;

/** The target's base URL for the current state (see `baseUrlFor`). @throws TypeError for an invalid custom URL. */
export function currentBaseUrl(state: ConsoleState, data: ConsoleData): string {
  return baseUrlFor(state.target, state.customUrl, data.servers, window.location.origin);
}

/** RFC 6749 §2.3.1: id and secret form-urlencoded, joined by ':', base64. */
function basicCredentials(clientId: string, clientSecret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${btoa(`${encode(clientId)}:${encode(clientSecret)}`)}`;
}

/**
 * The Authorization value for `operation` sent to `baseUrl`: Basic from the sandbox app (when there is one, created
 * there) for client authentication, the bearer token (when there is one, issued there) for bearer operations, nothing
 * for `none`. A credential is bound to the server that issued it (RFC 6750 §5.2: a token must not reach another
 * resource server), so after a change of target the console sends none rather than leak or misuse it.
 */
export function authorizationFor(
  state: ConsoleState,
  operation: ConsoleOperation,
  baseUrl: string,
): string | undefined {
  switch (operation.auth) {
    case 'client-basic':
      return state.app?.baseUrl === baseUrl
        ? basicCredentials(state.app.client_id, state.app.client_secret)
        : undefined;
    case 'bearer':
      return state.token?.baseUrl === baseUrl ? `Bearer ${state.token.accessToken}` : undefined;
    case 'none':
      return undefined;
  }
}

/** The operation the console shows, or the first one. */
export function selectedOperation(state: ConsoleState, data: ConsoleData): ConsoleOperation {
  return data.operations.find((op) => op.operationId === state.operationId) ?? (data.operations[0] as ConsoleOperation);
}

/** Form values of an operation (typed ones, else the document's initial values). */
export function valuesOf(state: ConsoleState, operation: ConsoleOperation): FormValues {
  return state.values[operation.operationId] ?? initialValues(operation);
}

function notify(store: ConsoleStore, kind: 'info' | 'error', text: string) {
  store.setState((s) => ({ ...s, notice: { kind, text } }));
}

/**
 * Sends the selected operation with its form values (or `override`), after checking required
 * parameters and, for JSON bodies, the schema (unless `skipCheck`). Records result and history.
 */
export async function sendSelected(
  store: ConsoleStore,
  data: ConsoleData,
  options: { override?: FormValues; skipCheck?: boolean } = {},
) {
  const state = store.getState();
  const operation = selectedOperation(state, data);
  const values = options.override ?? valuesOf(state, operation);
  if (options.override) store.setState((s) => ({ ...s, values: { ...s.values, [operation.operationId]: values } }));
  const missing = missingParams(operation, values);
  if (missing.length > 0)
    return notify(
      store,
      'error',
      `Fill in the required parameter${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
    );
  if (operation.body?.mediaType === 'application/json' && !options.skipCheck && values.body.trim() !== '') {
    const problems = await checkBody(values.body, operation.body.schema);
    store.setState((s) => ({ ...s, bodyProblems: problems }));
    if (problems.length > 0)
      return notify(
        store,
        'error',
        'The body does not match the schema: fix the fields listed under the editor, or send anyway.',
      );
  }
  let request;
  try {
    const baseUrl = currentBaseUrl(state, data);
    request = buildRequest(operation, values, {
      baseUrl,
      environmentHeader: data.environmentHeader,
      environment: state.environment,
      authorization: authorizationFor(state, operation, baseUrl),
    });
  } catch (error) {
    return notify(store, 'error', `Cannot build the request: ${(error as Error).message}`);
  }
  store.setState((s) => ({ ...s, sending: true, bodyProblems: [], notice: undefined }));
  const result = await sendRequest(request, {
    fetch: window.fetch.bind(window),
    now: () => performance.now(),
    pageOrigin: window.location.origin,
    online: navigator.onLine,
  });
  const response = result.ok ? result.response : undefined;
  const requestId = response ? headerValue(response.headers, 'X-Request-ID') : undefined;
  const history = addToHistory(store.getState().history, {
    id: crypto.randomUUID(),
    at: Date.now(),
    operationId: operation.operationId,
    method: request.method,
    path: request.path + (request.query.length ? `?${new URLSearchParams(request.query.map(([k, v]) => [k, v]))}` : ''),
    status: response?.status ?? null,
    ...(requestId ? { requestId } : {}),
    ...(response ? { durationMs: response.durationMs } : {}),
    values,
  });
  saveHistory(window.sessionStorage, history);
  const hint = response ? errorHint(response.status, data.errors) : undefined;
  store.setState((s) => ({
    ...s,
    sending: false,
    history,
    result: {
      operationId: operation.operationId,
      request,
      ...(result.ok ? { response: result.response } : { failure: result.failure }),
    },
    notice: response
      ? {
          kind: response.status >= 400 ? 'error' : 'info',
          text: `${request.method} ${request.path}: ${response.status}${hint ? ` ${hint.label}` : ''}`,
        }
      : { kind: 'error', text: result.ok ? '' : result.failure.title },
  }));
}

async function sandboxCall(
  store: ConsoleStore,
  data: ConsoleData,
  path: string,
  method: string,
  body: unknown,
  bearer?: string,
) {
  const base = currentBaseUrl(store.getState(), data);
  const response = await fetchWithoutCredentials(fetch)(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(
      `${response.status}: ${String(json.detail ?? json.error_description ?? json.title ?? 'request failed')}`,
    );
  return json;
}

/**
 * One click to authorised: creates a sandbox app (tenant) on the current target, obtains a client-credentials token
 * with every scope and makes it the active credential; both go to the tab's sandbox session (sessionStorage).
 */
export async function createSandboxApp(store: ConsoleStore, data: ConsoleData): Promise<void> {
  try {
    const { createSandboxSession } = await import('./sandbox-app');
    const session = await createSandboxSession(currentBaseUrl(store.getState(), data), data.oauthPaths);
    writeSandboxSession(session);
    store.setState((s) => ({
      ...s,
      app: session.app,
      token: session.token,
      notice: {
        kind: 'info',
        text: `Sandbox app ${session.app.tenant_id} created; its access token (every scope) is now in use.`,
      },
    }));
  } catch (error) {
    notify(store, 'error', `Could not create a sandbox app: ${(error as Error).message}`);
  }
}

/** True when the active token came from the console's sandbox app (its client or its personal access token). */
export function tokenFromApp(state: ConsoleState): boolean {
  const { app, token } = state;
  return Boolean(app && token && (isSandboxToken(app, token) || token.accessToken === app.personal_access_token));
}

/** Forgets the sandbox app in this tab (memory and sessionStorage), with any token that came from it. */
export function forgetSandboxApp(store: ConsoleStore): void {
  writeSandboxSession(undefined);
  store.setState((s) => ({
    ...s,
    app: undefined,
    token: tokenFromApp(s) ? undefined : s.token,
    notice: { kind: 'info', text: 'Sandbox app forgotten in this tab; samples show placeholders again.' },
  }));
}

/**
 * Brings the tab's sandbox session into the console: its app, and its token unless another credential is active.
 * A session forgotten elsewhere removes the app and the token it gave.
 */
export function syncSandboxSession(store: ConsoleStore, session: SandboxSession | undefined): void {
  store.setState((s) => {
    if (!session) return s.app ? { ...s, app: undefined, token: tokenFromApp(s) ? undefined : s.token } : s;
    if (s.app?.tenant_id === session.app.tenant_id && (s.token || !session.token)) return s;
    const keep = s.token && !tokenFromApp(s);
    return { ...s, app: session.app, token: keep ? s.token : session.token };
  });
}

/** Keeps `token` as the active credential and announces it; a token of the sandbox app also goes to the tab's session. */
export function acceptToken(store: ConsoleStore, token: TokenRecord): void {
  const app = store.getState().app;
  if (app && isSandboxToken(app, token)) writeSandboxSession({ app, token });
  store.setState((s) => ({
    ...s,
    token,
    notice: { kind: 'info', text: `Access token received (${token.scopes.join(' ') || 'scopes not stated'}).` },
  }));
}

/** Client credentials grant for the given client and scopes. */
export async function getClientCredentialsToken(
  store: ConsoleStore,
  data: ConsoleData,
  credentials: { clientId: string; clientSecret: string; scopes: readonly string[] },
): Promise<void> {
  try {
    acceptToken(
      store,
      await clientCredentialsToken(currentBaseUrl(store.getState(), data), data.oauthPaths, credentials),
    );
  } catch (error) {
    notify(store, 'error', `Token request failed: ${await describeOAuthError(error)}`);
  }
}

/**
 * Starts the authorization code grant with PKCE: a popup when the browser allows one (the console keeps
 * its state), else this tab (the callback page brings the token back through a soft navigation).
 */
export async function beginAuthorization(
  store: ConsoleStore,
  data: ConsoleData,
  scopes: readonly string[],
  usePopup: boolean,
): Promise<void> {
  const state = store.getState();
  try {
    const popup = usePopup ? window.open('about:blank', 'aethex-consent', 'popup,width=520,height=720') : null;
    const url = await startAuthorization(
      currentBaseUrl(state, data),
      data.oauthPaths,
      {
        scopes,
        redirectUri: `${window.location.origin}${PATHS.consoleCallback}`,
        ...(state.app ? { personalAccessToken: state.app.personal_access_token } : {}),
      },
      window.sessionStorage,
    );
    if (popup) {
      popup.location.href = url;
      notify(store, 'info', 'Consent screen opened in a popup: allow access there.');
    } else window.location.assign(url);
  } catch (error) {
    notify(store, 'error', `Could not start the authorization: ${await describeOAuthError(error)}`);
  }
}

/**
 * `PUT <base>/rate-limit` or `PUT <base>/maintenance` (sandbox-only controls, scope sandbox:manage): with the sandbox
 * app's personal access token when the console holds the app, else the current token.
 */
export async function sandboxControl(
  store: ConsoleStore,
  data: ConsoleData,
  control: 'rate-limit' | 'maintenance',
  body: unknown,
): Promise<void> {
  const bearer = store.getState().app?.personal_access_token ?? store.getState().token?.accessToken;
  try {
    await sandboxCall(store, data, `/${control}`, 'PUT', body, bearer);
    notify(
      store,
      'info',
      control === 'maintenance'
        ? `Maintenance ${(body as { enabled: boolean }).enabled ? 'on' : 'off'}.`
        : 'Rate limit updated.',
    );
  } catch (error) {
    notify(store, 'error', `Sandbox control failed: ${(error as Error).message}`);
  }
}

/** A new client-credentials token for the sandbox app with all its scopes (the token status's Renew). */
export async function renewSandboxToken(store: ConsoleStore, data: ConsoleData): Promise<void> {
  const app = store.getState().app;
  if (!app) return;
  await getClientCredentialsToken(store, data, {
    clientId: app.client_id,
    clientSecret: app.client_secret,
    scopes: app.scopes,
  });
}

/**
 * Looks `requestId` up in the sandbox app's request log (with its personal access token, at the app's sandbox), else
 * with the current token at the target that issued it, and puts the exchange, or why not, into `state.lookup`.
 */
export async function lookUpRequestId(store: ConsoleStore, data: ConsoleData, requestId: string): Promise<void> {
  const state = store.getState();
  const id = requestId.trim();
  if (!id) return;
  let base: string | undefined;
  try {
    base = currentBaseUrl(state, data);
  } catch {
    base = undefined; // an unfinished custom URL: only the app's own sandbox is asked
  }
  // A credential goes only to the server that issued it (see authorizationFor).
  const app = state.app;
  const bearer = app
    ? app.personal_access_token
    : state.token && state.token.baseUrl === base
      ? state.token.accessToken
      : undefined;
  const target = app ? app.baseUrl : base;
  if (!bearer || !target) {
    const detail = 'Create a sandbox app first: each request log belongs to one sandbox app.';
    store.setState((s) => ({ ...s, lookup: { requestId: id, result: { ok: false, status: null, detail } } }));
    return;
  }
  store.setState((s) => ({ ...s, lookup: { requestId: id } }));
  const { lookUpRequest } = await import('./lookup');
  const result = await lookUpRequest(target, id, bearer);
  store.setState((s) => (s.lookup?.requestId === id ? { ...s, lookup: { requestId: id, result } } : s));
}
