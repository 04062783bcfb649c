/**
 * Field errors of an RFC 9457 problem (`errors: [{field: <JSON pointer>, message}]`) placed next to the endpoint
 * form's fields: `/url` by the URL, `/events` and `/events/<n>` by the event checkboxes, anything else (e.g.
 * `/description`, or a body-level `""`) under the form. The API writes for API callers (pointers, a "Send {…}" hint
 * about the request body); a form names its fields in words instead, so both are left out here.
 */

/** Messages per form field, as sentences; several messages for one field are joined with a space. */
export interface EndpointFieldErrors {
  readonly url?: string;
  readonly events?: string;
  readonly other?: string;
}

/** `message` as a sentence: `subject` (or a capital) in front, a full stop at the end. */
function sentence(message: string, subject?: string): string {
  const text = message.trim().replace(/[.;,\s]+$/, '');
  const body = subject ? `${subject} ${text}` : text.charAt(0).toUpperCase() + text.slice(1);
  return `${body}.`;
}

/**
 * Groups a problem's `{pointer: message}` map by the form field each pointer names, in words.
 * @param fields the problem's errors, keyed by JSON pointer (RFC 6901)
 * @param events the events the form sent, so `/events/<n>` is named by its event rather than its index
 */
export function fieldErrors(
  fields: Readonly<Record<string, string>>,
  events: readonly string[] = [],
): EndpointFieldErrors {
  const out: Record<keyof EndpointFieldErrors, string[]> = { url: [], events: [], other: [] };
  for (const [pointer, message] of Object.entries(fields)) {
    const [, top, index] = pointer.split('/');
    if (top === 'url') out.url.push(sentence(message, 'The URL'));
    else if (top === 'events') {
      const event = index === undefined ? undefined : events[Number(index)];
      out.events.push(sentence(message, event === undefined ? undefined : `Event ${event}`));
    } else {
      const field = top ? `${top.charAt(0).toUpperCase()}${top.slice(1)}` : undefined;
      out.other.push(sentence(message, field));
    }
  }
  const join = (list: string[]) => (list.length ? list.join(' ') : undefined);
  return Object.fromEntries(
    Object.entries(out).flatMap(([key, list]) => (join(list) ? [[key, join(list)]] : [])),
  ) as EndpointFieldErrors;
}

/**
 * The line under the form for a refused endpoint: the problem's detail without its request-body hint when no field
 * error says it better; otherwise only what the fields do not show, so no message appears twice.
 * @param detail the problem's `detail`; @param errors fieldErrors of its `errors`
 */
export function formProblem(detail: string, errors: EndpointFieldErrors): string {
  if (errors.url || errors.events) return `Not added: ${errors.other ?? 'see the fields above.'}`;
  if (errors.other) return `Not added: ${errors.other}`;
  return `Not added: ${detail.replace(/\s*Send \{.*$/s, '').trim()}`;
}
