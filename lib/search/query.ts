/**
 * Runs a query against a loaded index with the site's ranking; shared by the dialog, the unit test
 * and the benchmark so all three measure the same thing.
 */
import type MiniSearch from 'minisearch';

import { MAX_RESULTS, QUERY_OPTIONS, type SearchDoc, type SearchHit } from './options';

/**
 * The best hits for `query`: AND of all terms first, falling back to OR when that finds nothing.
 * @param index a MiniSearch loaded with INDEX_OPTIONS; @param query raw user text
 * @param limit how many hits at most (default MAX_RESULTS, what the dialog lists; the MCP search_docs tool asks more)
 * @returns up to `limit` hits, best first; `[]` for blank queries
 */
export function runQuery(index: MiniSearch<SearchDoc>, query: string, limit = MAX_RESULTS): SearchHit[] {
  const q = query.trim();
  if (!q) return [];
  let results = index.search(q, QUERY_OPTIONS);
  if (results.length === 0) results = index.search(q, { ...QUERY_OPTIONS, combineWith: 'OR' });
  return results
    .slice(0, limit)
    .map((r) => ({ id: String(r.id), kind: r.kind, title: r.title, section: r.section, url: r.url }));
}
