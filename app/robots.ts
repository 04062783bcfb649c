import type { MetadataRoute } from 'next';

import { siteUrl } from '@/lib/site';

/** `/robots.txt`: everything may be crawled except the sandbox API and the console's OAuth callback. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: ['/sandbox/', '/console/callback'] },
    sitemap: `${siteUrl()}/sitemap.xml`,
  };
}
