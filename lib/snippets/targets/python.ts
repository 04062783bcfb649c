/**
 * Python 3 with requests (httpsnippet python/requests). Fixes: a JSON body is sent as the exact
 * documented bytes with `data=` (httpsnippet's `json=` re-serialises it with other spacing), values
 * come from the environment, and the status, headers and body print.
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
import { doubleQuoted, pythonString } from '../quote';
import type { LiteralVariable, SamplePlan } from '../types';

function url(parts: UrlPart[]): string {
  const escape = (text: string) => text.replace(/[\\"]/g, '\\$&').replace(/[{}]/g, '$&$&');
  return `f"{base_url}${parts.map((part) => ('env' in part ? `{${naming.snake(part.env)}}` : escape(part.text))).join('')}"`;
}

/** The literal value of `variable` as a Python string, else `read` (the code that reads the environment). */
function literalOr(plan: SamplePlan, variable: LiteralVariable, read: string): string {
  const value = literal(plan, variable);
  return value === undefined ? read : doubleQuoted(value);
}

function prelude(plan: SamplePlan): string[] {
  const imports = ['import os'];
  if (plan.auth.kind === 'client-basic') imports.unshift('import base64');
  if (plan.idempotencyHeader) imports.push('import uuid');
  if (plan.body?.variables) imports.unshift('import json');
  const lines = [
    ...imports,
    '',
    'import requests',
    '',
    `base_url = ${literalOr(plan, 'AETHEX_BASE_URL', `os.environ.get("AETHEX_BASE_URL") or "${DEFAULT_BASE_URL}"`)}`,
  ];
  if (plan.auth.kind === 'bearer')
    lines.push(
      `token = ${literalOr(plan, 'AETHEX_TOKEN', 'os.environ["AETHEX_TOKEN"]  # an access token or personal access token')}`,
    );
  if (plan.auth.kind === 'client-basic') {
    lines.push(`client_id = ${literalOr(plan, 'AETHEX_CLIENT_ID', 'os.environ["AETHEX_CLIENT_ID"]')}`);
    lines.push(`client_secret = ${literalOr(plan, 'AETHEX_CLIENT_SECRET', 'os.environ["AETHEX_CLIENT_SECRET"]')}`);
  }
  for (const variable of plan.pathVariables) {
    lines.push(`${naming.snake(variable.env)} = os.environ.get("${variable.env}") or "${variable.fallback}"`);
  }
  if (plan.idempotencyHeader) {
    lines.push('# A new key per run; set AETHEX_IDEMPOTENCY_KEY to retry a request safely with the same key.');
    lines.push('# The header carries it in double quotes: an RFC 8941 string.');
    lines.push('idempotency_key = os.environ.get("AETHEX_IDEMPOTENCY_KEY") or str(uuid.uuid4())');
  }
  return lines;
}

const TAIL = `print("HTTP", response.status_code)
print("X-Request-ID:", response.headers.get("X-Request-ID"))
print("X-RateLimit-Remaining:", response.headers.get("X-RateLimit-Remaining"))
print(response.text)`;

/** The Python (requests) sample of `plan`. */
export function python(plan: SamplePlan): string {
  let code = httpsnippet(plan, 'python', 'requests');
  code = replaceOnce(code, /^import requests\n\n/, () => '', 'import');
  code = replaceUrl(code, '"', url);
  code = fillHeaderValues(code, plan, {
    literal: (value) => `"${value}"`,
    bearer: 'f"Bearer {token}"',
    basic: '"Basic " + base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()',
    idempotencyKey: () => 'f\'"{idempotency_key}"\'',
  });
  if (plan.body && plan.body.mimeType !== 'application/x-www-form-urlencoded') {
    // Body variables: the documented JSON (strings only) as a dict literal, serialised like JSON.stringify(…, null, 2).
    const literal = plan.body.variables
      ? `json.dumps(${fillBody(plan.body.text, plan.body.variables, (v) => `os.environ.get("${v.env}") or ${doubleQuoted(v.fallback)}`)}, indent=2)`
      : pythonString(plan.body.text);
    code = replaceOnce(code, /^payload = [\s\S]*?\n(?=headers = )/m, () => `payload = ${literal}\n`, 'request body');
    code = replaceOnce(code, /\b(json|data)=payload\b/, () => 'data=payload.encode("utf-8")', 'body argument');
  }
  code = replaceOnce(code, /\nprint\(response\.text\)$/, () => `\n${TAIL}`, 'response handling');
  const sample = [...prelude(plan), '', code, ''].join('\n');
  // Every value literal and nothing else read from the environment: `import os` would be unused.
  return /\bos\./.test(sample) ? sample : sample.replace(/^import os\n/m, '').replace(/^\n/, '');
}
