import type { MetadataRoute } from 'next';

import { lastUpdated, listGuides } from '@/lib/content';
import { allPageHrefs } from '@/lib/navigation';
import { absoluteUrl } from '@/lib/urls';

/** `/sitemap.xml`: every page of the site (`allPageHrefs()`); guides carry their last-updated date. */
export default function sitemap(): MetadataRoute.Sitemap {
  const guides = new Map(listGuides().map((guide) => [guide.href, guide]));
  return allPageHrefs().map((href) => {
    const guide = guides.get(href);
    return { url: absoluteUrl(href), ...(guide ? { lastModified: lastUpdated(guide) } : {}) };
  });
}
