/**
 * Java 11+ (httpsnippet java/nethttp, java.net.http) wrapped in a complete class with imports and
 * `main`, so `java Main.java` (single-file source launch, JEP 330) runs it as pasted. Adds the
 * environment and prints the status, headers and body.
 */
import {
  DEFAULT_BASE_URL,
  fillBody,
  fillHeaderValues,
  httpsnippet,
  indent,
  literal,
  naming,
  replaceOnce,
  replaceUrl,
  type UrlPart,
} from '../generate';
import { doubleQuoted } from '../quote';
import type { LiteralVariable, SamplePlan } from '../types';

function url(parts: UrlPart[]): string {
  return ['baseUrl', ...parts.map((part) => ('env' in part ? naming.camel(part.env) : JSON.stringify(part.text)))].join(
    ' + ',
  );
}

/** `String variable = <the literal>;` when the plan gives `name` literally, else read from the environment (required). */
function required(plan: SamplePlan, variable: string, name: LiteralVariable): string[] {
  const value = literal(plan, name);
  if (value !== undefined) return [`String ${variable} = ${doubleQuoted(value)};`];
  return [
    `String ${variable} = System.getenv("${name}");`,
    `if (${variable} == null || ${variable}.isEmpty()) throw new IllegalStateException("Set ${name}");`,
  ];
}

function prelude(plan: SamplePlan): string[] {
  const base = literal(plan, 'AETHEX_BASE_URL');
  const lines = [
    `String baseUrl = ${base === undefined ? `env("AETHEX_BASE_URL", "${DEFAULT_BASE_URL}")` : doubleQuoted(base)};`,
  ];
  if (plan.auth.kind === 'bearer')
    lines.push(
      ...(literal(plan, 'AETHEX_TOKEN') === undefined ? ['// An access token or personal access token.'] : []),
      ...required(plan, 'token', 'AETHEX_TOKEN'),
    );
  if (plan.auth.kind === 'client-basic')
    lines.push(
      ...required(plan, 'clientId', 'AETHEX_CLIENT_ID'),
      ...required(plan, 'clientSecret', 'AETHEX_CLIENT_SECRET'),
    );
  for (const variable of plan.pathVariables)
    lines.push(`String ${naming.camel(variable.env)} = env("${variable.env}", "${variable.fallback}");`);
  if (plan.idempotencyHeader) {
    lines.push('// A new key per run; set AETHEX_IDEMPOTENCY_KEY to retry a request safely with the same key.');
    lines.push('// The header carries it in double quotes: an RFC 8941 string.');
    lines.push('String idempotencyKey = env("AETHEX_IDEMPOTENCY_KEY", UUID.randomUUID().toString());');
  }
  return lines;
}

const TAIL = `System.out.println("HTTP " + response.statusCode());
System.out.println("X-Request-ID: " + response.headers().firstValue("X-Request-ID").orElse(""));
System.out.println("X-RateLimit-Remaining: " + response.headers().firstValue("X-RateLimit-Remaining").orElse(""));
System.out.println(response.body());`;

const ENV = `/** The environment variable name, or fallback when it is unset or empty. */
static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
}`;

const JSON_STRING = `/** value as a JSON string literal (quoted; quotes, backslashes and control characters escaped, RFC 8259 §7). */
static String json(String value) {
    StringBuilder out = new StringBuilder("\\"");
    for (char c : value.toCharArray()) {
        if (c == '"' || c == '\\\\') out.append('\\\\').append(c);
        else if (c < 0x20) out.append(String.format("\\\\u%04x", (int) c));
        else out.append(c);
    }
    return out.append('"').toString();
}`;

/** The body expression: the exact text, or with body variables a String.format of it filling each from the environment. */
function javaBody(plan: SamplePlan): string {
  const body = plan.body;
  if (!body?.variables) return doubleQuoted(body?.text ?? '');
  const template = fillBody(body.text.replace(/%/g, '%%'), body.variables, () => '%s');
  return `String.format(${doubleQuoted(template)}, ${body.variables.map((v) => `json(env("${v.env}", ${doubleQuoted(v.fallback)}))`).join(', ')})`;
}

/** The Java (java.net.http) sample of `plan` (a whole `Main.java`). */
export function java(plan: SamplePlan): string {
  let code = httpsnippet(plan, 'java', 'nethttp');
  code = replaceUrl(code, '"', url);
  code = fillHeaderValues(code, plan, {
    literal: (value) => `"${value}"`,
    bearer: '"Bearer " + token',
    basic:
      '"Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8))',
    idempotencyKey: () => '"\\"" + idempotencyKey + "\\""',
  });
  if (plan.body) {
    code = replaceOnce(
      code,
      /BodyPublishers\.ofString\(.*\)\)$/m,
      () => `BodyPublishers.ofString(${javaBody(plan)}))`,
      'request body',
    );
  }
  code = replaceOnce(code, /\nSystem\.out\.println\(response\.body\(\)\);$/, () => `\n${TAIL}`, 'response handling');
  // HttpClient defaults to HTTP/2 and, on plain http://, sends `Upgrade: h2c`, which Node's HTTP server (and so
  // the sandbox mounted in `next start`) answers by closing the connection. HTTP/1.1 works everywhere.
  code = replaceOnce(
    code,
    'HttpClient.newHttpClient()',
    () => 'HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()',
    'HTTP client',
  );
  const imports = [
    'java.net.URI',
    'java.net.http.HttpClient',
    'java.net.http.HttpRequest',
    'java.net.http.HttpResponse',
    ...(plan.auth.kind === 'client-basic' ? ['java.nio.charset.StandardCharsets', 'java.util.Base64'] : []),
    ...(plan.idempotencyHeader ? ['java.util.UUID'] : []),
  ];
  const main = [
    'public static void main(String[] args) throws Exception {',
    indent([...prelude(plan), '', code].join('\n'), '    '),
    '}',
  ].join('\n');
  return [
    ...imports.map((name) => `import ${name};`),
    '',
    'public class Main {',
    indent(main, '    '),
    // env() only when something is still read from the environment (always, without literal options).
    ...(/\benv\(/.test(main) ? ['', indent(ENV, '    ')] : []),
    ...(plan.body?.variables ? ['', indent(JSON_STRING, '    ')] : []),
    '}',
    '',
  ].join('\n');
}
