/**
 * The bridge to @readme/httpsnippet 11.1.0: turns a SamplePlan into a HAR request with sentinel
 * values where the sample must read the environment, runs one httpsnippet target, and offers the
 * checked string surgery the language targets use to fix what the generator gets wrong.
 */
import { HTTPSnippet, type HarRequest } from '@readme/httpsnippet';

import type { BodyVariable, LiteralVariable, SamplePlan } from './types';

/** Default base URL; every sample reads `AETHEX_BASE_URL` and falls back to this. */
export const DEFAULT_BASE_URL = 'https://api.aethex.dev';

/** Sentinels httpsnippet carries through untouched (letters and underscores need no quoting or escaping). */
export const SENTINEL = {
  token: '__AETHEX_TOKEN__',
  basic: '__AETHEX_BASIC__',
  idempotencyKey: '__AETHEX_IDEMPOTENCY_KEY__',
  pathVariable: (env: string) => `__${env}__`,
} as const;

/** The literal value the plan gives for `variable` (SampleOptions), or undefined when the sample reads the environment. */
export function literal(plan: SamplePlan, variable: LiteralVariable): string | undefined {
  return plan.literals?.[variable];
}

/** A piece of the request URL after the base: literal text, or the value of an environment variable. */
export type UrlPart = { readonly text: string } | { readonly env: string };

function authorizationValue(plan: SamplePlan): string | undefined {
  switch (plan.auth.kind) {
    case 'bearer':
      return `Bearer ${SENTINEL.token}`;
    case 'client-basic':
      return `Basic ${SENTINEL.basic}`;
    case 'none':
      return undefined;
  }
}

/** The HAR 1.2 request httpsnippet consumes (form bodies as params so each target encodes them its way). */
function toHar(plan: SamplePlan): HarRequest {
  let path = plan.path;
  for (const variable of plan.pathVariables)
    path = path.replace(`{${variable.name}}`, SENTINEL.pathVariable(variable.env));
  const authorization = authorizationValue(plan);
  const headers = [
    ...(authorization ? [['Authorization', authorization] as const] : []),
    ...plan.headers,
    ...(plan.idempotencyHeader ? [[plan.idempotencyHeader, SENTINEL.idempotencyKey] as const] : []),
  ];
  const body = plan.body;
  const form = body?.mimeType === 'application/x-www-form-urlencoded';
  return {
    method: plan.method,
    url: DEFAULT_BASE_URL + path,
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: headers.map(([name, value]) => ({ name, value })),
    queryString: plan.query.map(([name, value]) => ({ name, value })),
    headersSize: -1,
    bodySize: -1,
    postData: body
      ? form
        ? {
            mimeType: body.mimeType,
            params: [...new URLSearchParams(body.text)].map(([name, value]) => ({ name, value })),
          }
        : { mimeType: body.mimeType, text: body.text }
      : { mimeType: 'application/octet-stream' },
  } as HarRequest;
}

/**
 * Runs one httpsnippet target on the plan.
 * @returns the generated code (sentinels still in place)
 * @throws Error if the target produced nothing
 */
export function httpsnippet(
  plan: SamplePlan,
  target: string,
  client: string,
  options?: Record<string, unknown>,
): string {
  const har = toHar(plan);
  if (!plan.body) delete (har as { postData?: unknown }).postData;
  const [code] = new HTTPSnippet(har).convert(target as never, client, options);
  if (typeof code !== 'string') throw new Error(`httpsnippet ${target}/${client} produced no code`);
  return code;
}

/**
 * Target code for the credential and Idempotency-Key values httpsnippet wrote as sentinels: `literal(value, header)`
 * is how the target's httpsnippet output spells a header value (quotes, or for curl the whole `--header` argument),
 * and each replacement is the target's code that reads the value from the environment at run time.
 */
export interface HeaderValueCode {
  readonly literal: (value: string, header: string) => string;
  readonly bearer: string;
  readonly basic: string;
  readonly idempotencyKey: (header: string) => string;
}

/**
 * Replaces the Authorization (bearer or HTTP Basic, as `plan.auth` says) and Idempotency-Key sentinels of one
 * target's httpsnippet output with `values`' code, once each.
 * @returns the code with every sentinel the plan uses replaced
 * @throws Error (from replaceOnce) when httpsnippet's output no longer holds exactly one of a sentinel
 */
