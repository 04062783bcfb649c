/**
 * Finds parts of an operation's responses that repeat an earlier response (most often every error
 * status sharing one RFC 9457 problem schema and the same rate-limit headers), so the reference
 * renders each schema once and links to it instead of repeating tables of identical rows.
 */

/** The parts of a Response Object this module compares (a subset of OpenAPI 3.x Response Object). */
export type ComparableResponse = {
  headers: Readonly<Record<string, unknown>>;
  content: Readonly<Record<string, { schema?: unknown }>>;
};

/** For one status: which earlier status already shows the same headers, and per media type the same schema. */
export type ResponseRepeats = {
  headersAs?: string;
  schemaAs: Readonly<Record<string, string>>;
};

/** A stable text for structural comparison, or undefined when the value cannot be serialised (circular). */
function fingerprint(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/**
 * For each response in document order, names the first earlier status with identical headers, and per
 * media type the first earlier status whose body schema (for that same media type) is identical.
 * Empty header sets and absent schemas are never marked as repeats.
 * @param responses status (`'200'`, `'4XX'`, `'default'`) → Response Object, in the document's order
 * @returns status → {@link ResponseRepeats}; values not serialisable to JSON (cycles) are never deduplicated
 */
export function findRepeats(responses: Readonly<Record<string, ComparableResponse>>): Record<string, ResponseRepeats> {
  const seenHeaders = new Map<string, string>();
  const seenSchemas = new Map<string, string>();
  const result: Record<string, ResponseRepeats> = {};
  for (const [status, response] of Object.entries(responses)) {
    const headerKey = Object.keys(response.headers).length > 0 ? fingerprint(response.headers) : undefined;
    const headersAs = headerKey === undefined ? undefined : seenHeaders.get(headerKey);
    if (headerKey !== undefined && headersAs === undefined) seenHeaders.set(headerKey, status);
    const schemaAs: Record<string, string> = {};
    for (const [mediaType, media] of Object.entries(response.content)) {
      const body = media.schema === undefined ? undefined : fingerprint(media.schema);
      if (body === undefined) continue;
      const key = `${mediaType}\n${body}`;
      const earlier = seenSchemas.get(key);
      if (earlier === undefined) seenSchemas.set(key, status);
      else schemaAs[mediaType] = earlier;
    }
    result[status] = { headersAs, schemaAs };
  }
  return result;
}

/** The body most error responses of an operation share: one media type and its schema. */
export type SharedErrorBody = { mediaType: string; schema: unknown; fingerprint: string };

/**
 * The (media type, schema) pair used by the most error responses of an operation, when at least two share it:
 * the reference shows that schema once above the error list instead of once per status.
 * @param contents each error response's `content` (media type → Media Type Object), in status order
 * @returns the shared body, or `undefined` when no two responses share one (or schemas cannot be serialised)
 */
export function sharedErrorBody(
  contents: readonly Readonly<Record<string, { schema?: unknown }>>[],
): SharedErrorBody | undefined {
  const counts = new Map<string, SharedErrorBody & { count: number }>();
  for (const content of contents) {
    for (const [mediaType, media] of Object.entries(content)) {
      const body = media.schema === undefined ? undefined : fingerprint(media.schema);
      if (body === undefined) continue;
      const key = `${mediaType}\n${body}`;
      const entry = counts.get(key) ?? { mediaType, schema: media.schema, fingerprint: body, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
  }
  const best = [...counts.values()].sort((a, b) => b.count - a.count)[0];
  if (!best || best.count < 2) return undefined;
  const { mediaType, schema, fingerprint: text } = best;
  return { mediaType, schema, fingerprint: text };
}

/**
 * Whether one media type of a response is the shared error body (so its schema is not repeated).
 * @param shared the result of {@link sharedErrorBody}
 */
export function isSharedBody(shared: SharedErrorBody | undefined, mediaType: string, media: { schema?: unknown }) {
  return shared !== undefined && mediaType === shared.mediaType && fingerprint(media.schema) === shared.fingerprint;
}
