import { servedDocument } from '@/lib/openapi';
import { codeSamplesExtension } from '@/lib/snippets';

/** Generated once at build time: the document only changes with a new build. */
export const dynamic = 'force-static';

/** GET /openapi.json: the AeThex OpenAPI 3.1 document as JSON (with `x-codeSamples`), for download and tools. */
export function GET(): Response {
  return Response.json(servedDocument(codeSamplesExtension), {
    headers: { 'Content-Disposition': 'inline; filename="aethex-openapi.json"' },
  });
}
