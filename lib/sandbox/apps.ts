import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import { grantableScopeNames, LIMITS } from './config';
import { json, problem, type FieldError, type Reply, type RequestContext } from './http';
import { randomId, sha256Hex } from './ids';
import { isLoopback, type ClientAddress } from './limits';
import { newProject } from './projects';
import type { Runtime } from './runtime';

const NAMES = [
  'storefront',
  'billing-worker',
  'docs-site',
  'image-resizer',
  'search-api',
  'checkout',
  'analytics-etl',
  'mobile-backend',
  'auth-gateway',
  'status-page',
];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-1'];

const httpUrl = z.url({ protocol: /^https?$/ }).refine((uri) => !uri.includes('#'), 'must not have a fragment');

/** The optional POST /sandbox/apps body. */
const AppBody = z
  .strictObject({
    name: z.string().min(1).max(100).optional(),
    redirect_uris: z.array(httpUrl).max(10).optional(),
    scopes: z
      .array(
        z
          .string()
          .refine((scope) => grantableScopeNames().includes(scope), 'is not a scope of the document or sandbox:manage'),
      )
      .min(1)
      .optional(),
  })
  .default({});

const MaintenanceBody = z.strictObject({ enabled: z.boolean(), retry_after: z.int().min(1).max(86_400).optional() });

