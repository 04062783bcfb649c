/**
 * Turns an operation of the document plus the console's form values into a concrete HTTP request
 * (RFC 9110 method + absolute URL + headers + body), the same shape lib/snippets' `sampleForRequest` takes.
 */
import type { SampleRequest } from '@/lib/snippets/types';

import type { ConsoleOperation } from './types';

/** What the user typed: parameter values keyed `in:name` (e.g. `query:page`) and the raw body text. */
export interface FormValues {
  readonly params: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * A request ready to send: the request a sample is written for (`path` the filled template, no base, no query),
 * plus `url`, the absolute URL with the query.
 */
export interface BuiltRequest extends SampleRequest {
  readonly url: string;
}

/** Where and how to send: base URL (no trailing slash), environment header, Authorization value. */
export interface RequestContext {
  readonly baseUrl: string;
  readonly environmentHeader: string;
  readonly environment: string;
  /** Full Authorization header value (`Bearer …` / `Basic …`), or undefined to send none. */
  readonly authorization?: string;
}

/** The key a parameter's value is stored under in `FormValues.params`. */
export function paramKey(param: { readonly in: string; readonly name: string }): string {
  return `${param.in}:${param.name}`;
}

/**
 * Initial form values for an operation: path and query parameters prefilled with the document's
 * example, optional headers left empty (their example is only a placeholder), body = first example.
 */
export function initialValues(operation: ConsoleOperation): FormValues {
  const params: Record<string, string> = {};
  for (const param of operation.parameters) {
    params[paramKey(param)] = param.in === 'header' && !param.required ? '' : param.example;
  }
  return { params, body: operation.body?.examples[0]?.json ?? '' };
}

/** Names of required parameters with no value (trimmed), in document order. */
export function missingParams(operation: ConsoleOperation, values: FormValues): string[] {
  return operation.parameters
    .filter((param) => param.required && !(values.params[paramKey(param)] ?? '').trim())
    .map((param) => param.name);
}

/** JSON object of form fields → `application/x-www-form-urlencoded` text (strings as is, others JSON-encoded). */
function formEncode(bodyText: string): string {
  const parsed: unknown = JSON.parse(bodyText);
  const fields =
    parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  return new URLSearchParams(
    Object.entries(fields).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]),
  ).toString();
}

/**
 * Builds the request. Path parameters are percent-encoded into the template; empty optional
 * values are left out; the body is sent as the operation's media type.
 * @throws SyntaxError if a form-encoded body is not valid JSON (JSON bodies are sent as typed).
 */
export function buildRequest(operation: ConsoleOperation, values: FormValues, context: RequestContext): BuiltRequest {
  const valueOf = (param: ConsoleOperation['parameters'][number]) => (values.params[paramKey(param)] ?? '').trim();
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const param = operation.parameters.find((p) => p.in === 'path' && p.name === name);
    return encodeURIComponent(param ? valueOf(param) : '');
  });
  const query = operation.parameters
    .filter((param) => param.in === 'query' && valueOf(param) !== '')
    .map((param) => [param.name, valueOf(param)] as const);
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const idempotencyHeader = operation.parameters.find((param) => param.role === 'idempotency-key')?.name;
  if (context.environment) headers[context.environmentHeader] = context.environment;
  for (const param of operation.parameters) {
    if (param.in === 'header' && valueOf(param) !== '') headers[param.name] = valueOf(param);
  }
  if (context.authorization) headers.Authorization = context.authorization;
  let body: string | undefined;
  if (operation.body && values.body.trim() !== '') {
    headers['Content-Type'] = operation.body.mediaType;
    body = operation.body.mediaType === 'application/json' ? values.body : formEncode(values.body);
  }
  const search = query.length > 0 ? `?${new URLSearchParams(query.map(([k, v]) => [k, v])).toString()}` : '';
  return {
    method: operation.method,
    url: `${context.baseUrl}${path}${search}`,
    path,
    query,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(idempotencyHeader ? { idempotencyHeader } : {}),
  };
}

/**
 * Form values taken over from a URL (e.g. a `Link` target): each query parameter the operation
 * documents gets the URL's value; everything else is kept.
 */
export function valuesFromUrl(operation: ConsoleOperation, values: FormValues, url: string): FormValues {
  const search = new URL(url).searchParams;
  const params = { ...values.params };
  for (const param of operation.parameters) {
    if (param.in === 'query' && search.has(param.name)) params[paramKey(param)] = search.get(param.name) ?? '';
  }
  return { ...values, params };
}
