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
  return { content: [{ type: 'text', text: text ?? JSON.stringify(value, null, 2) }], structuredContent: value };
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

/**
 * Logs a failure without secrets: the error's name and message with every credential the sandbox issues redacted
 * (lib/sandbox/redact.ts), never a stack, an argument or a header.
 * @param where what failed, e.g. `tool search_docs`
 */
export function logFailure(where: string, error: unknown): void {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`[mcp] ${where} failed: ${redactText(text).slice(0, 500)}`);
}

const UNEXPECTED = 'The tool failed unexpectedly. Retry; if it keeps failing, the portal logs say why.';

/**
 * Wraps a tool handler: an exception becomes a generic tool error (the SDK would otherwise echo its message, which
 * may hold internals) and is logged through logFailure.
 * @param name the tool's name, for the log
 */
export function guarded<A extends unknown[]>(
  name: string,
  handler: (...args: A) => CallToolResult | Promise<CallToolResult>,
): (...args: A) => Promise<CallToolResult> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      logFailure(`tool ${name}`, error);
      return toolError(UNEXPECTED);
    }
  };
}
