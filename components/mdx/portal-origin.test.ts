import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { getGuide } from '@/lib/content';
import { highlight } from '@/lib/highlight';
import { AUTHORED_ORIGIN } from '@/lib/site';
import { FILL_SENTINELS } from '@/lib/snippets/fill';

import { FencedCodeBlock, withOriginSentinel } from './fenced-code-block';

const content = path.resolve('content');
const guides = readdirSync(content, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.mdx'));
/** Every fenced block of every guide that names the portal origin. */
const blocks = guides.flatMap((file) =>
  [...readFileSync(path.join(content, file), 'utf8').matchAll(/^```(\w*)[^\n]*\n([\s\S]*?)^```/gm)]
    .filter((match) => match[2]?.includes(AUTHORED_ORIGIN))
    .map((match) => ({ file, lang: match[1] || 'text', code: match[2] ?? '' })),
);
const count = (text: string) => text.split(FILL_SENTINELS.origin).length - 1;

afterEach(() => vi.unstubAllEnvs());

describe('guides name the portal origin the reader uses', () => {
  it('the guides have code blocks naming the origin (else this test checks nothing)', () => {
    expect(blocks.length).toBeGreaterThan(2);
  });

  it.each(blocks)('$file ($lang): the origin sentinel survives highlighting intact', async ({ code, lang }) => {
    const source = withOriginSentinel(code);
    expect(source).not.toContain(AUTHORED_ORIGIN);
    expect(count(await highlight(source, lang))).toBe(count(source));
  });

  it('a fenced block shows PORTAL_URL in server HTML, never the sentinel', async () => {
    vi.stubEnv('PORTAL_URL', 'https://portal.example:8443/');
    const code = createElement('code', { className: 'language-bash' }, `curl ${AUTHORED_ORIGIN}/sandbox/apps\n`);
    const html = renderToString(await FencedCodeBlock({ children: code }));
    expect(html).toContain('https://portal.example:8443/sandbox/apps');
    expect(html).not.toMatch(/AETHEXFILL|localhost:3000/);
  });

  it('prose and inline code become <PortalOrigin /> when a guide compiles', async () => {
    const guide = await getGuide('making-requests');
    expect(guide?.code).toContain('PortalOrigin');
    // Left in the compiled guide only inside fenced code (filled in by FencedCodeBlock).
    expect(guide?.code.split(AUTHORED_ORIGIN).length).toBeLessThan(3);
  });
});
