/**
 * The sandbox's public OAuth client for the portal console (authorization code + PKCE, no secret; lib/sandbox/README.md).
 * Not part of the AeThex API, so not in the document. A module of its own, without imports, so the console (a client
 * bundle) and the sandbox's authorization server read the same value.
 */
export const CONSOLE_CLIENT_ID = 'aethex-console';
