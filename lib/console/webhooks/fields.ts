/**
 * Field errors of an RFC 9457 problem (`errors: [{field: <JSON pointer>, message}]`) placed next to the endpoint
 * form's fields: `/url` by the URL, `/events` and `/events/<n>` by the event checkboxes, anything else (e.g.
 * `/description`, or a body-level `""`) under the form.
 */

/** Messages per form field; several messages for one field are joined with a space. */
export interface EndpointFieldErrors {
  readonly url?: string;
  readonly events?: string;
  readonly other?: string;
}

/** Groups a problem's `{pointer: message}` map by the form field each pointer names. */
export function fieldErrors(fields: Readonly<Record<string, string>>): EndpointFieldErrors {
  const out: Record<keyof EndpointFieldErrors, string[]> = { url: [], events: [], other: [] };
  for (const [pointer, message] of Object.entries(fields)) {
    const top = pointer.split('/')[1];
    (top === 'url' ? out.url : top === 'events' ? out.events : out.other).push(message);
  }
  const join = (list: string[]) => (list.length ? list.join(' ') : undefined);
  return Object.fromEntries(
    Object.entries(out).flatMap(([key, list]) => (join(list) ? [[key, join(list)]] : [])),
  ) as EndpointFieldErrors;
}
