/**
 * The version of the MCP server's public contract: the names, inputs and outputs of its tools (what `tools/list`
 * answers, recorded in ./tools.snapshot.json). Semantic Versioning 2.0.0: a new tool or a new optional input is a
 * minor bump, a renamed or removed tool, input or output field a major one, a description or a cap a patch. The
 * snapshot test (./snapshot.test.ts) fails when `tools/list` changes while this stays the same.
 */
export const MCP_TOOLS_VERSION = '1.0.1';

/** The server's name in `serverInfo` (the MCP initialize result); its version is MCP_TOOLS_VERSION. */
export const MCP_SERVER_NAME = 'aethex-developer-portal';

/** Where the MCP endpoint lives and the methods it answers (stateless: POST, and OPTIONS for CORS preflights). */
export const MCP_ENDPOINT = { path: '/mcp', methods: ['POST', 'OPTIONS'] } as const;
