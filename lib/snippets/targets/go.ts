/**
 * Go (httpsnippet go/native, bare statements with error checks) wrapped in a complete
 * `package main` for `go run`. Adds the environment, a random UUID Idempotency-Key (no uuid package
 * in the standard library) and prints the status, headers and body.
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
import { doubleQuoted, goString } from '../quote';
import type { LiteralVariable, SamplePlan } from '../types';

const PAYLOAD = '__AETHEX_PAYLOAD__';

function url(parts: UrlPart[]): string {
  return ['baseURL', ...parts.map((part) => ('env' in part ? naming.go(part.env) : JSON.stringify(part.text)))].join(
    ' + ',
  );
}

const ENV_OR = `// envOr returns the environment variable name, or fallback when it is unset or empty.
func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}`;

const JSON_STRING = `// jsonString returns value as a JSON string literal (quoted and escaped).
func jsonString(value string) string {
	encoded, err := json.Marshal(value)
	if err != nil {
		panic(err)
	}
	return string(encoded)
}`;

/** The body expression: the exact text, or with body variables a Sprintf of it filling each from the environment. */
function goBody(plan: SamplePlan): string {
  const body = plan.body;
  if (!body?.variables) return goString(body?.text ?? '');
  const template = fillBody(body.text.replace(/%/g, '%%'), body.variables, () => '%s');
  const args = body.variables.map((v) => `jsonString(envOr("${v.env}", ${doubleQuoted(v.fallback)}))`);
  return `fmt.Sprintf(${goString(template)},\n\t\t${args.join(',\n\t\t')})`;
}

const NEW_UUID = `// newUUID returns a random (version 4) UUID, RFC 9562.
func newUUID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}`;

/** `variable := <the literal>` when the plan gives `name` literally, else read from the environment (required). */
function required(plan: SamplePlan, variable: string, name: LiteralVariable): string[] {
  const value = literal(plan, name);
  if (value !== undefined) return [`${variable} := ${doubleQuoted(value)}`];
  return [
    `${variable} := os.Getenv("${name}")`,
    `if ${variable} == "" {`,
    `\tfmt.Fprintln(os.Stderr, "Set ${name}")`,
    '\tos.Exit(1)',
    '}',
  ];
}

function prelude(plan: SamplePlan): string[] {
  const base = literal(plan, 'AETHEX_BASE_URL');
  const lines = [
    `baseURL := ${base === undefined ? `envOr("AETHEX_BASE_URL", "${DEFAULT_BASE_URL}")` : doubleQuoted(base)}`,
  ];
  if (plan.auth.kind === 'bearer')
    lines.push(
      ...(literal(plan, 'AETHEX_TOKEN') === undefined ? ['// An access token or personal access token.'] : []),
      ...required(plan, 'token', 'AETHEX_TOKEN'),
    );
  if (plan.auth.kind === 'client-basic')
    lines.push(
      ...required(plan, 'clientID', 'AETHEX_CLIENT_ID'),
      ...required(plan, 'clientSecret', 'AETHEX_CLIENT_SECRET'),
    );
  for (const variable of plan.pathVariables)
    lines.push(`${naming.go(variable.env)} := envOr("${variable.env}", "${variable.fallback}")`);
  if (plan.idempotencyHeader) {
    lines.push('// A new key per run; set AETHEX_IDEMPOTENCY_KEY to retry a request safely with the same key.');
    lines.push('// The header carries it in double quotes: an RFC 8941 string.');
    lines.push('idempotencyKey := envOr("AETHEX_IDEMPOTENCY_KEY", newUUID())');
  }
  return lines;
}

const TAIL = `defer res.Body.Close()
body, err := io.ReadAll(res.Body)
if err != nil {
	panic(err)
}
fmt.Println("HTTP", res.StatusCode)
fmt.Println("X-Request-ID:", res.Header.Get("X-Request-ID"))
fmt.Println("X-RateLimit-Remaining:", res.Header.Get("X-RateLimit-Remaining"))
fmt.Println(string(body))`;

/** The Go (net/http) sample of `plan` (a whole file for `go run`). */
export function go(plan: SamplePlan): string {
  let code = httpsnippet(plan, 'go', 'native', { showBoilerplate: false, printBody: false, checkErrors: true });
  code = replaceUrl(code, '"', url);
  code = fillHeaderValues(code, plan, {
    literal: (value) => `"${value}"`,
    bearer: '"Bearer "+token',
    basic: '"Basic "+base64.StdEncoding.EncodeToString([]byte(clientID+":"+clientSecret))',
    idempotencyKey: () => '"\\""+idempotencyKey+"\\""',
  });
  if (plan.body) {
    // Placeholder first: indenting main's body must not indent the lines of a raw string literal.
    code = replaceOnce(code, /strings\.NewReader\(.*\)$/m, () => `strings.NewReader(${PAYLOAD})`, 'request body');
  }
  const body = indent([...prelude(plan), '', code.trimEnd(), TAIL].join('\n').replace(/\n{3,}/g, '\n\n'), '\t');
  const main = body.replace(PAYLOAD, () => goBody(plan));
  // With every value literal, neither envOr nor package os is used, and Go rejects an unused import.
  const readsEnv = /\benvOr\(/.test(main) || /\bos\./.test(main);
  const imports = [
    ...(plan.idempotencyHeader ? ['crypto/rand'] : []),
    ...(plan.auth.kind === 'client-basic' ? ['encoding/base64'] : []),
    ...(plan.body?.variables ? ['encoding/json'] : []),
    'fmt',
    'io',
    'net/http',
    ...(readsEnv ? ['os'] : []),
    ...(plan.body ? ['strings'] : []),
  ];
  return [
    'package main',
    '',
    `import (\n${imports.map((name) => `\t"${name}"`).join('\n')}\n)`,
    '',
    `func main() {\n${main}\n}`,
    ...(readsEnv ? ['', ENV_OR] : []),
    ...(plan.body?.variables ? ['', JSON_STRING] : []),
    ...(plan.idempotencyHeader ? ['', NEW_UUID] : []),
    '',
  ].join('\n');
}
