import { llmsIndex } from '@/lib/llms';

export const dynamic = 'force-static';

/** `/llms.txt`: an index of the guides and reference pages for language models (llmstxt.org). */
export function GET() {
  return new Response(llmsIndex(), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
