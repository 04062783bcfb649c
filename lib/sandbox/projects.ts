import { getOperation } from '@/lib/openapi';

import type { ApiCall } from './call';
import { capExceeded } from './caps';
import { LIMITS } from './config';
import { problem, type Reply } from './http';
import { parseIdempotencyKey, quotedKey } from './idempotency-key';
import { randomId, sha256Hex } from './ids';
import type { ProjectRow } from './store';

/** A stored project in the document's Project shape. */
function toProject(row: Omit<ProjectRow, 'tenant_id'>): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    environment: row.environment,
    region: row.region,
    default_branch: row.default_branch,
    auto_deploy: row.auto_deploy === 1,
    created_at: row.created_at,
  };
}

/**
 * RFC 8288 Link header for page-based pagination: absolute `first`/`prev`/`next`/`last` URLs keeping `limit`.
 * No `prev` on the first page, no `next` on the last (or past the end).
 */
function paginationLinks(baseUrl: string, page: number, limit: number, total: number): string {
  const last = Math.max(1, Math.ceil(total / limit));
  const link = (p: number, rel: string) => `<${baseUrl}?page=${p}&limit=${limit}>; rel="${rel}"`;
  const links = [link(1, 'first')];
  if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'));
  if (page < last) links.push(link(page + 1, 'next'));
  links.push(link(last, 'last'));
  return links.join(', ');
}

/** listProjects: one page of the tenant's projects in the call's environment, with Link and X-Total-Count. */
export async function listProjects(call: ApiCall): Promise<Reply> {
  const page = call.query.page as number;
  const limit = call.query.limit as number;
  // The schema has no maximum page, and Ajv coerces "1e400"-sized digits to Infinity: refuse what is not exact.
  if (!Number.isSafeInteger(page)) {
    return problem(call.ctx, 400, `The parameter page must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}.`, {
      errors: [{ field: 'page', message: 'must be a safe integer' }],
    });
  }
  const { total, json: body } = await call.rt.store.projectPage(
    call.identity.tenantId,
    call.environment,
    limit,
    (page - 1) * limit,
    (rows) => JSON.stringify(rows.map(toProject)),
  );
  const self = `${call.ctx.origin}${call.ctx.base}${getOperation('listProjects')?.path ?? '/v1/projects'}`;
  return {
    status: 200,
    headers: {
      'Content-Type': 'application/json',
      Link: paginationLinks(self, page, limit, total),
      'X-Total-Count': String(total),
    },
    body,
  };
}

let cachedDefaults: Record<string, unknown> | undefined;

/** Defaults of the ProjectCreate schema's properties, read from the document. */
function createDefaults(): Record<string, unknown> {
  if (!cachedDefaults) {
    const schema = getOperation('createProject')?.requestBody?.content['application/json']?.schema as
      { properties?: Record<string, { default?: unknown }> } | undefined;
    cachedDefaults = Object.fromEntries(
      Object.entries(schema?.properties ?? {})
        .filter(([, property]) => property.default !== undefined)
        .map(([name, property]) => [name, property.default]),
    );
  }
  return cachedDefaults;
}

