import { llmsFull } from '@/lib/llms';

export const dynamic = 'force-static';

/** `/llms-full.txt`: every guide and the whole API reference as one Markdown text. */
export function GET() {
  return new Response(llmsFull(), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
