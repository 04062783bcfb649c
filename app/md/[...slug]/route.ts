import { findGuide, guideMarkdown, listGuides } from '@/lib/content';
import { markdownResolvers } from '@/lib/content/resolvers';

export const dynamic = 'force-static';
export const dynamicParams = false;

/** One Markdown twin per guide; `/docs/<slug>.md` is rewritten here (next.config.mjs). */
export function generateStaticParams() {
  return listGuides().map((guide) => ({ slug: guide.slug }));
}

/** The guide as Markdown (`text/markdown`, RFC 7763). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string[] }> }) {
  const guide = findGuide((await params).slug);
  if (!guide) return new Response('Not found', { status: 404 });
  return new Response(guideMarkdown(guide, markdownResolvers()), {
    headers: { 'Content-Type': 'text/markdown; charset=utf-8' },
  });
}
