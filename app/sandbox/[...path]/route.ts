import { handleMounted } from '@/lib/sandbox/handler';

/** Mounts the sandbox (lib/sandbox) at /sandbox: every path and every method Next routes goes to the same pipeline. */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
export {
  handleMounted as GET,
  handleMounted as HEAD,
  handleMounted as POST,
  handleMounted as PUT,
  handleMounted as PATCH,
  handleMounted as DELETE,
  handleMounted as OPTIONS,
};
