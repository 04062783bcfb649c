import { sandbox } from '@/lib/sandbox/handler';

/** /sandbox/v1/auth/token, a fixed path of the document: its own route file, see lib/sandbox/README.md (Mounted routes). */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = sandbox.methods;
