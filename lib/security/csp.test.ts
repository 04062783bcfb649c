import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { inlineScriptHashes } from '../../scripts/csp-hashes';
import { buildCsp, connectSources, hashesFor, pageKey } from './csp';

describe('buildCsp', () => {
  it('allows inline scripts only by hash, never unsafe-inline or unsafe-eval', () => {
    const csp = buildCsp(['sha256-abc']);
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src '));
    expect(scriptSrc).toBe("script-src 'self' 'sha256-abc'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('limits connect-src to our origin, production, loopback sandboxes and configured targets', () => {
    expect(connectSources({ CONSOLE_TARGETS: 'https://api.example.test, javascript:alert(1)' })).toEqual([
      "'self'",
      'https://api.aethex.dev',
      'http://localhost:*',
      'http://127.0.0.1:*',
      'https://api.example.test',
    ]);
  });
});

describe('page lookup', () => {
  const manifest = { '/': ['sha256-home'], '/docs/quickstart': ['sha256-qs'], '/_not-found': ['sha256-404'] };
  it('normalises paths', () => {
    expect(pageKey('/')).toBe('/');
    expect(pageKey('/docs/quickstart/')).toBe('/docs/quickstart');
    expect(hashesFor(manifest, '/docs/quickstart/')).toEqual(['sha256-qs']);
  });
  it('gives unknown paths the 404 page hashes', () => {
    expect(hashesFor(manifest, '/nope')).toEqual(['sha256-404']);
  });
});

describe('inlineScriptHashes', () => {
  it('hashes inline scripts exactly (CSP3 hash-source) and skips external ones', () => {
    const body = 'self.__next_f.push([1,"<\\/script>"])';
    const html = `<!doctype html><html><head><script src="/a.js"></script><script>${body}</script></head><body></body></html>`;
    const expected = `sha256-${createHash('sha256').update(body).digest('base64')}`;
    expect(inlineScriptHashes(html)).toEqual([expected]);
  });
});
