import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { GuideArticle } from '@/components/docs/guide-article';
import { DocsShell } from '@/components/sidebar';
import { getGuide, listGuides } from '@/lib/content';
import { markdownHref } from '@/lib/urls';

type Props = { params: Promise<{ slug: string[] }> };

export const dynamicParams = false;

/** One static page per guide in content/. */
export function generateStaticParams() {
  return listGuides().map((guide) => ({ slug: guide.slug }));
}

/** Title, description, canonical URL and Open Graph tags from the guide's frontmatter. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const guide = await getGuide((await params).slug.join('/'));
  if (!guide) return {};
  const { title, description, href } = guide.meta;
  return {
    title,
    description,
    alternates: { canonical: href, types: { 'text/markdown': markdownHref(href) } },
    openGraph: { title, description, type: 'article', url: href, modifiedTime: guide.lastUpdated },
  };
}

/** A guide page, statically generated from its MDX. */
export default async function GuidePage({ params }: Props) {
  const guide = await getGuide((await params).slug.join('/'));
  if (!guide) notFound();
  return (
    <DocsShell>
      <GuideArticle guide={guide} />
    </DocsShell>
  );
}
