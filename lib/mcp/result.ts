/**
 * Building blocks of tool results (MCP 2025-11-25 `CallToolResult`): structured output with its text twin, tool
 * errors in words, size caps, and the guard that turns an unexpected failure into a generic tool error.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

import { redactText } from '@/lib/sandbox/redact';

/**
 * A successful result: `structuredContent` (checked by the SDK against the tool's outputSchema) and the same value
 * as JSON text, which the specification asks for so that clients without structured output still see it.
 * @param value the structured output; @param text a text of its own instead of the JSON (e.g. Markdown)
 */
export function structured(value: Record<string, unknown>, text?: string): CallToolResult {
  return { content: [{ type: 'text', text: text ?? JSON.stringify(value) }], structuredContent: value };
}

/** A tool error (`isError: true`): a failure the agent can read and act on, not a protocol error. */
export function toolError(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}

/**
 * Cuts a text to at most `maxBytes` bytes of UTF-8, at a character boundary.
 * @returns the text (unchanged when it fits) and whether it was cut
 */
export function capBytes(text: string, maxBytes: number): { text: string; truncated: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return { text, truncated: false };
  // A cut inside a multi-byte character decodes to U+FFFD: drop it.
  return {
    text: bytes
      .subarray(0, maxBytes)
      .toString('utf8')
      .replace(/\uFFFD+$/, ''),
    truncated: true,
  };
}

/** Replaces every occurrence of the given secrets in a text (of 8 characters or more: shorter ones are no credential). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => (secret.length >= 8 ? out.split(secret).join('[redacted]') : out), text);
}

/** Longest message logFailure keeps, in characters (after escaping). */
const MAX_LOGGED_MESSAGE = 300;

/** C0 and C1 controls, DEL and the Unicode line and paragraph separators: anything that could start a log line. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A text as one log line: each control character written as `\xNN` or `\uNNNN`. */
function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** String(value), or a stand-in when that throws (an object without a prototype has no toString). */
function describe(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '(unprintable)';
  }
}

/**
 * Logs a failure as one line without secrets: the error's name, its `code` if any, and its message, which may quote
 * caller input (Headers.set quotes the value it refuses), so it is sanitized: the call's own secrets removed, any
 * `Bearer`/`Basic` credential and every credential the sandbox issues redacted (lib/sandbox/redact.ts), control
 * characters escaped (no forged log lines) and cut to MAX_LOGGED_MESSAGE characters. Never a stack, an argument or a
 * header.
 * @param where what failed, e.g. `tool search_docs`
 * @param secrets the call's own credentials, removed wherever they appear
 */
export function logFailure(where: string, error: unknown, secrets: readonly string[] = []): void {
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  const label = typeof code === 'string' || typeof code === 'number' ? `${name} [${code}]` : name;
  const raw = error instanceof Error ? error.message : describe(error);
  const redacted = redactText(scrubSecrets(raw, secrets).replace(/\b(Bearer|Basic)\s+\S+/gi, '$1 [redacted]'));
  const escaped = escapeControls(redacted);
  const message = escaped.length > MAX_LOGGED_MESSAGE ? `${escaped.slice(0, MAX_LOGGED_MESSAGE)}…` : escaped;
  console.error(`[mcp] ${escapeControls(where)} failed: ${escapeControls(label).slice(0, 100)}: ${message}`);
}

const UNEXPECTED = 'The tool failed unexpectedly. Retry; if it keeps failing, the portal logs say why.';

/**
 * Wraps a tool handler: an exception becomes a generic tool error (the SDK would otherwise echo its message, which
 * may hold internals) and is logged through logFailure.
 * @param name the tool's name, for the log
 * @param secretsOf the call's credentials, which logFailure removes from the logged message
 */
export function guarded<A extends unknown[]>(
  name: string,
  handler: (...args: A) => CallToolResult | Promise<CallToolResult>,
  secretsOf: (...args: A) => readonly string[] = () => [],
): (...args: A) => Promise<CallToolResult> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      logFailure(`tool ${name}`, error, secretsOf(...args));
      return toolError(UNEXPECTED);
    }
  };
}
