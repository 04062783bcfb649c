/**
 * Redaction of what the request log keeps (request-log.ts): secrets are recognised by the name of the field that
 * holds them (JSON keys, form and query parameters) and by the prefix of every secret the sandbox issues. A redacted
 * name keeps `[redacted]`; a recognised secret keeps its prefix (`atx_[redacted]`), so an entry still says which kind
 * of credential was sent.
 */

/** What replaces a secret. */
export const REDACTED = '[redacted]';

/**
 * Prefixes of the secrets the sandbox issues (access and refresh tokens, authorization codes, login tickets, client
 * secrets, personal access tokens, webhook signing secrets). Identifiers (`ten_`, `cli_`, `prj_`, `msg_`, …) prove
 * nothing and stay; redact.test.ts fails when a new prefix is issued without being classified here.
 */
export const SECRET_PREFIXES = ['atx_', 'rtx_', 'ac_', 'lt_', 'cs_', 'pat_', 'whsec_'] as const;

/**
 * Field and parameter names whose value is a secret, compared in lower case with `-` read as `_`: the OAuth
 * parameters (RFC 6749, RFC 7636), what POST /sandbox/apps and the login-ticket route return, the consent form's
 * sign-in field, and the usual names a caller may use for a password or token.
 */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'access_token',
  'assertion',
  'client_assertion',
  'client_secret',
  'code',
  'code_verifier',
  'id_token',
  'login_ticket',
  'pat',
  'password',
  'personal_access_token',
  'refresh_token',
  'secret',
  'token',
  'webhook_secret',
]);

// As isSecretField reads them: `client-secret` is `client_secret`.
const NAMES = [...SECRET_FIELDS].map((name) => name.replaceAll('_', '[-_]')).join('|');
// In a URL the separator may be percent-encoded (`code%5Fverifier=`), and the server decodes it.
const URL_NAMES = [...SECRET_FIELDS].map((name) => name.replaceAll('_', '(?:[-_]|%5[Ff]|%2[Dd])')).join('|');
const PREFIXES = SECRET_PREFIXES.map((prefix) => prefix.slice(0, -1)).join('|');

/**
 * One pass finds all three, each match starting at a character (`_`, `=`, `:`) that V8 can look for quickly, the
 * rest checked behind it (a pass per pattern with the words first took ~3 × 15 µs over a page of 25 projects):
 * - `_…`: the random part of an issued secret; the issued ones have 32-48 random characters, 16 tell one from a word
 *   that merely ends in a prefix (`default_branch` holds `lt_branch`); a webhook secret is base64, percent-encoded in
 *   a form;
 * - `=…`: the value of a secret parameter inside a URL written anywhere (a problem's `instance`, `Location`, a link);
 * - `:`: a JSON member named among SECRET_FIELDS (JSON can spell a key otherwise only with `\u` escapes).
 */
const SECRETS = new RegExp(
  [
    `_(?<=(?<![A-Za-z0-9])(?:${PREFIXES})_)(?:[A-Za-z0-9+/=]|%[0-9A-Fa-f]{2}){16,}`,
    `=(?<=[?&;](?:${URL_NAMES})=)[^&#"'\\s<>]*`,
    `:(?<="(?:${NAMES})"\\s*:)`,
  ].join('|'),
  'gi',
);
// A string member's value, closed or running to the end of a text cut short.
const JSON_SECRET_MEMBER = new RegExp(`("(?:${NAMES})"\\s*:\\s*)(?:"(?:[^"\\\\]|\\\\.)*(?:"|\\\\?$)|[-\\w.+]+)`, 'gi');

/** redactText, also saying whether the text has a JSON member named among SECRET_FIELDS. */
function scan(text: string): { text: string; secretMember: boolean } {
  let secretMember = false;
  const redacted = text.replace(SECRETS, (match) => {
    if (match === ':') {
      secretMember = true;
      return match;
    }
    return `${match[0]}${REDACTED}`;
  });
  return { text: redacted, secretMember };
}

