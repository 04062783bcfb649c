import type { MetadataRoute } from 'next';

import { lastUpdated, listGuides } from '@/lib/content';
import { allNavigationHrefs } from '@/lib/navigation';
import { siteUrl } from '@/lib/site';

/** `/sitemap.xml`: the home page and every page of the navigation; guides carry their last-updated date. */
export default function sitemap(): MetadataRoute.Sitemap {
  const guides = new Map(listGuides().map((guide) => [guide.href, guide]));
  return ['/', ...allNavigationHrefs()].map((href) => {
    const guide = guides.get(href);
    return { url: `${siteUrl()}${href === '/' ? '' : href}`, ...(guide ? { lastModified: lastUpdated(guide) } : {}) };
  });
}
