import { listOperations } from '@/lib/openapi';

/** Sandbox-only routes (documented in lib/sandbox/README.md, not in the AeThex document): path → method → handler key. */
export const SANDBOX_ROUTES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '/apps': { POST: 'sandbox.createApp' },
  '/webhooks/emit': { POST: 'sandbox.emitWebhook' },
  '/maintenance': { PUT: 'sandbox.setMaintenance' },
  '/rate-limit': { PUT: 'sandbox.setRateLimit' },
  '/.well-known/oauth-authorization-server': { GET: 'sandbox.metadata' },
  '/oauth/authorize': { GET: 'sandbox.authorize', POST: 'sandbox.authorizeDecision' },
  '/oauth/login-ticket': { POST: 'sandbox.loginTicket' },
};

/** A routing result: an operation or sandbox route with its path parameters, a 405 with Allow, or nothing (404). */
export type RouteMatch =
  | { kind: 'route'; key: string; documented: boolean; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

interface CompiledPath {
  regex: RegExp;
  names: string[];
  methods: Record<string, string>;
  documented: boolean;
}

let compiled: CompiledPath[] | undefined;

function compile(template: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name) {
        names.push(name);
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { regex: new RegExp(`^${source}$`), names };
}

/** Every routable path: the document's paths (method → operationId) and the sandbox-only routes. Built once. */
function table(): CompiledPath[] {
  if (!compiled) {
    const byPath = new Map<string, Record<string, string>>();
    for (const operation of listOperations()) {
      const methods = byPath.get(operation.path) ?? {};
      methods[operation.method] = operation.operationId;
      byPath.set(operation.path, methods);
    }
    compiled = [
      ...[...byPath].map(([template, methods]) => ({ ...compile(template), methods, documented: true })),
      ...Object.entries(SANDBOX_ROUTES).map(([template, methods]) => ({
        ...compile(template),
        methods: { ...methods },
        documented: false,
      })),
    ];
  }
  return compiled;
}

/**
 * Matches a method and a path (relative to the sandbox mount) against the document's path templates and the
 * sandbox-only routes. HEAD is answered as GET (RFC 9110 §9.3.2).
 * @returns the route (operationId for document operations), `method-not-allowed` with the Allow list, or `not-found`.
 */
export function matchRoute(method: string, path: string): RouteMatch {
  for (const entry of table()) {
    const found = entry.regex.exec(path);
    if (!found) continue;
    const key = entry.methods[method] ?? (method === 'HEAD' ? entry.methods.GET : undefined);
    if (!key) return { kind: 'method-not-allowed', allow: allowOf(entry) };
    const params: Record<string, string> = {};
    let ok = true;
    entry.names.forEach((name, index) => {
      try {
        params[name] = decodeURIComponent(found[index + 1] ?? '');
      } catch {
        ok = false;
      }
    });
    if (!ok) return { kind: 'not-found' };
    return { kind: 'route', key, documented: entry.documented, params };
  }
  return { kind: 'not-found' };
}

/** The methods a path supports, for `Allow`: its own, with HEAD after GET (answered as GET). */
function allowOf(entry: CompiledPath): string[] {
  const allow = Object.keys(entry.methods);
  if (allow.includes('GET')) allow.splice(allow.indexOf('GET') + 1, 0, 'HEAD');
  return allow;
}

/**
 * The methods a path (relative to the sandbox mount) supports, as matchRoute's 405 lists them in `Allow`.
 * @returns undefined when no route has the path (the sandbox answers 404 whatever the method).
 */
export function allowedMethods(path: string): string[] | undefined {
  const entry = table().find((candidate) => candidate.regex.test(path));
  return entry && allowOf(entry);
}

/** Every document operationId the router can reach (for the completeness test). */
export function routedOperationIds(): string[] {
  return table()
    .filter((entry) => entry.documented)
    .flatMap((entry) => Object.values(entry.methods));
}

const WELL_KNOWN = '/.well-known/oauth-authorization-server';

/**
 * Splits a request path into the mount prefix used and the path within the sandbox. Also maps the RFC 8414 §3.1
 * metadata location of an issuer with a path (`/.well-known/oauth-authorization-server/sandbox`) to the metadata route.
 * @param bases - accepted prefixes in order of preference (`['/sandbox']` mounted, `['/sandbox', '']` standalone).
 * @returns undefined when the path is outside every accepted prefix.
 */
export function splitBase(pathname: string, bases: readonly string[]): { base: string; path: string } | undefined {
  for (const base of bases) {
    if (base && pathname === `${WELL_KNOWN}${base}`) return { base, path: WELL_KNOWN };
    if (base === '' || pathname === base || pathname.startsWith(`${base}/`))
      return { base, path: pathname.slice(base.length) || '/' };
  }
  return undefined;
}
