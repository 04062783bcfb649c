/**
 * Facts for the reference overview page, read from the API model (lib/openapi/):
 * the sections of `info.description`, security schemes, scopes and the operations needing them,
 * and the reusable request and response headers.
 */
import { apiModel, listOperations, listScopes, type HeaderObject, type ParameterObject } from '@/lib/openapi';

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

/** Every security scheme of the document, in document order. */
export function securitySchemes(): SchemeSummary[] {
  return apiModel().securitySchemes.map((scheme) => {
    const flows = scheme.flows.length > 0 ? ` (${scheme.flows.join(', ')})` : '';
    const detail = scheme.scheme ? ` ${scheme.scheme}` : '';
    return { name: scheme.name, type: `${scheme.type}${detail}${flows}`, description: scheme.description };
  });
}

/** Each OAuth scope with its description and the operationIds that require it. */
export function scopeUsage(): { name: string; description: string; operationIds: string[] }[] {
  return listScopes().map((scope) => ({
    ...scope,
    operationIds: listOperations()
      .filter((operation) => operation.scopes.includes(scope.name))
      .map((operation) => operation.operationId),
  }));
}

/** The header parameters the operations accept (deduplicated by name, first occurrence): what a client may send. */
export function requestHeaders(): ParameterObject[] {
  const byName = new Map<string, ParameterObject>();
  for (const operation of listOperations()) {
    for (const parameter of operation.parameters) {
      if (parameter.in === 'header' && !byName.has(parameter.name.toLowerCase()))
        byName.set(parameter.name.toLowerCase(), parameter);
    }
  }
  return [...byName.values()];
}

/** The reusable response headers (`components.headers`), by name. */
export function responseHeaders(): [string, HeaderObject][] {
  return apiModel().responseHeaders.map(({ name, header }) => [name, header]);
}

/** The name of the document's oauth2 security scheme, if it has one. */
export function oauth2SchemeName(): string | undefined {
  return apiModel().oauth?.schemeName;
}
