import { apiModel } from '@/lib/openapi';

import { grantableScopeNames } from '../config';

/**
 * OAuth 2.0 Authorization Server Metadata (RFC 8414 §2) for the sandbox.
 * @param issuer - `<origin>/sandbox` when mounted (`<origin>` standalone without the prefix).
 * @throws Error if the document's oauth2 scheme lacks a token or authorization URL
 */
export function authorizationServerMetadata(issuer: string): Record<string, unknown> {
  const { tokenPath, authorizationPath } = apiModel().oauth ?? {};
  if (!tokenPath || !authorizationPath) throw new Error('the oauth2 scheme lacks a token or authorization URL');
  return {
    issuer,
    authorization_endpoint: `${issuer}${authorizationPath}`,
    token_endpoint: `${issuer}${tokenPath}`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'none'],
    scopes_supported: grantableScopeNames(),
    authorization_response_iss_parameter_supported: true,
  };
}
