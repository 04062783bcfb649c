/**
 * Facts for the errors page beyond the public error table (`x-aethex-errors`): the document's example
 * problem body per status and which statuses tell the client when to retry (`Retry-After`).
 */
import { isRecord } from '@/lib/is-record';
import { apiModel, listOperations } from '@/lib/openapi';

/**
 * The document's example problem body (RFC 9457) for an HTTP status: the first example, among the
 * reusable responses (`components.responses`), whose `status` equals `status`.
 * @returns the example value, or `undefined` when the document has none for that status
 */
export function problemExample(status: number): unknown {
  for (const { response } of apiModel().responses) {
    for (const media of Object.values(response.content)) {
      const hit = Object.values(media.examples ?? {}).find(
        (example) => isRecord(example.value) && example.value.status === status,
      );
      if (hit) return hit.value;
    }
  }
  return undefined;
}

/**
 * The statuses whose responses, in any operation, declare a `Retry-After` header (429 and 503 in the
 * AeThex document): clients should wait that many seconds before retrying with backoff.
 */
export function retryAfterStatuses(): Set<number> {
  const statuses = new Set<number>();
  for (const operation of listOperations()) {
    for (const [status, response] of Object.entries(operation.responses)) {
      if (Object.keys(response.headers).some((name) => name.toLowerCase() === 'retry-after'))
        statuses.add(Number(status));
    }
  }
  return statuses;
}
