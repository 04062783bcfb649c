import type { MetadataRoute } from 'next';

import { absoluteUrl, PATHS } from '@/lib/urls';

/** `/robots.txt`: everything may be crawled except the sandbox API and the console's OAuth callback. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: [`${PATHS.sandbox}/`, PATHS.consoleCallback] },
    sitemap: absoluteUrl(PATHS.sitemap),
  };
}
