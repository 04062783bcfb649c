import { servedDocumentYaml } from '@/lib/openapi';

/** Generated once at build time: the document only changes with a new build. */
export const dynamic = 'force-static';

/** GET /openapi.yaml: the AeThex OpenAPI 3.1 document as YAML, for download. */
export function GET(): Response {
  return new Response(servedDocumentYaml(), {
    headers: {
      'Content-Type': 'application/yaml; charset=utf-8',
      'Content-Disposition': 'inline; filename="aethex-openapi.yaml"',
    },
  });
}
