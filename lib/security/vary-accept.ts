/**
 * `Vary: Accept` on every page answer. A page URL has two representations (HTML, and its Markdown twin for
 * `Accept: text/markdown`, proxy.ts), so a shared cache must key pages on Accept (RFC 9110 §12.5.5) or it could hand
 * one representation to a client that asked for the other. Neither proxy.ts nor next.config.mjs headers can say it on
 * a prerendered page: Next replaces the Vary it was given there with its own list when it writes the cached page. So
 * the request guard (./request-guard.ts), which sees every node:http response first, adds the field as the head is
 * written, after Next has set its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Paths whose answers never depend on Accept's media types: the sandbox and MCP APIs, Next's static assets. */
const NOT_NEGOTIATED = /^\/(?:sandbox|mcp|_next)(?:[/?]|$)/;

/**
 * Whether a request's answer should carry `Vary: Accept`.
 * @param method the request method; @param target the request target (origin-form path and query)
 */
export function variesOnAccept(method: string | undefined, target: string | undefined): boolean {
  return (method === 'GET' || method === 'HEAD') && target !== undefined && !NOT_NEGOTIATED.test(target);
}

/**
 * Adds `Accept` to a header's Vary list unless it is already there (or is `*`).
 * @param vary the current value (a string, a list, or undefined)
 * @returns the new value
 */
export function withAccept(vary: number | string | string[] | undefined): string {
  const current = (Array.isArray(vary) ? vary.join(', ') : String(vary ?? '')).trim();
  const fields = current.split(',').map((field) => field.trim().toLowerCase());
  if (fields.includes('accept') || fields.includes('*')) return current;
  return current ? `Accept, ${current}` : 'Accept';
}

/**
 * Makes a response add `Accept` to its Vary header when its head is written (explicitly, or implicitly by the first
 * write or end, which Node routes through writeHead).
 * @param res the node:http response of a page request
 */
export function varyOnAccept(res: ServerResponse<IncomingMessage>): void {
  const writeHead = res.writeHead as (...args: unknown[]) => ServerResponse;
  res.writeHead = function writeHeadWithVary(this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) this.setHeader('Vary', withAccept(this.getHeader('vary')));
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}
