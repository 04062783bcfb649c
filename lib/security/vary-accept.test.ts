import { describe, expect, it } from 'vitest';

import { variesOnAccept, withAccept } from './vary-accept';

describe('withAccept', () => {
  it('adds Accept once, keeping the other fields', () => {
    expect(withAccept(undefined)).toBe('Accept');
    expect(withAccept('rsc, Accept-Encoding')).toBe('Accept, rsc, Accept-Encoding');
    expect(withAccept(['rsc', 'Accept-Encoding'])).toBe('Accept, rsc, Accept-Encoding');
    expect(withAccept('Accept-Encoding, accept')).toBe('Accept-Encoding, accept');
    expect(withAccept('*')).toBe('*');
  });
});

describe('variesOnAccept', () => {
  it('holds for GET and HEAD of pages and twins, not for the APIs, assets or other methods', () => {
    for (const target of ['/', '/docs/quickstart', '/reference/listProjects.md', '/sandboxes', '/mcpx'])
      expect(variesOnAccept('GET', target), target).toBe(true);
    expect(variesOnAccept('HEAD', '/docs/quickstart')).toBe(true);
    for (const target of ['/sandbox', '/sandbox/v1/projects', '/mcp', '/mcp?x', '/_next/static/a.js'])
      expect(variesOnAccept('GET', target), target).toBe(false);
    expect(variesOnAccept('POST', '/docs/quickstart')).toBe(false);
  });
});
