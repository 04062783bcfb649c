import { buildSearchIndex } from '@/lib/search/build';

export const dynamic = 'force-static';

/** The site search index (MiniSearch JSON), built once at build time and fetched by the search dialog on first open. */
export async function GET() {
  return new Response(await buildSearchIndex(), { headers: { 'Content-Type': 'application/json' } });
}
