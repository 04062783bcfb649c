import { describe, expect, it } from 'vitest';

import type { SandboxApp } from '../../sandbox-session';
import type { TokenRecord } from '../oauth';
import { initialState, type ConsoleState } from '../store';
import { webhookAccess } from './access';

const base = 'http://localhost:3400/sandbox';
const app = { baseUrl: base, personal_access_token: 'pat_1', webhook_secret: 'whsec_AAAA' } as SandboxApp;
const token = { baseUrl: base, accessToken: 'atx_1' } as TokenRecord;
const state = (patch: Partial<ConsoleState>): ConsoleState => ({ ...initialState('sandbox', 'op'), ...patch });

describe('webhookAccess', () => {
  it("uses the app's personal access token and webhook secret at the app's sandbox", () => {
    expect(webhookAccess(state({ app, token }), base)).toEqual({
      ok: true,
      base,
      bearer: 'pat_1',
      listenSecret: 'whsec_AAAA',
    });
  });

  it('falls back to a token issued by this sandbox, without a listen secret', () => {
    expect(webhookAccess(state({ token }), base)).toEqual({ ok: true, base, bearer: 'atx_1' });
  });

  it('never sends a credential to another server, and refuses production', () => {
    const other = 'http://127.0.0.1:9/sandbox';
    expect(webhookAccess(state({ app, token, target: 'custom' }), other)).toMatchObject({ ok: false });
    expect(webhookAccess(state({ app, token, target: 'production' }), base)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/sandbox feature/),
    });
    expect(webhookAccess(state({}), base)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Create a sandbox app/),
    });
  });
});
