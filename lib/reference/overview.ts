/**
 * Facts for the reference pages that the API model (lib/openapi/) holds in another shape: the sections of
 * `info.description` and one-line summaries of the security schemes. The scope table is
 * lib/markdown/reference-tables.ts `scopeTable()`; the headers are the model's `requestHeaders`/`responseHeaders`.
 */
import { apiModel } from '@/lib/openapi';

import { splitSections, type MarkdownSection } from '../markdown/render';

/** `info.summary`, the text before the first section, and each `## section` of `info.description`. */
export function overviewSections(): { summary: string; intro: string; sections: MarkdownSection[] } {
  const { summary, description } = apiModel().info;
  return { summary, ...splitSections(description) };
}

/** One security scheme, summarised: `type` is e.g. `oauth2 (clientCredentials, authorizationCode)` or `http bearer`. */
export interface SchemeSummary {
  name: string;
  type: string;
  description: string;
}

/** Every security scheme of the document summarised for a table, in document order. */
export function schemeSummaries(): SchemeSummary[] {
  return apiModel().securitySchemes.map((scheme) => {
    const flows = scheme.flows.length > 0 ? ` (${scheme.flows.join(', ')})` : '';
    const detail = scheme.scheme ? ` ${scheme.scheme}` : '';
    return { name: scheme.name, type: `${scheme.type}${detail}${flows}`, description: scheme.description };
  });
}
