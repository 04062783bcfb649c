/**
 * Next calls register() once when a server starts, before it handles requests. In the Node.js runtime it installs the
 * request guard (lib/security/request-guard.ts), which answers what Next cannot route (a malformed percent-encoded
 * path, TRACE and other methods Next does not know) with a problem instead of a framework 500. The import is dynamic
 * so that no other runtime bundles node:diagnostics_channel.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { installRequestGuard } = await import('./lib/security/request-guard');
    installRequestGuard();
  }
}
