import type { Sandbox } from '@/lib/sandbox/handler';

/** What the tools of one MCP request know about it. */
export interface McpContext {
  /** The sandbox the sandbox tools call in-process (the portal's mounted one; tests pass their own). */
  sandbox: Sandbox;
  /**
   * The request's own origin (`http://localhost:3000`): the base of every URL the sandbox tools build, never a
   * value from tool arguments. read_page also accepts absolute URLs on it.
   */
  origin: string;
  /** The MCP caller's client address (lib/sandbox/limits.ts clientAddress), forwarded so sandbox caps count it. */
  clientAddress: string;
}