export function fillHeaderValues(code: string, plan: SamplePlan, values: HeaderValueCode): string {
  let out = code;
  if (plan.auth.kind === 'bearer')
    out = replaceOnce(
      out,
      values.literal(`Bearer ${SENTINEL.token}`, 'Authorization'),
      () => values.bearer,
      'bearer header',
    );
  if (plan.auth.kind === 'client-basic')
    out = replaceOnce(
      out,
      values.literal(`Basic ${SENTINEL.basic}`, 'Authorization'),
      () => values.basic,
      'basic header',
    );
  const header = plan.idempotencyHeader;
  if (header)
    out = replaceOnce(
      out,
      values.literal(SENTINEL.idempotencyKey, header),
      () => values.idempotencyKey(header),
      `${header} header`,
    );
  return out;
}

/**
 * Replaces the single match of `find` in `code` with `replace(match)`. Being strict here turns a
 * change in httpsnippet's output (after an upgrade) into a loud error instead of a silently wrong sample.
 * @throws Error naming `what` when `find` matches zero or several times
 */
export function replaceOnce(
  code: string,
  find: string | RegExp,
  replace: (match: RegExpExecArray) => string,
  what: string,
): string {
  const pattern =
    typeof find === 'string'
      ? new RegExp(find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g')
      : new RegExp(find.source, `${find.flags.replace('g', '')}g`);
  const matches = [...code.matchAll(pattern)];
  if (matches.length !== 1)
    throw new Error(`snippets: expected one ${what} in httpsnippet output, found ${matches.length}:\n${code}`);
  const match = matches[0] as RegExpExecArray;
  return code.slice(0, match.index) + replace(match) + code.slice(match.index + match[0].length);
}

/**
 * Finds the request URL literal httpsnippet wrote (`quote` is a regex source: `'`, `"`, or `'?` for curl) and
 * replaces it with `render(parts)`, where `parts` is the URL after the base split around path variables.
 * httpsnippet percent-encodes query values, so the URL holds no quotes, spaces or backslashes.
 */
export function replaceUrl(code: string, quote: string, render: (parts: UrlPart[]) => string): string {
  const q = quote;
  const base = DEFAULT_BASE_URL.replace(/[.]/g, '\\.');
  return replaceOnce(
    code,
    new RegExp(`${q}${base}([^'"\\s]*)${q}`),
    (match) => render(splitUrl(match[1] ?? '')),
    'request URL',
  );
}

function splitUrl(rest: string): UrlPart[] {
  const parts: UrlPart[] = [];
  for (const piece of rest.split(/(__AETHEX_[A-Z_]+__)/)) {
    const env = /^__(AETHEX_[A-Z_]+)__$/.exec(piece)?.[1];
    if (env) parts.push({ env });
    else if (piece) parts.push({ text: piece });
  }
  return parts;
}

/** Indents every non-empty line by `prefix`. */
export function indent(code: string, prefix: string): string {
  return code
    .split('\n')
    .map((line) => (line ? prefix + line : line))
    .join('\n');
}

/** Name conversions for path variables: `AETHEX_PROJECT_ID` → projectId / project_id / projectID. */
export const naming = {
  camel: (env: string) =>
    env
      .replace(/^AETHEX_/, '')
      .toLowerCase()
      .replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
  snake: (env: string) => env.replace(/^AETHEX_/, '').toLowerCase(),
  go: (env: string) => naming.camel(env).replace(/Id$/, 'ID').replace(/Url$/, 'URL'),
};

/**
 * The body text with each variable's quoted sentinel (`"__<env>__"`) replaced by `render(variable)`, in the
 * order of `variables` (the order they appear in the text, which printf-style targets rely on).
 * @throws Error if a sentinel is missing or repeated
 */
export function fillBody(
  text: string,
  variables: readonly BodyVariable[] | undefined,
  render: (variable: BodyVariable) => string,
): string {
  let out = text;
  for (const variable of variables ?? [])
    out = replaceOnce(
      out,
      JSON.stringify(SENTINEL.pathVariable(variable.env)),
      () => render(variable),
      `body variable ${variable.env}`,
    );
  return out;
}
