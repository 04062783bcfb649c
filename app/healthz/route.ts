/** Liveness probe: a trivial JSON route handler (also the bench's baseline for the mounted sandbox). */
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ ok: true });
}
