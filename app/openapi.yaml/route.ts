import { servedDocumentYaml } from '@/lib/openapi';
import { codeSamplesExtension } from '@/lib/snippets';

/** Generated once at build time: the document only changes with a new build. */
export const dynamic = 'force-static';

/** GET /openapi.yaml: the AeThex OpenAPI 3.1 document as YAML (with `x-codeSamples`), for download. */
export function GET(): Response {
  return new Response(servedDocumentYaml(codeSamplesExtension), {
    headers: {
      'Content-Type': 'application/yaml; charset=utf-8',
      'Content-Disposition': 'inline; filename="aethex-openapi.yaml"',
    },
  });
}
