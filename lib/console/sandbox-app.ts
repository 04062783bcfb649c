/**
 * One click to authorised: create a sandbox app (tenant) and obtain a client-credentials access token with every
 * scope the app holds. Shared by the console, the home page and the quickstart; the result goes to the tab's
 * sandbox session (lib/sandbox-session.ts), so every page sees it.
 */
import type { SandboxApp, SandboxSession } from '../sandbox-session';
import { clientCredentialsToken, describeOAuthError, type OAuthPaths } from './oauth';
import { fetchWithoutCredentials } from './send';

/**
 * `POST <baseUrl>/apps` (lib/sandbox/README.md), then the client credentials grant (RFC 6749 §4.4) for the app's
 * client with all of the app's scopes.
 * @param baseUrl the sandbox base URL, e.g. `http://localhost:3000/sandbox`
 * @returns the app (with `baseUrl`) and its access token (3,600 s)
 * @throws Error whose message says what failed in words (unreachable, the sandbox's problem `detail`, OAuth error)
 */
export async function createSandboxSession(
  baseUrl: string,
  paths: OAuthPaths,
  name = 'Console app',
): Promise<SandboxSession> {
  let response: Response;
  try {
    response = await fetchWithoutCredentials(fetch)(`${baseUrl}/apps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name }),
    });
  } catch {
    throw new Error('the sandbox could not be reached.');
  }
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${response.status}: ${String(json.detail ?? json.title ?? 'request failed')}`);
  const app = { ...(json as unknown as Omit<SandboxApp, 'baseUrl'>), baseUrl };
  try {
    const token = await clientCredentialsToken(baseUrl, paths, {
      clientId: app.client_id,
      clientSecret: app.client_secret,
      scopes: app.scopes,
    });
    return { app, token };
  } catch (error) {
    throw new Error(`app ${app.tenant_id} created, but the token request failed: ${await describeOAuthError(error)}`);
  }
}
