import { beforeAll, describe, expect, it } from 'vitest';

import type { SandboxApp } from '../sandbox-session';
import { sampleForRequest } from '../snippets/request-sample';
import { codeInputs } from './code-for-request';
import { consoleData } from './data';
import type { TokenRecord } from './oauth';
import { initialState, type ConsoleState } from './store';

const origin = 'http://localhost:3300';
const base = `${origin}/sandbox`;
const data = consoleData();
const app: SandboxApp = {
  tenant_id: 'ten_abc',
  name: 'Console app',
  client_id: 'cli_abc',
  client_secret: 'cs_secretsecret',
  personal_access_token: 'pat_patpatpat',
  webhook_secret: 'whsec_abc',
  scopes: ['projects:read'],
  rate_limit: { limit: 100, window_seconds: 60 },
  expires_at: '2026-12-07T00:00:00Z',
  baseUrl: base,
};
const sandboxToken: TokenRecord = {
  accessToken: 'atx_sandboxtoken',
  scopes: ['projects:read'],
  grant: 'client_credentials',
  baseUrl: base,
  clientId: app.client_id,
};

function state(patch: Partial<ConsoleState>, operationId = 'listProjects'): ConsoleState {
  return { ...initialState('production', operationId), ...patch };
}

/** The curl sample of the state, with the sandbox credential when there is one. */
function curl(s: ConsoleState): string {
  const inputs = codeInputs(s, data);
  return sampleForRequest(inputs.request, 'curl', inputs.sandbox ?? inputs.placeholders);
}

beforeAll(() => {
  // currentBaseUrl reads the page's origin (the sandbox is mounted on it).
  Object.assign(globalThis, { window: { location: { origin } } });
});

describe("the console's code is the request it sends", () => {
  it('names the target base URL, never the production default, and asks for a token it does not hold', () => {
    const code = curl(state({}));
    expect(code).toContain(`${base}/v1/projects`);
    expect(code).not.toContain('api.aethex.dev');
    expect(code).toContain('Authorization: Bearer $AETHEX_TOKEN');
    expect(code).toContain('${AETHEX_TOKEN:?');
  });

  it('follows a custom base URL', () => {
    const code = curl(state({ target: 'custom', customUrl: 'http://127.0.0.1:4010/sandbox/' }));
    expect(code).toContain('http://127.0.0.1:4010/sandbox/v1/projects');
  });

  it("writes in the sandbox app's token and client credentials, so it runs as pasted", () => {
    const code = curl(state({ app, token: sandboxToken }));
    expect(code).toContain('atx_sandboxtoken');
    expect(code).not.toContain('AETHEX_TOKEN');
    const pat = curl(
      state({
        app,
        token: { ...sandboxToken, accessToken: app.personal_access_token, grant: 'personal_access_token' },
      }),
    );
    expect(pat).toContain(app.personal_access_token);
    const token = curl(state({ app }, 'createToken'));
    expect(token).toContain(app.client_secret);
    expect(token).not.toContain('AETHEX_CLIENT_SECRET');
  });

  it('never writes in a production or pasted token, nor sandbox credentials for another target', () => {
    const production: TokenRecord = {
      accessToken: 'pat_production',
      scopes: [],
      grant: 'personal_access_token',
      baseUrl: 'https://api.aethex.dev',
    };
    for (const s of [
      state({ app, token: production }),
      state({ app, token: { ...sandboxToken, grant: 'authorization_code', clientId: undefined } }),
      state({ app, token: sandboxToken, target: 'production' }),
    ]) {
      const code = curl(s);
      expect(code).not.toContain(production.accessToken);
      expect(code).not.toContain(sandboxToken.accessToken);
      expect(code).toContain('$AETHEX_TOKEN');
    }
    expect(curl(state({ app, target: 'production' }, 'createToken'))).not.toContain(app.client_secret);
  });
});
