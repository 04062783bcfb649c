/**
 * Facts for the reference overview page, read from the OpenAPI document through lib/openapi.ts:
 * the sections of `info.description`, security schemes, scopes and the operations needing them,
 * and the reusable request and response headers.
 */
import { deref, getDocument, listOperations, listScopes, type HeaderObject, type ParameterObject } from '@/lib/openapi';

import { splitSections, type MarkdownSection } from '../markdown/render';
import { isRecord } from './schema-meta';

function components(): Record<string, unknown> {
  const value = getDocument().components;
  return isRecord(value) ? value : {};
}

function entries(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value) : [];
}

/** `info.summary`, the text before the first section, and each `## section` of `info.description`. */
export function overviewSections(): { summary: string; intro: string; sections: MarkdownSection[] } {
  const info = isRecord(getDocument().info) ? (getDocument().info as Record<string, unknown>) : {};
  const text = typeof info.description === 'string' ? info.description : '';
  return { summary: typeof info.summary === 'string' ? info.summary : '', ...splitSections(text) };
}

/** One security scheme, summarised: `type` is e.g. `oauth2 (clientCredentials, authorizationCode)` or `http bearer`. */
export interface SchemeSummary {
  name: string;
  type: string;
  description: string;
}

/** Every entry of `components.securitySchemes`, in document order. */
export function securitySchemes(): SchemeSummary[] {
  return entries(components().securitySchemes).map(([name, raw]) => {
    const scheme = deref(raw) as Record<string, unknown>;
    const flows = isRecord(scheme.flows) ? ` (${Object.keys(scheme.flows).join(', ')})` : '';
    const detail = typeof scheme.scheme === 'string' ? ` ${scheme.scheme}` : '';
    return { name, type: `${String(scheme.type)}${detail}${flows}`, description: String(scheme.description ?? '') };
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
  return entries(components().headers).map(([name, raw]) => [name, deref(raw) as HeaderObject]);
}

/** The name of the document's oauth2 security scheme, if it has one. */
export function oauth2SchemeName(): string | undefined {
  return securitySchemes().find((scheme) => scheme.type.startsWith('oauth2'))?.name;
}
