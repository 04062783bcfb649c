/**
 * The response examples an operation page offers in its side panel: one entry per documented status and named
 * example, with the header values and body a client would see. Every value comes from the document (header
 * `example`s, media type examples); a status without a body example still appears with its headers, so the
 * panel's switcher lists every documented status. A shared response's example written for other operations
 * (`x-aethex-operations`) is left out.
 */
import { exampleValue, type HeaderObject, type MediaTypeObject, type Operation, type RefResolver } from '@/lib/openapi';

import { mediaExamples, toJsonText } from './examples';

/** One choice of the response switcher. */
export interface ResponseExample {
  /** Unique within the operation: `200`, `200-pastTheEnd`, `429`. */
  readonly id: string;
  /** The status as written in the document: `'200'`, `'4XX'`, `'default'`. */
  readonly status: string;
  /** Whether the status is a success (2xx): the panel opens on the first of these. */
  readonly success: boolean;
  /** What the switcher shows: the example's summary, else its name when the status has several, else the response description. */
  readonly label: string;
  /** `name: value` pairs in document order: `Content-Type` first when there is a body, then each required header that has an example. */
  readonly headers: readonly (readonly [string, string])[];
  /** The body text (JSON pretty-printed), or `undefined` when the status documents no example body. */
  readonly body?: string;
  /** The body's media type, e.g. `application/problem+json`. */
  readonly mediaType?: string;
}

/** A header's example value as it is sent (lib/openapi `exampleValue`), or `undefined` when the document gives none. */
function headerExample(header: HeaderObject): string | undefined {
  const value = exampleValue(header);
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The media type whose examples the panel shows: the first JSON one, else the first. */
function pickMedia(content: Readonly<Record<string, MediaTypeObject>>): [string, MediaTypeObject] | undefined {
  const entries = Object.entries(content);
  return entries.find(([type]) => /json/i.test(type)) ?? entries[0];
}

/**
 * Every response example of an operation, in document order of statuses, then of named examples.
 * @param operation a resolved operation (lib/openapi)
 * @param resolve resolves `$ref`s among named examples (models built with `inlineSchemas: false`)
 * @returns at least one entry per documented status
 */
export function responseExamples(operation: Operation, resolve?: RefResolver): ResponseExample[] {
  return Object.entries(operation.responses).flatMap(([status, response]) => {
    const media = pickMedia(response.content);
    // Only headers sent on every such response: an optional one (Idempotent-Replayed) depends on the request.
    const headers = Object.entries(response.headers).flatMap(([name, header]) => {
      const value = header.required ? headerExample(header) : undefined;
      return value === undefined ? [] : [[name, value] as const];
    });
    const success = /^2/.test(status);
    const examples = media ? mediaExamples(media[1], resolve, operation.operationId) : [];
    const base = { status, success, headers: media ? [['Content-Type', media[0]] as const, ...headers] : headers };
    if (examples.length === 0) return [{ ...base, id: status, label: response.description }];
    return examples.map((example, index) => ({
      ...base,
      id: index === 0 ? status : `${status}-${example.name}`,
      label: example.summary ?? (examples.length > 1 ? example.name : response.description),
      body: toJsonText(example.value),
      mediaType: media?.[0],
    }));
  });
}
