import { readdirSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { listOperations } from '@/lib/openapi';

import { sandbox } from './handler';

// The portal's mount (app/sandbox/, README "Mounted routes"): one route file per fixed path of the document, a
// catch-all for the rest, and every file handing every method to the same sandbox handler.
const MOUNT = path.join(process.cwd(), 'app/sandbox');
const CATCH_ALL = '/[...path]';
const ROUTE_FILE = /^route\.(?:ts|tsx|js|mjs)$/;
/** Every method a route file must export: one missing would be answered by Next (no CORS, no problem+json). */
const METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

/** Each route file under app/sandbox: its path below the mount (`/v1/projects`, `/[...path]`) and its file. */
function routeFiles(dir = MOUNT): { route: string; file: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return ROUTE_FILE.test(entry.name)
      ? [{ route: `/${path.relative(MOUNT, dir).split(path.sep).join('/')}`, file: full }]
      : [];
  });
}

describe('the sandbox mounted in the portal', () => {
  it("has a route file for exactly the document's fixed paths, plus the catch-all", () => {
    const fixed = [
      ...new Set(
        listOperations()
          .map((operation) => operation.path)
          .filter((p) => !p.includes('{')),
      ),
    ].sort();
    const files = routeFiles().map((entry) => entry.route);
    expect(files).toContain(CATCH_ALL);
    expect(files.filter((file) => file !== CATCH_ALL).sort()).toEqual(fixed);
    expect(fixed.length).toBeGreaterThan(0);
  });

  it('every route file hands every method to the sandbox handler, rendered per request', async () => {
    for (const { file } of routeFiles()) {
      const route = (await import(file)) as Record<string, unknown>;
      expect(route.dynamic, file).toBe('force-dynamic');
      expect(route.runtime, file).toBe('nodejs');
      const methods = Object.keys(route)
        .filter((name) => /^[A-Z]+$/.test(name))
        .sort();
      expect(methods, file).toEqual(METHODS);
      for (const method of methods) expect(route[method], `${file} ${method}`).toBe(sandbox.handle);
    }
  });
});