/** Whether a field or parameter name holds a secret (SECRET_FIELDS). */
export function isSecretField(name: string): boolean {
  return SECRET_FIELDS.has(name.toLowerCase().replaceAll('-', '_'));
}

/**
 * Redacts, anywhere in a text, every issued secret (kept: its prefix) and the value of every secret parameter of a
 * URL (`?code=…`, `&amp;password=…`).
 * @returns the text, unchanged when it holds neither.
 */
export function redactText(text: string): string {
  return scan(text).text;
}

/** Decodes one `application/x-www-form-urlencoded` component (`+` is a space), or undefined when it is malformed. */
function formDecode(component: string): string | undefined {
  try {
    return decodeURIComponent(component.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

/**
 * Redacts a query string or form body (`a=1&b=2`, WHATWG URL §5): a parameter whose decoded name is a secret field,
 * or whose value holds an issued secret (as sent or decoded), keeps `name=[redacted]`. Pairs without a secret are
 * kept byte for byte.
 */
export function redactQuery(query: string): string {
  if (query === '') return query;
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return redactText(pair);
      const rawName = pair.slice(0, equals);
      if (isSecretField(formDecode(rawName) ?? rawName)) return `${rawName}=${REDACTED}`;
      const rawValue = pair.slice(equals + 1);
      const value = formDecode(rawValue) ?? rawValue;
      // Decoding turns a webhook secret's `+` into a space, which splits it: look at both spellings, and drop the whole
      // value rather than re-encode a partly redacted one.
      const secret = redactText(value) !== value || redactText(rawValue) !== rawValue;
      return secret ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
}

/** A parsed JSON value with secret members replaced and issued secrets redacted in every string and key. */
function redactJsonValue(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactJsonValue);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    // defineProperty: a key `__proto__` is data here, not the object's prototype.
    Object.defineProperty(out, redactText(key), {
      value: isSecretField(key) ? REDACTED : redactJsonValue(member),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * Redacts a JSON text. Most bodies (a page of projects) hold no secret member and no `\u` escape: only the issued
 * secrets are redacted in the text, which keeps it byte for byte otherwise (JSON escapes none of the characters a
 * secret is made of). Else it is parsed and written again with secret members as `[redacted]`; a text that does not
 * parse gets its secret members replaced textually.
 */
function redactJson(text: string): string {
  const scanned = scan(text);
  // Any escape (`\u0063ode`, `\/`) can hide a name or split a secret from the pattern: parse then.
  if (!scanned.secretMember && !text.includes('\\')) return scanned.text;
  try {
    return JSON.stringify(redactJsonValue(JSON.parse(text)));
  } catch {
    return redactText(text.replace(JSON_SECRET_MEMBER, `$1"${REDACTED}"`));
  }
}

/**
 * Redacts a request or response body for the request log, by its media type: a form as a form (a form body may start
 * with `{`), JSON as JSON (by member name), anything else both ways (a text starting with `{` or `[` as JSON, then as a
 * form); issued secrets anywhere.
 * @param text - the body as text (bytes decoded as UTF-8)
 * @param contentType - the message's Content-Type, when it has one
 */
export function redactBody(text: string, contentType = ''): string {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return redactText(redactQuery(text));
  const first = /\S/.exec(text)?.[0];
  const json = first === '{' || first === '[' ? redactJson(text) : text;
  if (type === 'application/json' || type.endsWith('+json')) return json;
  return redactText(redactQuery(json));
}

/**
 * An Authorization header as the log keeps it: its scheme and `[redacted]` (`Bearer [redacted]`), or only
 * `[redacted]` when it has no recognisable scheme (RFC 9110 §11.4: a token of letters, digits and `-`).
 */
export function redactAuthorization(header: string): string {
  const scheme = /^([A-Za-z][A-Za-z0-9-]{0,31}) /.exec(header)?.[1];
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}
