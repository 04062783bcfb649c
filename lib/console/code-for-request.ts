/**
 * "Code for this request": the console's samples repeat the request it sends. Same target base URL (written in, not
 * `AETHEX_BASE_URL`), parameters, headers and body; the credential is the active one when it belongs to the tab's
 * sandbox app (written in, so the code runs as pasted), else a clearly named placeholder (`AETHEX_TOKEN`, or
 * `AETHEX_CLIENT_ID` / `AETHEX_CLIENT_SECRET`) that the code refuses to run without. A production credential is
 * never written into code.
 */
import type { SampleOptions } from '../snippets/types';
import { authorizationFor, currentBaseUrl, selectedOperation, tokenFromApp, valuesOf } from './actions';
import { buildRequest, type BuiltRequest } from './request';
import type { ConsoleState } from './store';
import type { ConsoleData, ConsoleOperation } from './types';

/** What the samples are generated from: the request, its base URL, and the literal credential when there is one. */
export interface CodeInputs {
  readonly base: string;
  /** The request with its Authorization reduced to its scheme (the value is the sample's business). */
  readonly request: BuiltRequest;
  /** Options for the placeholder variant: the base URL only. */
  readonly placeholders: SampleOptions;
  /** Options for the variant with the sandbox app's credential written in; undefined when there is none. */
  readonly sandbox?: SampleOptions;
}

/** The Authorization a sample of `operation` needs, as a scheme the generator turns into named variables. */
function placeholderAuthorization(operation: ConsoleOperation): string | undefined {
  if (operation.auth === 'bearer') return 'Bearer AETHEX_TOKEN';
  if (operation.auth === 'client-basic') return 'Basic AETHEX_CLIENT';
  return undefined;
}

/**
 * The sandbox credential the console would send for `operation`, as literal sample options; undefined when the
 * credential is not the tab's sandbox app's (production or pasted tokens, authorization-code tokens) or the target
 * is not the app's sandbox.
 */
function sandboxCredential(state: ConsoleState, operation: ConsoleOperation, base: string): SampleOptions | undefined {
  const { app, token } = state;
  if (!app || app.baseUrl !== base) return undefined;
  if (operation.auth === 'client-basic' && authorizationFor(state, operation, base))
    return { baseUrl: base, clientId: app.client_id, clientSecret: app.client_secret };
  if (operation.auth !== 'bearer' || !token || !authorizationFor(state, operation, base)) return undefined;
  return tokenFromApp(state) ? { baseUrl: base, token: token.accessToken } : undefined;
}

/**
 * The inputs of the console's samples for the current state.
 * @throws TypeError for an invalid custom base URL, Error when a parameter cannot be placed (as `buildRequest`)
 */
export function codeInputs(state: ConsoleState, data: ConsoleData): CodeInputs {
  const operation = selectedOperation(state, data);
  const base = currentBaseUrl(state, data);
  const request = buildRequest(operation, valuesOf(state, operation), {
    baseUrl: base,
    environmentHeader: data.environmentHeader,
    environment: state.environment,
    authorization: placeholderAuthorization(operation),
  });
  const sandbox = sandboxCredential(state, operation, base);
  return { base, request, placeholders: { baseUrl: base }, ...(sandbox ? { sandbox } : {}) };
}
