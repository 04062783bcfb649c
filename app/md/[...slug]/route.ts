import { listMarkdownPages, pageMarkdown } from '@/lib/markdown/pages';
import { markdownRouteSlug } from '@/lib/markdown/twin-route';

export const dynamic = 'force-static';
export const dynamicParams = false;

/** One Markdown twin per page; `<page>.md` (and `Accept: text/markdown` on the page) is rewritten here. */
export function generateStaticParams() {
  return listMarkdownPages().map((page) => ({ slug: markdownRouteSlug(page.markdownHref) }));
}

/** The page as Markdown (`text/markdown`, RFC 7763); anything that is not a page is a 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string[] }> }) {
  const markdown = pageMarkdown(`/${(await params).slug.join('/')}.md`);
  if (markdown === undefined) return new Response('Not found', { status: 404 });
  return new Response(markdown, {
    headers: { 'Content-Type': 'text/markdown; charset=utf-8' },
  });
}
