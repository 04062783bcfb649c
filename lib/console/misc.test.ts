import { describe, expect, it } from 'vitest';

import { consoleData } from './data';
import { explainFailure } from './failure';
import { addToHistory, HISTORY_KEY, HISTORY_LIMIT, loadHistory, saveHistory } from './history';
import { prettyBody, tokenizeJson } from './json-tokens';
import { checkBody } from './schema';
import { sendRequest } from './send';
import { createStore } from './store';
import { baseUrlFor } from './target';

const data = consoleData();
const createSchema = data.operations.find((o) => o.operationId === 'createProject')?.body?.schema ?? {};

describe('JSON highlighting', () => {
  it('tokenizes keys, strings, numbers, literals and keeps every character', () => {
    const text = prettyBody('{"a":"x:y","n":-1.5e3,"t":true,"z":null,"l":[1]}', 'application/problem+json');
    const tokens = tokenizeJson(text);
    expect(tokens.map((t) => t.text).join('')).toBe(text);
    expect(tokens.filter((t) => t.kind === 'key').map((t) => t.text)).toEqual(['"a"', '"n"', '"t"', '"z"', '"l"']);
    expect(tokens.find((t) => t.kind === 'number')?.text).toBe('-1500');
    expect(tokens.filter((t) => t.kind === 'literal').map((t) => t.text)).toEqual(['true', 'null']);
    expect(prettyBody('not json', 'application/json')).toBe('not json');
    expect(prettyBody('{"a":1}', 'text/plain')).toBe('{"a":1}');
  });
});

describe('schema check before sending', () => {
  it('accepts the document example and lists invalid fields', async () => {
    expect(await checkBody('{"name":"storefront"}', createSchema)).toEqual([]);
    const problems = await checkBody('{"name":"","region":"mars","extra":1}', createSchema);
    expect(problems.map((p) => p.field)).toEqual(expect.arrayContaining(['/name', '/region']));
    expect(problems.some((p) => /extra|additional/i.test(p.message))).toBe(true);
    expect(await checkBody('{"name":', createSchema)).toEqual([
      { field: '', message: expect.stringMatching(/not valid JSON/) },
    ]);
  });
});

