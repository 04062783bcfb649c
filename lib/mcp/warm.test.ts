import { describe, expect, it, vi } from 'vitest';

import { listMarkdownPages, pageMarkdown } from '@/lib/markdown/pages';

import { searchDocs } from './search';
import { warmMcp } from './warm';

vi.mock('./search', () => ({ searchDocs: vi.fn(async () => Promise.reject(new Error('index failed'))) }));
vi.mock('@/lib/markdown/pages', () => ({
  listMarkdownPages: vi.fn(() => [{ href: '/' }, { href: '/docs/a' }, { href: '/docs/b' }]),
  pageMarkdown: vi.fn((href: string) => {
    if (href === '/docs/a') throw new Error('render failed');
    return '# x';
  }),
}));

describe('warmMcp', () => {
  it('builds the search index and renders every page, and a failure in either does not stop it or reject', async () => {
    await expect(warmMcp()).resolves.toBeUndefined();
    expect(searchDocs).toHaveBeenCalledTimes(1);
    expect(listMarkdownPages).toHaveBeenCalledTimes(1);
    expect(vi.mocked(pageMarkdown).mock.calls.map(([href]) => href)).toEqual(['/', '/docs/a', '/docs/b']);
  });
});
