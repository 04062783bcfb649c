import { describe, expect, it } from 'vitest';

import { countRows, createTestApp, send, testSandbox } from './test-helpers';

const sandbox = testSandbox();

describe('a JSON body that is not an object', () => {
  it('gets a 400 naming what it is, and nothing is stored (a JSON string holding an object included)', async () => {
    const app = await createTestApp(sandbox);
    const before = await countRows(sandbox, 'projects');
    for (const [body, what] of [
      [JSON.stringify(JSON.stringify({ name: 'x' })), 'a JSON string'],
      ['"hello"', 'a JSON string'],
      ['true', 'a JSON boolean'],
      ['0', 'a JSON number'],
      ['null', 'null'],
    ] as const) {
      const response = await send(sandbox, '/v1/projects', {
        method: 'POST',
        headers: { Authorization: `Bearer ${app.personal_access_token}`, 'Content-Type': 'application/json' },
        body,
      });
      expect(response.status, body).toBe(400);
      const problem = (await response.json()) as { detail: string; errors: { field: string; message: string }[] };
      expect(problem.errors, body).toEqual([{ field: '', message: `must be a JSON object, not ${what}` }]);
    }
    expect(await countRows(sandbox, 'projects')).toBe(before);
  });
});