describe('honest failures', () => {
  const base = { url: 'http://localhost:9/sandbox/v1/projects', pageOrigin: 'http://127.0.0.1:3140', online: true };
  it('names the likely cause', () => {
    expect(explainFailure({ ...base, hostAnswered: true }).kind).toBe('cors');
    expect(explainFailure({ ...base, hostAnswered: false }).title).toBe('Could not reach localhost:9');
    expect(explainFailure({ ...base, online: false }).kind).toBe('offline');
    expect(explainFailure({ ...base, url: 'nope' }).kind).toBe('invalid-url');
    expect(
      explainFailure({ ...base, pageOrigin: 'https://docs.aethex.dev', url: 'http://api.example.org/v1' }).kind,
    ).toBe('mixed-content');
    expect(explainFailure({ ...base, timedOut: true }).kind).toBe('timeout');
  });

  it('reports a connection the page CSP refused as such, with the CONSOLE_TARGETS to allow it', () => {
    const blocked = explainFailure({ ...base, url: 'http://api.example.test:8080/v1/projects', cspBlocked: true });
    expect(blocked.kind).toBe('csp');
    expect(blocked.title).toBe(
      "This page's Content-Security-Policy blocked the connection to http://api.example.test:8080",
    );
    expect(blocked.checks.join(' ')).toContain('CONSOLE_TARGETS=http://api.example.test:8080');
    expect(blocked.checks.join(' ')).toContain('README');
    expect(`${blocked.title} ${blocked.detail}`).not.toMatch(/Nothing answered|Could not reach/);
  });

  it('sendRequest takes a connect-src violation for the request origin as a CSP block and skips the probe', async () => {
    const calls: string[] = [];
    const events = new EventTarget();
    const violation = (blockedURI: string, directive = 'connect-src') =>
      Object.assign(new Event('securitypolicyviolation'), { blockedURI, effectiveDirective: directive });
    const send = (blockedURI: string, directive?: string) =>
      sendRequest(
        { method: 'GET', url: 'http://[::1]:3909/v1/projects', path: '/v1/projects', query: [], headers: {} },
        {
          now: () => 0,
          pageOrigin: 'http://localhost:3400',
          online: true,
          cspEvents: events,
          fetch: async (url, init) => {
            calls.push(`${String(url)} ${init?.mode ?? 'cors'}`);
            // Browsers queue the violation event as a task of its own, after the rejection.
            setTimeout(() => events.dispatchEvent(violation(blockedURI, directive)));
            throw new TypeError('Failed to fetch');
          },
        },
      );
    const blocked = await send('http://[::1]:3909/v1/projects');
    expect(!blocked.ok && blocked.failure.kind).toBe('csp');
    expect(calls).toEqual(['http://[::1]:3909/v1/projects cors']);
    expect((await send('http://[::1]:3909')).ok === false).toBe(true);
    const other = await send('http://[::1]:4000/v1/projects');
    expect(!other.ok && other.failure.kind).toBe('unreachable');
    const image = await send('http://[::1]:3909/v1/projects', 'img-src');
    expect(!image.ok && image.failure.kind).toBe('unreachable');
  });

  it('sendRequest reads status, headers, size and time, and explains a fetch failure', async () => {
    let clock = 1000;
    const env = { now: () => (clock += 5), pageOrigin: 'http://127.0.0.1:3140', online: true };
    const ok = await sendRequest(
      { method: 'GET', url: 'http://x.test/v1', path: '/v1', query: [], headers: {} },
      {
        ...env,
        fetch: async (_url, init) =>
          new Response('{"é":1}', {
            status: 201,
            headers: { 'X-Request-ID': 'req_1', 'x-cred': String(init?.credentials) },
          }),
      },
    );
    expect(ok.ok && ok.response.status).toBe(201);
    expect(ok.ok && ok.response.sizeBytes).toBe(8);
    expect(ok.ok && ok.response.headers).toContainEqual(['x-request-id', 'req_1']);
    expect(ok.ok && ok.response.headers).toContainEqual(['x-cred', 'omit']);
    const calls: string[] = [];
    const failed = await sendRequest(
      { method: 'GET', url: 'http://x.test/v1', path: '/v1', query: [], headers: {} },
      {
        ...env,
        fetch: async (url, init) => {
          calls.push(`${String(url)} ${init?.mode ?? 'cors'}`);
          if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
          throw new TypeError('Failed to fetch');
        },
      },
    );
    expect(!failed.ok && failed.failure.kind).toBe('cors');
    expect(calls).toEqual(['http://x.test/v1 cors', 'http://x.test/ no-cors']);
  });
});

describe('history and store', () => {
  it('keeps a redacted, capped history in storage', () => {
    const memory = new Map<string, string>();
    const storage = {
      getItem: (k: string) => memory.get(k) ?? null,
      setItem: (k: string, v: string) => void memory.set(k, v),
    };
    let history = addToHistory([], {
      id: '1',
      at: 1,
      operationId: 'createProject',
      method: 'POST',
      path: '/v1/projects',
      status: 201,
      values: { params: { 'header:X-Request-ID': 'pat_abcdef123' }, body: '{"name":"atx_leakleak"}' },
    });
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) history = addToHistory(history, { ...history[0]!, id: String(i + 2) });
    saveHistory(storage, history);
    expect(memory.get(HISTORY_KEY)).not.toMatch(/pat_abcdef123|atx_leakleak/);
    expect(loadHistory(storage)).toHaveLength(HISTORY_LIMIT);
    expect(loadHistory({ getItem: () => '{broken' })).toEqual([]);
  });

  it('notifies subscribers only on change', () => {
    const store = createStore({ n: 0 });
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.setState((s) => ({ n: s.n + 1 }));
    store.setState((s) => s);
    off();
    store.setState((s) => ({ n: s.n + 1 }));
    expect([calls, store.getState().n]).toEqual([1, 2]);
  });

  it('resolves targets to base URLs', () => {
    expect(baseUrlFor('sandbox', '', data.servers, 'http://127.0.0.1:3140')).toBe('http://127.0.0.1:3140/sandbox');
    expect(baseUrlFor('production', '', data.servers, 'x')).toBe('https://api.aethex.dev');
    expect(baseUrlFor('custom', ' http://localhost:4010/sandbox/ ', data.servers, 'x')).toBe(
      'http://localhost:4010/sandbox',
    );
    expect(() => baseUrlFor('custom', 'ftp://x', data.servers, 'x')).toThrow();
  });
});
