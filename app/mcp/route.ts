import { handleMcp } from '@/lib/mcp/http';

/**
 * The MCP server of the portal (lib/mcp/): Streamable HTTP, stateless. Every method goes to the same handler, which
 * answers POST and OPTIONS and refuses the rest with 405 and Allow.
 */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Next passes a context argument to route handlers: the MCP handler takes the request only. */
const handle = (request: Request) => handleMcp(request);

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as OPTIONS };
