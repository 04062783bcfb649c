/**
 * Next calls register() once when a server starts, before it handles requests (never while building). In the Node.js
 * runtime it opens the mounted sandbox's database and installs the request guard (lib/security/request-guard.ts), which answers what Next cannot route (a malformed percent-encoded
 * path, TRACE and other methods Next does not know) with a problem instead of a framework 500. The import is dynamic
 * so that no other runtime bundles node:diagnostics_channel.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { installRequestGuard } = await import('./lib/security/request-guard');
    installRequestGuard();
    // Opens the sandbox's database now: its migrations run before the first request, and a database it cannot
    // open is logged at start rather than found by the first caller.
    const { mountedSandbox } = await import('./lib/sandbox/handler');
    mountedSandbox();
    // The MCP tools' search index and page Markdown, built in the background so an agent's first call is not the
    // one that waits (about 3 s of work; first search_docs after start measured in lib/mcp/README.md).
    const { warmMcp } = await import('./lib/mcp/warm');
    void warmMcp();
  }
}