/** A new project row from a validated ProjectCreate body, with the document's defaults and the call's environment. */
export function newProject(
  tenantId: string,
  environment: string,
  body: Record<string, unknown>,
  now: number,
): ProjectRow {
  const filled = { ...createDefaults(), ...body };
  return {
    id: randomId('prj_', 16),
    tenant_id: tenantId,
    name: String(filled.name),
    description: typeof filled.description === 'string' ? filled.description : null,
    environment,
    region: String(filled.region),
    default_branch: String(filled.default_branch),
    auto_deploy: filled.auto_deploy === false ? 0 : 1,
    created_at: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** The 429 of a tenant that holds `rt.caps.projectsPerTenant` projects; Retry-After is when the tenant expires. */
async function projectsCapReached(call: ApiCall): Promise<Reply> {
  const { rt, ctx, identity } = call;
  const cap = rt.caps.projectsPerTenant;
  const expiresAt = (await rt.store.tenant(identity.tenantId))?.expires_at ?? rt.now();
  const retryAfter = Math.max(1, Math.ceil((expiresAt - rt.now()) / 1000));
  return problem(
    ctx,
    429,
    `This sandbox app holds ${cap} projects, the cap per sandbox app; create another sandbox app (POST /sandbox/apps) or wait until this one expires in ${retryAfter} seconds.`,
    {
      headers: { 'Retry-After': String(retryAfter) },
    },
  );
}

/**
 * createProject: 201 with Location and defaults filled in; 429 at the per-tenant project cap (nothing stored). With an
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header: an RFC 8941 sf-string or the same key bare, stored
 * unquoted), keyed per tenant and client for 24 h: same body → stored 201 replayed with `Idempotent-Replayed: true`;
 * different body → 422; still in flight (on any instance) → 409; a new key while the tenant holds its cap of records
 * → 429 (nothing stored).
 */
export async function createProject(call: ApiCall): Promise<Reply> {
  const { rt, ctx, identity } = call;
  const header = call.header('idempotency-key');
  const row = newProject(identity.tenantId, call.environment, call.body as Record<string, unknown>, rt.now());
  const location = `${ctx.origin}${ctx.base}/v1/projects/${row.id}`;
  const body = JSON.stringify(toProject(row));
  const headers = { 'Content-Type': 'application/json', Location: location };
  if (header === null) {
    if (await rt.store.createProject(row, rt.caps.projectsPerTenant)) return projectsCapReached(call);
    return { status: 201, headers, body };
  }
  const parsed = parseIdempotencyKey(header);
  // Request validation refuses such a header first (checks.ts); kept so the handler never stores a raw value.
  if (!parsed.ok)
    return problem(ctx, 400, `The header Idempotency-Key ${parsed.error.message}.`, { errors: [parsed.error] });
  const { key } = parsed;
  const fingerprint = sha256Hex(Buffer.concat([Buffer.from(`POST /v1/projects ${call.environment}\n`), call.rawBody]));
  const claim = await rt.store.claimIdempotencyKey(
    identity.tenantId,
    identity.clientId,
    key,
    fingerprint,
    rt.now(),
    LIMITS.idempotencySeconds * 1000,
    rt.caps.idempotencyRecordsPerTenant,
  );
  if (claim.state === 'mismatch') {
    return problem(
      ctx,
      422,
      `Idempotency-Key ${quotedKey(key)} was already used with a different request body. Use a new key for a new request.`,
    );
  }
  if (claim.state === 'in_flight') {
    return problem(
      ctx,
      409,
      `A request with Idempotency-Key ${quotedKey(key)} is still in progress. Retry once it completes.`,
    );
  }
  if (claim.state === 'replay') {
    const { status, headers, body: stored } = claim.response;
    return { status, headers: { ...headers, 'Idempotent-Replayed': 'true' }, body: stored };
  }
  if (claim.state === 'full') {
    const hit = {
      cap: 'idempotencyRecords' as const,
      limit: rt.caps.idempotencyRecordsPerTenant,
      freeAt: claim.oldestAt + LIMITS.idempotencySeconds * 1000,
    };
    return capExceeded(rt, ctx, identity.tenantId, hit);
  }
  let capped: 'capped' | undefined;
  try {
    const stored = { clientKey: identity.clientId, key, response: { status: 201, headers, body } };
    capped = await rt.store.createProject(row, rt.caps.projectsPerTenant, stored);
  } catch (error) {
    await rt.store.releaseIdempotencyKey(identity.tenantId, identity.clientId, key);
    throw error;
  }
  if (!capped) return { status: 201, headers, body };
  // Not a response worth replaying: the same key may succeed once the caller has room again.
  await rt.store.releaseIdempotencyKey(identity.tenantId, identity.clientId, key);
  return projectsCapReached(call);
}
