import { describe, expect, it } from 'vitest';

import { apiModel, listServers } from '@/lib/openapi';

import { explorerConfiguration } from './explorer-config';

describe('explorerConfiguration', () => {
  const input = {
    servers: listServers().map((server) => ({ ...server })),
    oauth: apiModel().oauth,
    clientId: 'aethex-console',
  };
  const config = explorerConfiguration(input, 'http://localhost:3120', true) as Record<string, unknown>;

  it('turns off everything that would call another host', () => {
    expect(config).toMatchObject({
      withDefaultFonts: false,
      agent: { disabled: true },
      telemetry: false,
      showDeveloperTools: 'never',
      url: 'http://localhost:3120/openapi.json',
    });
    expect(config).not.toHaveProperty('proxyUrl');
  });

  it('lists the sandbox first, absolute, then production', () => {
    const servers = config.servers as { url: string }[];
    expect(servers[0]?.url).toBe('http://localhost:3120/sandbox');
    expect(servers.slice(1).map((server) => server.url)).toEqual(
      listServers()
        .filter((server) => /^https?:/.test(server.url))
        .map((server) => server.url),
    );
  });

  it('prefers OAuth with the sandbox token and authorization URLs, PKCE S256 and the console client', () => {
    expect(config.authentication).toMatchObject({
      preferredSecurityScheme: 'oauth2',
      securitySchemes: {
        oauth2: {
          flows: {
            authorizationCode: {
              authorizationUrl: 'http://localhost:3120/sandbox/oauth/authorize',
              tokenUrl: 'http://localhost:3120/sandbox/v1/auth/token',
              'x-usePkce': 'SHA-256',
              'x-scalar-client-id': 'aethex-console',
              'x-scalar-redirect-uri': 'http://localhost:3120/console/callback',
            },
            clientCredentials: { tokenUrl: 'http://localhost:3120/sandbox/v1/auth/token' },
          },
        },
      },
    });
  });

  it('follows the site theme', () => {
    expect(config.forceDarkModeState).toBe('dark');
    expect((explorerConfiguration(input, 'http://x', false) as Record<string, unknown>).forceDarkModeState).toBe(
      'light',
    );
  });
});
