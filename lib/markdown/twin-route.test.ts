import { describe, expect, it } from 'vitest';

import { markdownRoutePath, markdownRouteSlug, prefersMarkdown } from './twin-route';

describe('content negotiation for Markdown twins', () => {
  it('gives Markdown only to a client that names text/markdown at least as high as HTML', () => {
    const markdown = [
      'text/markdown',
      'text/markdown, text/html',
      'text/html;q=0.5, text/markdown',
      'text/markdown, */*;q=0.1',
      'TEXT/Markdown; charset=utf-8',
    ];
    const html = [
      null,
      '',
      '*/*',
      'text/*',
      'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
      'text/html, text/markdown;q=0.9',
      'text/markdown;q=0, */*',
      'text/markdown;q=0.5, text/*',
      'application/json',
    ];
    for (const accept of markdown) expect(prefersMarkdown(accept), String(accept)).toBe(true);
    for (const accept of html) expect(prefersMarkdown(accept), String(accept)).toBe(false);
  });

  it('maps pages and twins onto the Markdown route', () => {
    expect(markdownRoutePath('/')).toBe('/md/index');
    expect(markdownRoutePath('/reference/listProjects')).toBe('/md/reference/listProjects');
    expect(markdownRouteSlug('/index.md')).toEqual(['index']);
    // proxy.ts rewrites to this path on the request's origin: no path may turn it into another origin.
    for (const hostile of [
      '//evil.example/x',
      '///evil.example',
      '/\\evil.example',
      '/..//evil.example',
      '/%2F%2Fevil',
    ])
      expect(new URL(markdownRoutePath(hostile), 'http://portal.test').origin, hostile).toBe('http://portal.test');
    expect(markdownRouteSlug('/reference/webhooks/deployment.succeeded.md')).toEqual([
      'reference',
      'webhooks',
      'deployment.succeeded',
    ]);
  });
});
