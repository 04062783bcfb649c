/**
 * The Scalar configuration of /reference/explorer, as a pure function so it can be unit-tested.
 * Everything API-specific comes in through `ExplorerInput`, computed on the server from the model (lib/openapi/).
 */
import type { AnyApiReferenceConfiguration } from '@scalar/types/api-reference';

/** Facts from the OpenAPI document the explorer needs (serialisable: passed from server to client). */
export interface ExplorerInput {
  /** The document's servers; relative URLs (the sandbox, `/sandbox`) are made absolute against the origin. */
  servers: { url: string; description: string }[];
  /** Name of the oauth2 security scheme, if the document has one. */
  oauth2Scheme?: string;
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
  const absolute = (url: string) => (/^[a-z]+:\/\//i.test(url) ? url : `${origin}${url}`);
  const servers = [...input.servers]
    .sort((a, b) => Number(/^[a-z]+:\/\//i.test(a.url)) - Number(/^[a-z]+:\/\//i.test(b.url)))
    .map((server) => ({ url: absolute(server.url), description: server.description }));
  const sandbox = servers[0]?.url ?? origin;
  const oauth2 = input.oauth2Scheme;
  return {
    url: `${origin}/openapi.json`,
    withDefaultFonts: false,
    agent: { disabled: true },
    telemetry: false,
    showDeveloperTools: 'never',
    hideDarkModeToggle: true,
    // Five operations: show them all at once instead of one open tag group.
    defaultOpenAllTags: true,
    // Scalar's useFavicon rewrites every <link rel="icon">; without a value the browser falls back to a
    // missing /favicon.ico. Point it at the site's own icon (app/icon.svg).
    favicon: `${origin}/icon.svg`,
    forceDarkModeState: dark ? 'dark' : 'light',
    darkMode: dark,
    servers,
    ...(oauth2
      ? {
          authentication: {
            preferredSecurityScheme: oauth2,
            securitySchemes: {
              [oauth2]: {
                flows: {
                  authorizationCode: {
                    authorizationUrl: `${sandbox}/oauth/authorize`,
                    tokenUrl: `${sandbox}/v1/auth/token`,
                    'x-usePkce': 'SHA-256',
                    'x-scalar-client-id': input.clientId,
                    'x-scalar-redirect-uri': `${origin}/console/callback`,
                  },
                  clientCredentials: { tokenUrl: `${sandbox}/v1/auth/token` },
                },
              },
            },
          },
        }
      : {}),
  } as AnyApiReferenceConfiguration;
}
