/**
 * Ruby (httpsnippet ruby/native, Net::HTTP). Fixes: TLS follows the URL's scheme (httpsnippet
 * hard-codes `use_ssl = true`, which breaks http:// base URLs), the body is a single-quoted string
 * (httpsnippet's double quotes interpolate `#{…}`), values come from the environment, and the
 * status, headers and body print.
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
import { doubleQuoted, rubySingle } from '../quote';
import type { LiteralVariable, SamplePlan } from '../types';

function url(parts: UrlPart[]): string {
  const escape = (text: string) => text.replace(/[\\"]/g, '\\$&').replace(/#(?=[{$@])/g, '\\#');
  return `"#{base_url}${parts.map((part) => ('env' in part ? `#{${naming.snake(part.env)}}` : escape(part.text))).join('')}"`;
}

const ENV = `# The environment variable name, or fallback when it is unset or empty.
def env(name, fallback)
  value = ENV.fetch(name, '')
  value.empty? ? fallback : value
end`;

/** `variable = <the literal>` when the plan gives `name` literally, else read from the environment (required). */
function required(plan: SamplePlan, variable: string, name: LiteralVariable): string {
  const value = literal(plan, name);
  return value === undefined
    ? `${variable} = ENV.fetch('${name}') { abort 'Set ${name}' }`
    : `${variable} = ${rubySingle(value)}`;
}

function prelude(plan: SamplePlan): string[] {
  const base = literal(plan, 'AETHEX_BASE_URL');
  const lines = [
    '',
    `base_url = ${base === undefined ? `env('AETHEX_BASE_URL', '${DEFAULT_BASE_URL}')` : rubySingle(base)}`,
  ];
  if (plan.auth.kind === 'bearer')
    lines.push(
      ...(literal(plan, 'AETHEX_TOKEN') === undefined ? ['# An access token or personal access token.'] : []),
      required(plan, 'token', 'AETHEX_TOKEN'),
    );
  if (plan.auth.kind === 'client-basic')
    lines.push(
      required(plan, 'client_id', 'AETHEX_CLIENT_ID'),
      required(plan, 'client_secret', 'AETHEX_CLIENT_SECRET'),
    );
  for (const variable of plan.pathVariables)
    lines.push(`${naming.snake(variable.env)} = env('${variable.env}', '${variable.fallback}')`);
  if (plan.idempotencyHeader) {
    lines.push('# A new key per run; set AETHEX_IDEMPOTENCY_KEY to retry a request safely with the same key.');
    lines.push('# The header carries it in double quotes: an RFC 8941 string.');
    lines.push("idempotency_key = env('AETHEX_IDEMPOTENCY_KEY', SecureRandom.uuid)");
  }
  return lines;
}

const TAIL = `puts "HTTP #{response.code}"
puts "X-Request-ID: #{response['X-Request-ID']}"
puts "X-RateLimit-Remaining: #{response['X-RateLimit-Remaining']}"
puts response.body`;

/** The Ruby (Net::HTTP) sample of `plan`. */
export function ruby(plan: SamplePlan): string {
  let code = httpsnippet(plan, 'ruby', 'native');
  const head = /^(require .*\n)+/.exec(code)?.[0];
  if (!head) throw new Error(`snippets: expected require lines in httpsnippet ruby output:\n${code}`);
  code = code.slice(head.length);
  code = replaceUrl(code, '"', url);
  code = replaceOnce(code, 'http.use_ssl = true', () => "http.use_ssl = url.scheme == 'https'", 'use_ssl');
  code = fillHeaderValues(code, plan, {
    literal: (value) => `'${value}'`,
    bearer: '"Bearer #{token}"',
    // pack('m0') is strict Base64 without the base64 gem (a bundled gem, not default, since Ruby 3.4).
    basic: '"Basic #{["#{client_id}:#{client_secret}"].pack(\'m0\')}"',
    idempotencyKey: () => '"\\"#{idempotency_key}\\""',
  });
  if (plan.body) {
    // Body variables: the documented JSON (strings only) as a Hash literal; `\#` keeps Ruby from interpolating.
    const noInterpolation = (text: string) => text.replace(/#/g, '\\#');
    const text = plan.body.variables
      ? `JSON.pretty_generate(${fillBody(noInterpolation(plan.body.text), plan.body.variables, (v) => `ENV.fetch("${v.env}", ${noInterpolation(doubleQuoted(v.fallback))})`)})`
      : rubySingle(plan.body.text);
    code = replaceOnce(code, /^request\.body = .*$/m, () => `request.body = ${text}`, 'request body');
  }
  code = replaceOnce(code, /\nputs response\.read_body$/, () => `\n${TAIL}`, 'response handling');
  const securerandom =
    (plan.body?.variables ? "require 'json'\n" : '') + (plan.idempotencyHeader ? "require 'securerandom'\n" : '');
  const lines = prelude(plan);
  // env() only when something is still read from the environment (always, without literal options).
  const usesEnv = lines.some((line) => /\benv\(/.test(line));
  return [
    head.trimEnd() + (securerandom ? `\n${securerandom.trimEnd()}` : ''),
    ...(usesEnv ? ['', ENV] : []),
    ...lines,
    code.replace(/^\n+/, '\n'),
    '',
  ].join('\n');
}
