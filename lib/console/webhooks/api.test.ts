import { describe, expect, it } from 'vitest';

import { ApiProblem, createEndpoint, deleteEndpoint, listMessages, replayDelivery } from './api';

type Seen = { url: string; init: RequestInit };

function fakeFetch(answer: () => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    return answer();
  }) as unknown as typeof globalThis.fetch;
  return { seen, ctx: { base: 'http://localhost:3400/sandbox', bearer: 'pat_abc', fetch } };
}

describe('webhook API calls', () => {
  it('sends the bearer in the Authorization header, JSON body, no cookies, and nothing in the URL', async () => {
    const { seen, ctx } = fakeFetch(() => Response.json({ id: 'we_1' }, { status: 201 }));
    await createEndpoint(ctx, { url: 'https://example.com/hook', events: ['member.invited'] });
    const [call] = seen;
    expect(call?.url).toBe('http://localhost:3400/sandbox/webhooks/endpoints');
    expect(call?.init.method).toBe('POST');
    expect(call?.init.credentials).toBe('omit');
    expect(call?.init.headers).toEqual({ Authorization: 'Bearer pat_abc', 'Content-Type': 'application/json' });
    expect(JSON.parse(String(call?.init.body))).toEqual({
      url: 'https://example.com/hook',
      events: ['member.invited'],
    });
    expect(call?.url).not.toContain('pat_abc');
  });

  it('turns a problem+json into words and field errors', async () => {
    const { ctx } = fakeFetch(() =>
      Response.json(
        {
          title: 'Bad Request',
          detail: 'The endpoint is not valid.',
          errors: [
            { field: '/url', message: 'Use an absolute https:// URL.' },
            { field: '/events/0', message: 'Unknown event nope.' },
          ],
        },
        { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );
    const error = await createEndpoint(ctx, { url: 'ftp://x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).message).toBe('The endpoint is not valid.');
    expect((error as ApiProblem).status).toBe(400);
    expect((error as ApiProblem).fields).toEqual({
      '/url': 'Use an absolute https:// URL.',
      '/events/0': 'Unknown event nope.',
    });
  });

  it('explains an unreachable sandbox and a problem without detail', async () => {
    const down = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(listMessages(down.ctx)).rejects.toThrow(
      'The sandbox at http://localhost:3400/sandbox could not be reached.',
    );
    const bare = fakeFetch(() => new Response('oops', { status: 502 }));
    await expect(replayDelivery(bare.ctx, 'dlv_1')).rejects.toThrow('The sandbox answered 502.');
  });

  it('reads 204 as nothing and lists under data; IDs are escaped into the path', async () => {
    const empty = fakeFetch(() => new Response(null, { status: 204 }));
    await expect(deleteEndpoint(empty.ctx, 'we_1/../x')).resolves.toBeUndefined();
    expect(empty.seen[0]?.url).toBe('http://localhost:3400/sandbox/webhooks/endpoints/we_1%2F..%2Fx');
    const list = fakeFetch(() => Response.json({ data: [{ id: 'msg_1' }] }));
    await expect(listMessages(list.ctx, 5)).resolves.toEqual([{ id: 'msg_1' }]);
    expect(list.seen[0]?.url).toBe('http://localhost:3400/sandbox/webhooks/messages?limit=5');
  });
});
