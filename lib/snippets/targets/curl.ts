/**
 * curl (httpsnippet shell/curl) as a POSIX sh script. Fixes: the body goes in a single-quoted
 * `--data-raw` (httpsnippet's unquoted heredoc expands `$` and backquotes), the URL and secrets come
 * from the environment, and `--write-out` prints the status and headers (curl ≥ 7.84 for `%header{}`).
 */
import {
  DEFAULT_BASE_URL,
  fillBody,
  fillHeaderValues,
  httpsnippet,
  literal,
  naming,
  replaceOnce,
  replaceUrl,
  type UrlPart,
} from '../generate';
import { shellSingle } from '../quote';
import type { SamplePlan } from '../types';

const WRITE_OUT = String.raw`'\nHTTP %{http_code}\nX-Request-ID: %header{x-request-id}\nX-RateLimit-Remaining: %header{x-ratelimit-remaining}\n'`;

/** Characters that mean nothing special inside double quotes, even in interactive bash (no `!`). */
const PLAIN = /^[A-Za-z0-9_\-./?=&%:~+,;@]*$/;

function url(plan: SamplePlan, parts: UrlPart[]): string {
  const base = literal(plan, 'AETHEX_BASE_URL');
  const all: UrlPart[] = [base === undefined ? { env: 'AETHEX_BASE_URL' } : { text: base }, ...parts];
  if (all.every((part) => 'env' in part || PLAIN.test(part.text))) {
    return `"${all.map((part) => ('env' in part ? `$${part.env}` : part.text)).join('')}"`;
  }
  return all.map((part) => ('env' in part ? `"$${part.env}"` : shellSingle(part.text))).join('');
}

/** The client credentials as one `--user` word: each from the environment or literal. */
function user(plan: SamplePlan): string {
  const id = literal(plan, 'AETHEX_CLIENT_ID');
  const secret = literal(plan, 'AETHEX_CLIENT_SECRET');
  if (id === undefined && secret === undefined) return '"$AETHEX_CLIENT_ID:$AETHEX_CLIENT_SECRET"';
  if (id !== undefined && secret !== undefined) return shellSingle(`${id}:${secret}`);
  return `${id === undefined ? '"$AETHEX_CLIENT_ID"' : shellSingle(id)}:${secret === undefined ? '"$AETHEX_CLIENT_SECRET"' : shellSingle(secret)}`;
}

/** The `: "${NAME:?Set NAME}"` guard of the credential variables the sample still reads from the environment. */
function guards(plan: SamplePlan): string[] {
  const read = (name: 'AETHEX_TOKEN' | 'AETHEX_CLIENT_ID' | 'AETHEX_CLIENT_SECRET') =>
    literal(plan, name) === undefined;
  if (plan.auth.kind === 'bearer' && read('AETHEX_TOKEN'))
    return [': "${AETHEX_TOKEN:?Set AETHEX_TOKEN to an access token or personal access token}"'];
  if (plan.auth.kind !== 'client-basic') return [];
  const names = (['AETHEX_CLIENT_ID', 'AETHEX_CLIENT_SECRET'] as const).filter(read);
  return names.length ? [`: ${names.map((name) => `"\${${name}:?Set ${name}}"`).join(' ')}`] : [];
}

function prelude(plan: SamplePlan): string[] {
  const lines =
    literal(plan, 'AETHEX_BASE_URL') === undefined
      ? [`AETHEX_BASE_URL="\${AETHEX_BASE_URL:-${DEFAULT_BASE_URL}}"`]
      : [];
  lines.push(...guards(plan));
  for (const variable of plan.pathVariables) lines.push(`${variable.env}="\${${variable.env}:-${variable.fallback}}"`);
  if (plan.body?.variables) {
    lines.push('# The delivery to check (default: the documented example); the body is built with jq.');
    for (const v of plan.body.variables) lines.push(`[ -n "\${${v.env}:-}" ] || ${v.env}=${shellSingle(v.fallback)}`);
  }
  if (plan.idempotencyHeader) {
    lines.push('# A new key per run; set AETHEX_IDEMPOTENCY_KEY to retry a request safely with the same key.');
    lines.push('# The header carries it in double quotes: an RFC 8941 string.');
    lines.push(`IDEMPOTENCY_KEY="\${AETHEX_IDEMPOTENCY_KEY:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \\n')}"`);
  }
  return lines;
}

/** The curl sample of `plan` (run with `sh`). */
export function curl(plan: SamplePlan): string {
  let code = httpsnippet(plan, 'shell', 'curl');
  code = replaceUrl(code, "'?", (parts) => url(plan, parts));
  const token = literal(plan, 'AETHEX_TOKEN');
  code = fillHeaderValues(code, plan, {
    // httpsnippet writes each header as one single-quoted argument; HTTP Basic becomes curl's own --user.
    literal: (value, header) =>
      value.startsWith('Basic ') ? `--header '${header}: ${value}'` : `'${header}: ${value}'`,
    bearer:
      token === undefined ? '"Authorization: Bearer $AETHEX_TOKEN"' : shellSingle(`Authorization: Bearer ${token}`),
    basic: `--user ${user(plan)}`,
    idempotencyKey: (header) => `"${header}: \\"$IDEMPOTENCY_KEY\\""`,
  });
  if (plan.body && plan.body.mimeType !== 'application/x-www-form-urlencoded') {
    const body = /--data @- <<EOF\n[\s\S]*\nEOF$|--data(?:-raw|-binary)? (?:'(?:[^']|'\\'')*'|\S+)$/;
    const variables = plan.body.variables;
    // Body variables: jq builds the JSON (escaping each value); its output is indented like JSON.stringify(…, null, 2).
    const data = variables
      ? `"$(jq -n ${variables.map((v) => `--arg ${naming.snake(v.env)} "$${v.env}"`).join(' ')} ${shellSingle(fillBody(plan.body.text, variables, (v) => `$${naming.snake(v.env)}`))})"`
      : shellSingle(plan.body.text);
    code = replaceOnce(code, body, () => `--data-raw ${data}`, 'request body');
  }
  code = code.replace(/^curl /, 'curl --silent --show-error ');
  const head = prelude(plan);
  return [...head, ...(head.length ? [''] : []), `${code} \\`, `  --write-out ${WRITE_OUT}`, ''].join('\n');
}
