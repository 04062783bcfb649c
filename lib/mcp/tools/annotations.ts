import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';

/**
 * Annotations of the documentation tools: they read the site's own content only (openWorldHint false: no other
 * system is reached), change nothing and answer the same for the same input.
 */
export const READ_ONLY_DOCS: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

/**
 * Annotations of the sandbox tools: they write to this portal's sandbox (a throwaway tenant that expires; never
 * production, never another host), so not read-only, not destructive of anything but sandbox data, not idempotent.
 */
export const SANDBOX_WRITE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: false,
};
