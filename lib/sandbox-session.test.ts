import { describe, expect, it } from 'vitest';

import type { TokenRecord } from './console/oauth';
import { isSandboxToken, parseSandboxSession, sampleFillFor, type SandboxApp } from './sandbox-session';

const app: SandboxApp = {
  tenant_id: 'ten_abc123',
  name: 'Console app',
  client_id: 'cli_abc123',
  client_secret: 'cs_secret123',
  personal_access_token: 'pat_token123',
  webhook_secret: 'whsec_j2O/NDXBtqttxA89dl+Zn8EbL7QxZxZv==',
  scopes: ['projects:read'],
  rate_limit: { limit: 100, window_seconds: 60 },
  expires_at: '2026-12-07T00:00:00Z',
  baseUrl: 'http://localhost:3000/sandbox',
};
const token: TokenRecord = {
  accessToken: 'atx_abc',
  scopes: ['projects:read'],
  grant: 'client_credentials',
  baseUrl: app.baseUrl,
  clientId: app.client_id,
};

describe('the tab sandbox session', () => {
  it('keeps an app and its own client-credentials token', () => {
    expect(parseSandboxSession(JSON.stringify({ app, token }))).toEqual({ app, token });
  });

  it('drops a token that is not the app’s sandbox token (another client, grant or base URL)', () => {
    for (const other of [
      { ...token, clientId: 'aethex-console' },
      { ...token, grant: 'authorization_code' as const },
      { ...token, grant: 'personal_access_token' as const },
      { ...token, baseUrl: 'https://api.aethex.dev' },
      { ...token, accessToken: 'atx_x"; curl evil' },
    ]) {
      expect(isSandboxToken(app, other) && other.accessToken === token.accessToken).toBe(false);
      expect(parseSandboxSession(JSON.stringify({ app, token: other }))).toEqual({ app });
    }
  });

  it('refuses a session whose values could break out of a sample (quotes, spaces, markup) or is not JSON', () => {
    for (const bad of [
      { ...app, personal_access_token: 'pat_x"; rm -rf ~' },
      { ...app, client_secret: 'cs_<script>' },
      { ...app, baseUrl: 'javascript:alert(1)' },
      { ...app, tenant_id: 42 },
    ])
      expect(parseSandboxSession(JSON.stringify({ app: bad }))).toBeUndefined();
    expect(parseSandboxSession('{')).toBeUndefined();
    expect(parseSandboxSession(null)).toBeUndefined();
  });

  it('fills samples with the app’s personal access token and its base URL without a trailing slash', () => {
    expect(sampleFillFor({ app: { ...app, baseUrl: `${app.baseUrl}/` } })).toEqual({
      baseUrl: app.baseUrl,
      tenantId: app.tenant_id,
      clientId: app.client_id,
      clientSecret: app.client_secret,
      token: app.personal_access_token,
      webhookSecret: app.webhook_secret,
    });
    expect(sampleFillFor(undefined)).toBeUndefined();
  });
});
