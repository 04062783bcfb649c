/**
 * "Look up a request ID": the sandbox keeps a redacted log of every request it answers for a sandbox app
 * (`GET <base>/requests/{request_id}`, lib/sandbox/README.md); this fetches one exchange and explains a miss.
 */
import { fetchWithoutCredentials } from './send';

/** One side of a logged exchange; bodies are cut at the sandbox's documented size. */
export interface LoggedMessage {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
  readonly body_truncated: boolean;
  readonly body_bytes: number;
}

/** An exchange as the sandbox logged it (secrets redacted before storage). */
export interface LoggedExchange {
  readonly request_id: string;
  /** RFC 3339 instant the request arrived. */
  readonly received_at: string;
  readonly duration_ms: number;
  readonly request: LoggedMessage & { readonly method: string; readonly path: string; readonly query: string };
  readonly response: LoggedMessage & { readonly status: number };
}

/** The outcome of a lookup: the exchange, or the status and the problem's `detail` in words. */
export type LookupResult =
  | { readonly ok: true; readonly exchange: LoggedExchange }
  | { readonly ok: false; readonly status: number | null; readonly detail: string };

/**
 * `GET <baseUrl>/requests/{requestId}` with the sandbox app's credential.
 * @param bearer an access token or personal access token of the app whose log is read
 * @returns the exchange, or why not in the sandbox's words (404: not in this app's log, another app's ID alike;
 *   null status: nothing answered)
 */
export async function lookUpRequest(baseUrl: string, requestId: string, bearer: string): Promise<LookupResult> {
  let response: Response;
  try {
    response = await fetchWithoutCredentials(fetch)(`${baseUrl}/requests/${encodeURIComponent(requestId.trim())}`, {
      headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' },
    });
  } catch {
    return { ok: false, status: null, detail: 'The sandbox could not be reached.' };
  }
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok) return { ok: true, exchange: json as unknown as LoggedExchange };
  const detail = String(json.detail ?? json.title ?? 'The lookup failed.');
  return { ok: false, status: response.status, detail };
}
