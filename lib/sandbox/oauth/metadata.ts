import { getOperation } from '@/lib/openapi';

import { grantableScopeNames } from '../config';

/**
 * OAuth 2.0 Authorization Server Metadata (RFC 8414 §2) for the sandbox.
 * @param issuer - `<origin>/sandbox` when mounted (`<origin>` standalone without the prefix).
 */
export function authorizationServerMetadata(issuer: string): Record<string, unknown> {
  const tokenPath = getOperation('createToken')?.path ?? '/v1/auth/token';
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
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
