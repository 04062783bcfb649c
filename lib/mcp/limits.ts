/**
 * Sizes and rates of the MCP endpoint, in one place (lib/mcp/README.md lists them). Each cap keeps one request or
 * one answer small enough for an agent's context and for the portal's memory.
 */

/** Largest JSON-RPC request body, in bytes (→ 413). */
export const MAX_REQUEST_BYTES = 64 * 1024;

/**
 * Longest wait for the whole request body, in milliseconds (→ 408). 64 KiB arrives in well under a second on any
 * link; without this a client sending a byte every few seconds held the request for Node's 300 s requestTimeout.
 */
export const BODY_TIMEOUT_MS = 10_000;

/** Largest Markdown `read_page` and `resources/read` return, in bytes; longer pages end with a truncation notice. */
export const MAX_PAGE_BYTES = 200 * 1024;

/** Largest JSON Schema `get_operation` returns for one request or response body, in bytes of JSON. */
export const MAX_SCHEMA_BYTES = 16 * 1024;

/** Largest body `sandbox_call` sends, in bytes of JSON (the sandbox itself accepts 1 MiB). */
export const MAX_CALL_BODY_BYTES = 32 * 1024;

/**
 * Deepest nesting of objects and arrays in a body `sandbox_call` sends. JSON.stringify recurses: a 32,000-deep body
 * (well within MAX_REQUEST_BYTES) overflowed the stack. No operation's schema nests anywhere near this deep.
 */
export const MAX_CALL_BODY_DEPTH = 64;

/** Largest response body `sandbox_call` returns, in bytes of text; a longer one comes back as cut text. */
export const MAX_CALL_RESPONSE_BYTES = 64 * 1024;

/** Most hits `search_docs` returns, and its default. */
export const SEARCH_LIMITS = { max: 20, default: 8 } as const;

/** Default requests per minute per client address (MCP_RATE_LIMIT_PER_MINUTE overrides it). */
// A client spends 2–3 requests connecting and one per tool call; 60 was reached in ordinary use by a newcomer.
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 300;
