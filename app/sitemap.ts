import type { MetadataRoute } from 'next';

import { lastUpdated, listGuides } from '@/lib/content';
import { allNavigationHrefs } from '@/lib/navigation';
import { absoluteUrl, PATHS } from '@/lib/urls';

/** `/sitemap.xml`: the home page and every page of the navigation; guides carry their last-updated date. */
export default function sitemap(): MetadataRoute.Sitemap {
  const guides = new Map(listGuides().map((guide) => [guide.href, guide]));
  return [PATHS.home, ...allNavigationHrefs()].map((href) => {
    const guide = guides.get(href);
    return { url: absoluteUrl(href), ...(guide ? { lastModified: lastUpdated(guide) } : {}) };
  });
}
