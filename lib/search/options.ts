/**
 * Search settings shared by the build (lib/search/build.ts) and the browser (the search dialog):
 * MiniSearch must load a serialised index with the same fields and tokenizer it was built with.
 * Browser-safe: no Node APIs, no OpenAPI access.
 */
import type { Options, SearchOptions } from 'minisearch';
import { stemmer } from 'stemmer';

/** What one search result is. */
export type SearchKind = 'guide' | 'section' | 'operation' | 'webhook' | 'error' | 'field';

/** A document of the index. `url` is a site path, possibly with a `#fragment`. */
export type SearchDoc = {
  id: string;
  kind: SearchKind;
  title: string;
  /** Where it lives: the guide of a heading, the schema of a field, `GET /v1/projects` for an operation. */
  section: string;
  url: string;
  /** Exact identifiers (operationId, path, status code, event name): matched with a higher boost. */
  keywords: string;
  text: string;
};

/** A stored result (what the dialog shows). */
export type SearchHit = Pick<SearchDoc, 'id' | 'kind' | 'title' | 'section' | 'url'>;

/** Kinds ranked first on equal text scores: a status code or operation beats a prose mention. */
const KIND_BOOST: Record<SearchKind, number> = {
  error: 3,
  operation: 2.5,
  webhook: 2.5,
  guide: 1.5,
  section: 1,
  field: 0.6,
};

/** Words a question carries that say nothing of what it is about ("how do I paginate through projects"). */
const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be by can do does for from how i in into is it me my of on or the this through to what when where which why with you your'.split(
    ' ',
  ),
);

/**
 * One query term: lower-cased, English stop words dropped, Porter-stemmed, so "paginate" and "paginating" find
 * "pagination" (stem "pagin") and a question in words finds what its nouns and verbs name.
 * @returns the stem, or null for a stop word (MiniSearch then skips the term)
 */
export function queryTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return STOP_WORDS.has(lower) ? null : stemmer(lower);
}

/**
 * One indexed term: its stem (what queryTerm makes of a whole word) and the word itself, lower-cased, so a word
 * still being typed ("paginat", whose stem is itself) prefix-matches the word as written.
 * @returns one or two terms, or null for a stop word
 */
export function indexTerm(term: string): string | string[] | null {
  const lower = term.toLowerCase();
  if (STOP_WORDS.has(lower)) return null;
  const stem = stemmer(lower);
  return stem === lower ? lower : [stem, lower];
}

/** MiniSearch index options (fields, stored fields, term processing). */
export const INDEX_OPTIONS: Options<SearchDoc> = {
  fields: ['title', 'keywords', 'text'],
  storeFields: ['kind', 'title', 'section', 'url'],
  processTerm: indexTerm,
};

/** Query options: prefix matching while typing, light fuzziness for longer words, kind boosts. */
export const QUERY_OPTIONS: SearchOptions = {
  boost: { title: 3, keywords: 4, text: 1 },
  processTerm: queryTerm,
  prefix: true,
  fuzzy: (term) => (term.length > 4 ? 0.15 : false),
  combineWith: 'AND',
  boostDocument: (_id, _term, stored) => KIND_BOOST[(stored?.kind as SearchKind | undefined) ?? 'section'] ?? 1,
};

/** How many results the dialog lists. */
export const MAX_RESULTS = 8;
