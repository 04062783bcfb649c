/**
 * The Scalar configuration of /reference/explorer, as a pure function so it can be unit-tested.
 * Every API fact (servers and which is the sandbox, the OAuth scheme, its flows and endpoint paths) comes in
 * through `ExplorerInput`, computed on the server from the model (lib/openapi/); the portal's own paths come
 * from lib/urls.ts. Nothing about the API is written here.
 */
import type { AnyApiReferenceConfiguration } from '@scalar/types/api-reference';

import { PATHS } from '@/lib/urls';

/** Facts from the OpenAPI document the explorer needs (serialisable: passed from server to client). */
export interface ExplorerInput {
  /** The document's servers as the model classifies them; the sandbox's relative URL is made absolute. */
  servers: { url: string; description: string; kind: 'production' | 'sandbox' }[];
  /** The oauth2 security scheme (the model's `oauth`), if the document has one. */
  oauth?: {
    schemeName: string;
    /** The flows the scheme has (`clientCredentials`, `authorizationCode`). */
    flows: readonly string[];
    /** Endpoint paths relative to a server (`/v1/auth/token`), used against the sandbox. */
    tokenPath?: string;
    authorizationPath?: string;
  };
  /** The public OAuth client the portal uses (RFC 6749 §2.1: no secret, PKCE required). */
  clientId: string;
}

/**
 * Builds Scalar's configuration.
 * @param input servers and scheme names from the document
 * @param origin the page's origin, e.g. `http://localhost:3120`
 * @param dark whether the site currently shows its dark theme
 * @returns a configuration that makes Scalar request nothing but `origin` (document at `/openapi.json`)
 */
export function explorerConfiguration(
  input: ExplorerInput,
  origin: string,
  dark: boolean,
): AnyApiReferenceConfiguration {
  // The sandbox first: it is the server the explorer can call from the browser.
  const servers = [...input.servers]
    .sort((a, b) => Number(a.kind !== 'sandbox') - Number(b.kind !== 'sandbox'))
    .map((server) => ({
      url: server.kind === 'sandbox' ? `${origin}${server.url}` : server.url,
      description: server.description,
    }));
  const sandboxServer = input.servers.find((server) => server.kind === 'sandbox');
  const sandbox = sandboxServer ? `${origin}${sandboxServer.url}` : origin;
  const oauth = input.oauth;
  const tokenUrl = oauth?.tokenPath === undefined ? {} : { tokenUrl: `${sandbox}${oauth.tokenPath}` };
  const flows = {
    ...(oauth?.flows.includes('authorizationCode') && oauth.authorizationPath !== undefined
      ? {
          authorizationCode: {
            authorizationUrl: `${sandbox}${oauth.authorizationPath}`,
            ...tokenUrl,
            'x-usePkce': 'SHA-256',
            'x-scalar-client-id': input.clientId,
            'x-scalar-redirect-uri': `${origin}${PATHS.consoleCallback}`,
          },
        }
      : {}),
    ...(oauth?.flows.includes('clientCredentials') ? { clientCredentials: tokenUrl } : {}),
  };
  return {
    url: `${origin}${PATHS.openapiJson}`,
    withDefaultFonts: false,
    agent: { disabled: true },
    telemetry: false,
    showDeveloperTools: 'never',
    hideDarkModeToggle: true,
    // Five operations: show them all at once instead of one open tag group.
    defaultOpenAllTags: true,
    // Scalar's useFavicon rewrites every <link rel="icon">; without a value the browser falls back to a
    // missing /favicon.ico. Point it at the site's own icon (app/icon.svg).
    favicon: `${origin}${PATHS.icon}`,
    forceDarkModeState: dark ? 'dark' : 'light',
    darkMode: dark,
    servers,
    ...(oauth
      ? {
          authentication: {
            preferredSecurityScheme: oauth.schemeName,
            securitySchemes: { [oauth.schemeName]: { flows } },
          },
        }
      : {}),
  } as AnyApiReferenceConfiguration;
}
