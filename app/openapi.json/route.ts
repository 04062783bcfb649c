import { servedDocument } from '@/lib/openapi';

/** Generated once at build time: the document only changes with a new build. */
export const dynamic = 'force-static';

/** GET /openapi.json: the AeThex OpenAPI 3.1 document as JSON, for download and tools. */
export function GET(): Response {
  return Response.json(servedDocument(), {
    headers: { 'Content-Disposition': 'inline; filename="aethex-openapi.json"' },
  });
}
