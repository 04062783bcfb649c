import { sandbox } from '@/lib/sandbox/handler';

/** Mounts the sandbox (lib/sandbox) at /sandbox: every method goes to the same framework-agnostic handler. */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = sandbox.handle;
export const HEAD = sandbox.handle;
export const POST = sandbox.handle;
export const PUT = sandbox.handle;
export const PATCH = sandbox.handle;
export const DELETE = sandbox.handle;
export const OPTIONS = sandbox.handle;
