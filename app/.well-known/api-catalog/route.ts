import { API_CATALOG_CONTENT_TYPE, apiCatalog } from '@/lib/discovery/api-catalog';
import { absoluteUrl, PATHS } from '@/lib/urls';

export const dynamic = 'force-static';

/** Headers of both methods: the media type, and the `api-catalog` link to itself (RFC 9727 §3). */
function headers(): HeadersInit {
  return {
    'Content-Type': API_CATALOG_CONTENT_TYPE,
    Link: `<${absoluteUrl(PATHS.apiCatalog)}>; rel="api-catalog"`,
  };
}

/** GET /.well-known/api-catalog: the RFC 9727 API catalog (lib/discovery/api-catalog.ts). */
export function GET(): Response {
  return new Response(JSON.stringify(apiCatalog(), null, 2), { headers: headers() });
}

/** HEAD /.well-known/api-catalog: the same headers, so a client can find the catalog's link without the body. */
export function HEAD(): Response {
  return new Response(null, { headers: headers() });
}
