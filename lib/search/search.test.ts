import { gzipSync } from 'node:zlib';

import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';

import { buildSearchIndex } from './build';
import { INDEX_OPTIONS, type SearchDoc } from './options';
import { runQuery } from './query';

describe('site search', async () => {
  const json = await buildSearchIndex();
  const index = MiniSearch.loadJSON<SearchDoc>(json, INDEX_OPTIONS);

  it('stays under 100 KB gzip', () => {
    expect(gzipSync(json).length).toBeLessThan(100 * 1024);
  });
  it.each([
    ['429', 'error:429'],
    ['metrics', 'operation:getProjectMetrics'],
    ['listProjects', 'operation:listProjects'],
    ['member.invited', 'webhook:member.invited'],
    ['idempotency', 'guide:/docs/idempotency'],
    ['rate limit', 'guide:/docs/rate-limits'],
    ['paginate', 'guide:/docs/pagination'],
    ['paginat', 'guide:/docs/pagination'],
  ])('ranks %s first', (query, id) => {
    expect(runQuery(index, query)[0]?.id).toBe(id);
  });
  it('answers a question in words with its subject among the first three (stop words dropped, words stemmed)', () => {
    const ids = runQuery(index, 'how do I paginate through projects', 3).map((hit) => hit.id);
    expect(ids).toContain('guide:/docs/pagination');
  });
  it('finds guide headings and schema fields', () => {
    expect(
      runQuery(index, 'adaptive backoff').some((hit) => hit.url === '/docs/rate-limits#adaptive-backoff-with-jitter'),
    ).toBe(true);
    expect(runQuery(index, 'auto_deploy').some((hit) => hit.kind === 'field')).toBe(true);
  });
  it('returns at most `limit` hits (the dialog lists MAX_RESULTS, the MCP search_docs tool up to 20)', () => {
    expect(runQuery(index, 'project')).toHaveLength(8);
    expect(runQuery(index, 'project', 3)).toHaveLength(3);
  });
  it('returns nothing for blank input', () => {
    expect(runQuery(index, '   ')).toEqual([]);
  });
});
