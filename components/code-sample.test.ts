import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { LANGUAGES, sampleForOperation, sampleForRequest } from '@/lib/snippets';

import { CodeSample } from './code-sample';

describe('CodeSample', () => {
  it('renders all six languages highlighted, with each sample as the copy source', async () => {
    const element = await CodeSample({ operationId: 'listProjects' });
    const props = element.props as { tabs: { id: string; source: string; html: string }[]; title: string };
    expect(props.tabs.map((tab) => tab.id)).toEqual(LANGUAGES.map((l) => l.id));
    for (const tab of props.tabs) {
      expect(tab.source).toBe(sampleForOperation('listProjects', tab.id));
      expect(tab.html).toMatch(/^<pre class="shiki shiki-themes github-light github-dark"/);
    }
    expect(props.title).toBe('Request');
    const html = renderToString(element);
    expect(html.split('role="tab"').length - 1).toBe(6);
    expect(html).toContain('--shiki-dark');
  });

  it('renders a concrete request without embedding the token unless asked', async () => {
    const request = {
      method: 'GET',
      path: '/v1/projects',
      query: [['page', '3']] as [string, string][],
      headers: { Authorization: 'Bearer atx_live_secret' },
    };
    const plain = await CodeSample({ request });
    const plainTabs = (plain.props as { tabs: { id: string; source: string }[] }).tabs;
    expect(plainTabs.every((tab) => !tab.source.includes('atx_live_secret'))).toBe(true);
    expect(plainTabs[2]?.source).toBe(sampleForRequest(request, 'python'));
    const embedded = await CodeSample({ request, options: { includeToken: 'atx_live_secret' }, title: 'Your request' });
    expect(
      (embedded.props as { tabs: { source: string }[] }).tabs.every((tab) => tab.source.includes('atx_live_secret')),
    ).toBe(true);
  });

  it('fails for an unknown operation', async () => {
    await expect(CodeSample({ operationId: 'noSuchOperation' })).rejects.toThrow(/no operation/);
  });
});