/** The PUT /sandbox/rate-limit body: at most `perSecond` requests per second over a window of up to a minute. */
function rateLimitBody(perSecond: number) {
  const integer = (min: number, max: number) =>
    z
      .int(`must be an integer from ${min} to ${max}`)
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`);
  return z
    .strictObject({
      limit: integer(1, perSecond * 60),
      window_seconds: integer(1, LIMITS.maxRateWindowSeconds),
    })
    .superRefine((body, context) => {
      const most = perSecond * Math.min(body.window_seconds, 60);
      if (body.limit > most)
        context.addIssue({
          code: 'custom',
          path: ['limit'],
          message: `must be at most ${most} for a window of ${body.window_seconds} s (${perSecond} requests per second; windows from 60 s allow ${perSecond * 60}); it is ${body.limit}`,
        });
    });
}

/** Validates a sandbox-only endpoint's body with zod, mapping issues to the document's ProblemFieldError shape. */
export function parse<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; errors: FieldError[] } {
  const result = schema.safeParse(body ?? undefined);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({ field: `/${issue.path.join('/')}`, message: issue.message })),
  };
}

/**
 * The abuse cap on tenant creation: `rt.caps.appsPerHour` per client address in a fixed one-hour window. A loopback
 * socket peer (the developer's own machine running `npm run sandbox`) is exempt; a forwarded address never is.
 * @returns a 429 problem with Retry-After when the cap is reached, else undefined (the creation is counted).
 */
async function appsCapExceeded(rt: Runtime, ctx: RequestContext, client: ClientAddress): Promise<Reply | undefined> {
  if (client.fromSocket && isLoopback(client.address)) return undefined;
  const now = rt.now();
  const { window_start, count } = await rt.store.hitRateWindow(`apps:${client.address}`, now, 3_600_000);
  if (count <= rt.caps.appsPerHour) return undefined;
  const retryAfter = Math.max(1, Math.ceil((window_start + 3_600_000 - now) / 1000));
  // The X-RateLimit-* headers describe the budget that ran out (this cap's hour), so they agree with Retry-After.
  ctx.rate = { limit: rt.caps.appsPerHour, remaining: 0, reset: Math.ceil((window_start + 3_600_000) / 1000) };
  return problem(
    ctx,
    429,
    `This address created ${rt.caps.appsPerHour} sandbox apps in the last hour, the cap for a public sandbox; retry in ${retryAfter} seconds, or reuse an app you created (they live ${rt.tenantTtlSeconds} seconds).`,
    {
      headers: { 'Retry-After': String(retryAfter) },
    },
  );
}

/**
 * POST /sandbox/apps: creates an isolated tenant with a confidential OAuth client, a personal access token, a
 * webhook signing secret and seed projects (60 in production: 3 pages at limit=25). Secrets are returned once and
 * stored only as SHA-256 (the webhook secret is kept, since it must sign deliveries).
 * @param client - the caller's address, for the per-address cap (429 with Retry-After above it; nothing stored).
 */
export async function createApp(
  rt: Runtime,
  ctx: RequestContext,
  body: unknown,
  client: ClientAddress,
): Promise<Reply> {
  const result = parse(AppBody, body);
  if (!result.ok)
    return problem(ctx, 400, 'The app body is invalid: send {"name"?, "redirect_uris"?, "scopes"?}.', {
      errors: result.errors,
    });
  const capped = await appsCapExceeded(rt, ctx, client);
  if (capped) return capped;
  const parsed = {
    name: result.value.name ?? 'Sandbox app',
    redirectUris: result.value.redirect_uris ?? [],
    scopes: result.value.scopes ?? grantableScopeNames(),
  };
  const now = rt.now();
  const tenantId = randomId('ten_', 16);
  const clientId = randomId('cli_', 16);
  const clientSecret = randomId('cs_', 40);
  const pat = randomId('pat_', 40);
  const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const expiresAt = now + rt.tenantTtlSeconds * 1000;
  const projects = Object.entries(LIMITS.seed).flatMap(([environment, count]) =>
    Array.from({ length: count }, (_, index) =>
      newProject(
        tenantId,
        environment,
        {
          name: `${NAMES[index % NAMES.length]}-${index + 1}`,
          description: index % 3 === 0 ? null : `Seeded ${environment} project ${index + 1}`,
          region: REGIONS[index % REGIONS.length],
          auto_deploy: index % 4 !== 0,
        },
        now - (count - index) * 60_000,
      ),
    ),
  );
  await rt.store.createTenant(
    {
      id: tenantId,
      name: parsed.name,
      webhook_secret: webhookSecret,
      scopes: parsed.scopes.join(' '),
      rate_limit: LIMITS.rateLimit,
      rate_window_seconds: LIMITS.rateWindowSeconds,
      created_at: now,
      expires_at: expiresAt,
    },
    {
      id: clientId,
      tenant_id: tenantId,
      name: parsed.name,
      secret_hash: sha256Hex(clientSecret),
      redirect_uris: JSON.stringify(parsed.redirectUris),
      scopes: parsed.scopes.join(' '),
    },
    { hash: sha256Hex(pat), id: randomId('pid_', 16), scopes: parsed.scopes.join(' ') },
    projects,
  );
  // The response creates the tenant: its request log starts with this exchange.
  if (ctx.log) ctx.log.tenantId = tenantId;
  return json(
    201,
    {
      tenant_id: tenantId,
      name: parsed.name,
      client_id: clientId,
      client_secret: clientSecret,
      personal_access_token: pat,
      webhook_secret: webhookSecret,
      scopes: parsed.scopes,
      redirect_uris: parsed.redirectUris,
      rate_limit: { limit: LIMITS.rateLimit, window_seconds: LIMITS.rateWindowSeconds },
      expires_at: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    { 'Cache-Control': 'no-store' },
  );
}

/** PUT /sandbox/maintenance `{enabled, retry_after?}`: while enabled, the tenant's API calls get 503 + Retry-After. */
export async function setMaintenance(
  rt: Runtime,
  ctx: RequestContext,
  tenantId: string,
  body: unknown,
): Promise<Reply> {
  const result = parse(MaintenanceBody, body);
  if (!result.ok)
    return problem(ctx, 400, 'Send {"enabled": true|false, "retry_after"?: seconds from 1 to 86400}.', {
      errors: result.errors,
    });
  const retryAfter = result.value.retry_after ?? LIMITS.maintenanceRetryAfter;
  await rt.store.setMaintenance(tenantId, result.value.enabled, retryAfter);
  return json(200, { enabled: result.value.enabled, retry_after: retryAfter });
}

/** PUT /sandbox/rate-limit `{limit, window_seconds}`: sets the tenant's limit (applies from the next request). */
export async function setRateLimit(rt: Runtime, ctx: RequestContext, tenantId: string, body: unknown): Promise<Reply> {
  const perSecond = rt.caps.maxRequestsPerSecond;
  const result = parse(rateLimitBody(perSecond), body);
  if (!result.ok) {
    const why = result.errors.map((error) => `${error.field.slice(1) || 'body'} ${error.message}`).join('; ');
    return problem(
      ctx,
      400,
      `Send {"limit": integer, "window_seconds": integer} with at most ${perSecond} requests per second over a window of up to a minute (so ${perSecond * 60} for 60 s or longer): ${why}.`,
      { errors: result.errors },
    );
  }
  await rt.store.setRateLimit(tenantId, result.value.limit, result.value.window_seconds);
  return json(200, result.value);
}
