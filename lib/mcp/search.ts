/**
 * The site search (lib/search) for the MCP server: the same documents, index options and ranking as the search
 * dialog, built once per process (about 1.5 s: every guide is compiled for its headings) and kept.
 */
import MiniSearch from 'minisearch';

import { searchDocuments } from '@/lib/search/build';
import { INDEX_OPTIONS, type SearchDoc, type SearchKind } from '@/lib/search/options';
import { runQuery } from '@/lib/search/query';
import { absoluteUrl } from '@/lib/urls';

/** One search hit as search_docs returns it. */
export interface DocHit {
  title: string;
  kind: SearchKind;
  /** Absolute URL on the site origin (with a `#fragment` for a heading or a field). */
  url: string;
  /** Where it lives: the guide of a heading, the operation of a field, `GET /v1/projects` for an operation. */
  section: string;
  /** A line of text: the description, hint or summary, else where it lives. */
  snippet: string;
}

interface SearchIndex {
  index: MiniSearch<SearchDoc>;
  docs: ReadonlyMap<string, SearchDoc>;
}

const SNIPPET_CHARS = 300;
// One index per process, not per bundle: Next compiles instrumentation.ts (which builds it early, ./warm.ts) and the
// /mcp route into separate bundles, each with its own copy of this module.
const BUILDING = Symbol.for('aethex.mcp.searchIndex');
const holder = globalThis as { [BUILDING]?: Promise<SearchIndex> };

async function build(): Promise<SearchIndex> {
  const documents = await searchDocuments();
  const index = new MiniSearch<SearchDoc>(INDEX_OPTIONS);
  index.addAll(documents);
  return { index, docs: new Map(documents.map((doc) => [doc.id, doc])) };
}

/** The process's index, built on first use; a failed build is tried again by the next call. */
function searchIndex(): Promise<SearchIndex> {
  holder[BUILDING] ??= build().catch((error: unknown) => {
    holder[BUILDING] = undefined;
    throw error;
  });
  return holder[BUILDING];
}

function snippet(doc: SearchDoc): string {
  const text = doc.text.trim() || (doc.kind === 'section' ? `A section of the guide “${doc.section}”.` : doc.section);
  return text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS - 1)}…` : text;
}

/**
 * Ranked hits for a query, best first, with the site search's ranking (lib/search/query.ts runQuery).
 * @param query raw text; @param limit most hits
 * @returns `[]` for a blank query or no match
 * @throws Error when the index cannot be built (a guide that does not compile)
 */
export async function searchDocs(query: string, limit: number): Promise<DocHit[]> {
  const { index, docs } = await searchIndex();
  return runQuery(index, query, limit).map((hit) => {
    const doc = docs.get(hit.id);
    return {
      title: hit.title,
      kind: hit.kind,
      url: absoluteUrl(hit.url),
      section: hit.section,
      snippet: doc ? snippet(doc) : hit.section,
    };
  });
}
