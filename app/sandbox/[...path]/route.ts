import { sandbox } from '@/lib/sandbox/handler';

/**
 * Mounts the sandbox (lib/sandbox) at /sandbox: every path without a route file of its own (path templates with
 * parameters, sandbox-only routes, unknown paths that get the sandbox's 404 problem) and every method.
 */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = sandbox.methods;
