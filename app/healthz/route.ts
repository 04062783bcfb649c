import { mountedSandbox } from '@/lib/sandbox/handler';

/**
 * Health check for a load balancer: `200 {"ok": true}` while the mounted sandbox's database is open, else
 * `503 {"ok": false}` with Retry-After (an instance that cannot reach a shared PostgreSQL must not get traffic).
 */
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const ok = await mountedSandbox().available();
  return Response.json(ok ? { ok } : { ok, detail: 'The sandbox database is unavailable.' }, {
    status: ok ? 200 : 503,
    headers: { 'Cache-Control': 'no-store', ...(ok ? {} : { 'Retry-After': '5' }) },
  });
}
