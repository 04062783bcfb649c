/**
 * JavaScript (httpsnippet javascript/fetch) for Node 20+, also valid TypeScript (`tsc --noEmit`).
 * Fixes: the body is sent as the exact documented text (httpsnippet re-serialises JSON through an
 * object literal), values come from the environment, and the response status, headers and body print.
 * No top-level await, so it runs as CommonJS, as an ES module and as TypeScript alike.
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
import { doubleQuoted, jsSingle } from '../quote';
import type { SamplePlan } from '../types';

function url(parts: UrlPart[]): string {
  const escape = (text: string) => text.replace(/[\\`]/g, '\\$&').replace(/\$\{/g, '\\${');
  return `\`\${baseUrl}${parts.map((part) => ('env' in part ? `\${${naming.camel(part.env)}}` : escape(part.text))).join('')}\``;
}

/** `JSON.stringify(value, null, 2)` when that reproduces `text` exactly (readable), else a string literal. */
function jsonBody(text: string): string {
  try {
    const value: unknown = JSON.parse(text);
    if (!text.includes('__proto__')) {
      if (JSON.stringify(value, null, 2) === text)
        return `JSON.stringify(${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}, null, 2)`;
      if (JSON.stringify(value) === text) return `JSON.stringify(${JSON.stringify(value)})`;
    }
  } catch {
    // Not JSON: send it verbatim below.
  }
  return doubleQuoted(text);
}

/** `const name = …;` from the environment variable `env`, or its literal value (`read`: from the environment). */
function constant(plan: SamplePlan, name: string, env: 'AETHEX_TOKEN' | 'AETHEX_CLIENT_ID' | 'AETHEX_CLIENT_SECRET') {
  const value = literal(plan, env);
  return {
    line: `const ${name} = ${value === undefined ? `process.env.${env}` : jsSingle(value)};`,
    read: value === undefined,
  };
}

function prelude(plan: SamplePlan): string[] {
  const base = literal(plan, 'AETHEX_BASE_URL');
  const lines = [
    `const baseUrl = ${base === undefined ? `process.env.AETHEX_BASE_URL || '${DEFAULT_BASE_URL}'` : jsSingle(base)};`,
  ];
  if (plan.auth.kind === 'bearer') {
    const token = constant(plan, 'token', 'AETHEX_TOKEN');
    lines.push(token.line);
    if (token.read)
      lines.push("if (!token) throw new Error('Set AETHEX_TOKEN to an access token or personal access token');");
  }
  if (plan.auth.kind === 'client-basic') {
    const id = constant(plan, 'clientId', 'AETHEX_CLIENT_ID');
    const secret = constant(plan, 'clientSecret', 'AETHEX_CLIENT_SECRET');
    lines.push(id.line, secret.line);
    if (id.read && secret.read)
      lines.push("if (!clientId || !clientSecret) throw new Error('Set AETHEX_CLIENT_ID and AETHEX_CLIENT_SECRET');");
    else if (id.read) lines.push("if (!clientId) throw new Error('Set AETHEX_CLIENT_ID');");
    else if (secret.read) lines.push("if (!clientSecret) throw new Error('Set AETHEX_CLIENT_SECRET');");
  }
  for (const variable of plan.pathVariables) {
    lines.push(`const ${naming.camel(variable.env)} = process.env.${variable.env} || '${variable.fallback}';`);
  }
  if (plan.idempotencyHeader) {
    lines.push('// A new key per run; set AETHEX_IDEMPOTENCY_KEY to retry a request safely with the same key.');
    lines.push('// The header carries it in double quotes: an RFC 8941 string.');
    lines.push('const idempotencyKey = process.env.AETHEX_IDEMPOTENCY_KEY || crypto.randomUUID();');
  }
  return lines;
}

const TAIL = `  .then(async (res) => {
    console.log(\`HTTP \${res.status}\`);
    console.log(\`X-Request-ID: \${res.headers.get('X-Request-ID')}\`);
    console.log(\`X-RateLimit-Remaining: \${res.headers.get('X-RateLimit-Remaining')}\`);
    console.log(await res.text());
  })
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });`;

/** The JavaScript (fetch) sample of `plan`. */
export function javascript(plan: SamplePlan): string {
  let code = httpsnippet(plan, 'javascript', 'fetch');
  code = replaceUrl(code, "'", url);
  code = fillHeaderValues(code, plan, {
    literal: (value) => `'${value}'`,
    bearer: '`Bearer ${token}`',
    basic: '`Basic ${btoa(`${clientId}:${clientSecret}`)}`',
    idempotencyKey: () => '`"${idempotencyKey}"`',
  });
  if (plan.body && plan.body.mimeType !== 'application/x-www-form-urlencoded') {
    code = replaceOnce(
      code,
      /^ {2}body: [\s\S]*(?=\n\};)/m,
      () =>
        `  body: ${fillBody(jsonBody(plan.body?.text ?? ''), plan.body?.variables, (v) => `process.env.${v.env} || ${JSON.stringify(v.fallback)}`)}`,
      'request body',
    );
  }
  code = replaceOnce(code, /\n {2}\.then\(res => res\.json\(\)\)[\s\S]*$/, () => `\n${TAIL}`, 'response handling');
  return [...prelude(plan), '', code, ''].join('\n');
}
