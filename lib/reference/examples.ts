/**
 * Example values for the reference pages, taken from the OpenAPI document (named `examples`,
 * then `example`, then the schema's own examples); nothing is invented here.
 */
import { isRecord } from '@/lib/is-record';
import { firstExample, followRefChain, type MediaTypeObject, type RefResolver, type Webhook } from '@/lib/openapi';

/** A named example of a media type. */
export interface NamedExample {
  name: string;
  summary?: string;
  value: unknown;
}

/**
 * The examples of one media type, in document order.
 * @param media a Media Type Object (resolved, or with Reference Objects among `examples` when `resolve` is given)
 * @param resolve resolves `$ref`s of named examples
 * @param operationId the operation the examples are shown for: a named example of a shared response that names
 *   other operations in `x-aethex-operations` (its detail, scope or path is theirs) is left out
 * @returns named examples that carry a `value` (`externalValue`-only and unresolvable ones are left out);
 *   `example` and the schema's `example`/`examples` when there are none
 */
export function mediaExamples(
  media: MediaTypeObject | undefined,
  resolve?: RefResolver,
  operationId?: string,
): NamedExample[] {
  if (!media) return [];
  const named = Object.entries(media.examples ?? {}).flatMap(([name, raw]) => {
    const example = resolve ? followRefChain(raw, resolve).value : raw;
    return isRecord(example) && 'value' in example && appliesTo(example, operationId)
      ? [{ name, summary: typeof example.summary === 'string' ? example.summary : undefined, value: example.value }]
      : [];
  });
  if (named.length > 0) return named;
  const loose = media as Record<string, unknown>;
  const schema = media.schema ?? {};
  const hasExample = 'example' in loose || 'example' in schema || (schema.examples?.length ?? 0) > 0;
  return hasExample ? [{ name: 'example', value: firstExample(media) }] : [];
}

/** Whether a named example applies to an operation: it names none in `x-aethex-operations`, or names this one. */
function appliesTo(example: Record<string, unknown>, operationId: string | undefined): boolean {
  const only = example['x-aethex-operations'];
  return operationId === undefined || !Array.isArray(only) || only.includes(operationId);
}

/** A value as pretty JSON text (2-space indent), or the string itself when it already is text. */
export function toJsonText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? '');
}

/**
 * An example delivery of a webhook event as it reaches a receiver: the three Standard Webhooks headers
 * (each header parameter's `example`) and the body (the event's first example, compact JSON as sent).
 * @returns header name/value pairs and the raw body text
 */
export function exampleDelivery(webhook: Webhook): { headers: [string, string][]; body: string } {
  const headers = webhook.headers.map((header): [string, string] => [header.name, String(header.example ?? '')]);
  return { headers, body: JSON.stringify(webhook.example) };
}

/**
 * An example delivery of a webhook event as an HTTP request text (request line, headers, blank line, body), for the
 * event's page and its Markdown twin.
 * @returns `sent`: the body as sent, one line of JSON (what the signature covers); `shown`: the body pretty-printed
 */
export function exampleDeliveryHttp(webhook: Webhook): { sent: string; shown: string } {
  const delivery = exampleDelivery(webhook);
  const head = [
    'POST /your-webhook-endpoint HTTP/1.1',
    'Content-Type: application/json',
    ...delivery.headers.map(([name, value]) => `${name}: ${value}`),
    '',
  ];
  return { sent: [...head, delivery.body].join('\n'), shown: [...head, toJsonText(webhook.example)].join('\n') };
}
