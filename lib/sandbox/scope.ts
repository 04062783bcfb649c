/**
 * The sandbox-only scope of the control routes (maintenance, rate limit, webhook emit). Not part of the AeThex API, so
 * not in the document; granted like any other scope and listed in the authorization server metadata. A module of its
 * own, without imports, so the console (a client bundle) can offer it too.
 */
export const SANDBOX_SCOPE = {
  name: 'sandbox:manage',
  description: "Change this sandbox app's settings (maintenance, rate limit) and emit signed test webhooks.",
} as const;
