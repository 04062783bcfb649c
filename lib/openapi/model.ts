/**
 * The API model: one pure function from an OpenAPI 3.0/3.1 document to the typed, immutable {@link ApiModel}
 * every part of the portal reads. Every fact the portal needs of the document is decided here, once: how an
 * operation authenticates, which scheme is the OAuth 2 one, which operations page and which accept an
 * idempotency key, which errors an operation returns and what the error table says about them.
 */
import { isRecord } from '@/lib/is-record';

import { credentialOf, firstExample, navTitleFromSummary, schemeKind, serverKind } from './facts';
import { deepFreeze, followRef, lookupPointer, resolveDeep } from './resolve';
import type {
  ApiError,
  ApiInfo,
  ApiModel,
  ApiTag,
  EnvironmentHeader,
  HeaderObject,
  HttpMethod,
  Idempotency,
  OAuthEndpoints,
  Operation,
  Pagination,
  ParameterObject,
  RefResolver,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
  Scope,
  SecurityRequirement,
  SecurityScheme,
  SecurityUse,
  Server,
  Webhook,
  WebhookSigning,
} from './types';

/** The methods a Path Item Object can hold, lower-case, in the order OpenAPI lists them: the one list in the portal. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The extension giving an operation its short navigation title (openapi/README.md). */
const NAV_TITLE_EXTENSION = 'x-aethex-nav-title';

/** The root extension holding the error table (openapi/README.md). */
const ERROR_TABLE_EXTENSION = 'x-aethex-errors';

/** Options of {@link buildApiModel}. */
export interface BuildOptions {
  /**
   * `true` (default): schemas, examples and headers are deep-resolved copies, ready for forms and validators.
   * `false`: Parameter, Request Body, Response and Header Objects are followed one `$ref` chain deep, but schemas
   * and examples keep their `$ref`s, resolved on demand through `model.resolveRef`. For very large descriptions:
   * a deep copy of one with thousands of schemas would be several times its size.
   */
  readonly inlineSchemas?: boolean;
}

type Json = Record<string, unknown>;

const IDEMPOTENCY_HEADER = /^idempotency-key$/i;
const PAGE_PARAMETERS = ['page', 'cursor', 'after', 'starting_after', 'page_token'];
const CURSOR_PARAMETERS = new Set(['cursor', 'after', 'starting_after', 'page_token']);
const LIMIT_PARAMETERS = ['limit', 'per_page', 'page_size'];
function record(value: unknown): Json {
  return isRecord(value) ? value : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Builds the model of `document`. Deterministic (the same document gives an equal model; nothing is read from
 * disk) and it never changes the document's content; but with `inlineSchemas: false` the model shares objects with
 * `document` and freezes them, so pass a document nobody mutates afterwards (or a `structuredClone` of it). Copying
 * instead would double the memory this option exists to save.
 * @param document a parsed OpenAPI 3.0 or 3.1 document (any valid one: parts the portal does not use are
 *   ignored; an external or dangling `$ref` is left as it is, except that `inlineSchemas` resolution of a
 *   dangling reference throws)
 * @returns the deep-frozen model; objects shared with `document` (with `inlineSchemas: false`) are frozen too
 * @throws Error on a dangling or external `$ref` inside a schema or example when `inlineSchemas` is on
 */
export function buildApiModel(document: unknown, options: BuildOptions = {}): ApiModel {
  const root = record(document);
  const inline = options.inlineSchemas ?? true;
  const components = record(root.components);

  const follow = (value: unknown): Json => {
    try {
      return record(followRef(root, value));
    } catch {
      return record(value);
    }
  };
  /** A Parameter, Request Body, Response or Header Object: deep-resolved, or followed one chain deep. */
  const objectOf = (value: unknown): Json => (inline ? record(resolveDeep(root, value)) : follow(value));
  const resolveRef: RefResolver = (ref) => {
    try {
      return lookupPointer(root, ref);
    } catch {
      return undefined;
    }
  };

  const errorTable: ApiError[] = (Array.isArray(root[ERROR_TABLE_EXTENSION]) ? root[ERROR_TABLE_EXTENSION] : [])
    .filter(isRecord)
    .map((row) => row as unknown as ApiError)
    .sort((a, b) => a.status - b.status);

  const securitySchemes: SecurityScheme[] = Object.entries(record(components.securitySchemes)).map(([name, raw]) => {
    const scheme = follow(raw);
    const type = text(scheme.type);
    const httpScheme = text(scheme.scheme);
    const apiKey = typeof scheme.name === 'string' ? { in: text(scheme.in), name: scheme.name } : undefined;
    return {
      name,
      kind: schemeKind(type, httpScheme.toLowerCase()),
      type,
      ...(httpScheme ? { scheme: httpScheme } : {}),
      ...(typeof scheme.bearerFormat === 'string' ? { bearerFormat: scheme.bearerFormat } : {}),
      ...(type === 'apiKey' && apiKey ? { apiKey } : {}),
      flows: Object.keys(record(scheme.flows)),
      description: text(scheme.description),
    };
  });
  const schemeNamed = (name: string): SecurityScheme =>
    securitySchemes.find((scheme) => scheme.name === name) ?? {
      name,
      kind: 'other',
      type: '',
      flows: [],
      description: '',
    };
  const oauth2 = securitySchemes.find((scheme) => scheme.kind === 'oauth2');
  const oauth2Flows = oauth2 ? record(follow(record(components.securitySchemes)[oauth2.name]).flows) : {};

  function responseOf(raw: unknown): ResponseObject {
    const response = objectOf(raw);
    const headers = inline
      ? record(response.headers)
      : Object.fromEntries(Object.entries(record(response.headers)).map(([name, header]) => [name, follow(header)]));
    return {
      description: text(response.description),
      headers: headers as Record<string, HeaderObject>,
      content: record(response.content) as ResponseObject['content'],
    };
  }

  function parametersOf(pathLevel: unknown, operationLevel: unknown): ParameterObject[] {
    const merged = new Map<string, ParameterObject>();
    for (const list of [pathLevel, operationLevel]) {
      for (const raw of Array.isArray(list) ? list : []) {
        const parameter = objectOf(raw);
        if (typeof parameter.name !== 'string') continue;
        // Only header names are case-insensitive (RFC 9110 §5.1); `id` and `ID` are two query parameters.
        const name = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
        merged.set(`${text(parameter.in)}:${name}`, parameter as unknown as ParameterObject);
      }
    }
    return [...merged.values()];
  }

  function paginationOf(query: readonly ParameterObject[], responses: Record<string, ResponseObject>) {
    const names = query.map((parameter) => parameter.name);
    const pageParameter = PAGE_PARAMETERS.find((name) => names.includes(name));
    const limitParameter = LIMIT_PARAMETERS.find((name) => names.includes(name));
    const successHeaders = Object.entries(responses)
      .filter(([status]) => /^2/.test(status))
      .flatMap(([, response]) => Object.keys(response.headers));
    const linkHeader = successHeaders.some((name) => name.toLowerCase() === 'link');
    const totalCountHeader = successHeaders.find((name) => name.toLowerCase() === 'x-total-count');
    if (!linkHeader && !pageParameter) return undefined;
    const pagination: Pagination = {
      cursor: pageParameter !== undefined && CURSOR_PARAMETERS.has(pageParameter),
      linkHeader,
      ...(pageParameter ? { pageParameter } : {}),
      ...(limitParameter ? { limitParameter } : {}),
      ...(totalCountHeader ? { totalCountHeader } : {}),
    };
    return pagination;
  }

  function operationOf(path: string, item: Json, method: (typeof HTTP_METHODS)[number]): Operation {
    const op = record(item[method]);
    const responses = Object.fromEntries(
      Object.entries(record(op.responses)).map(([status, raw]) => [status, responseOf(raw)]),
    );
    const security = (
      Array.isArray(op.security) ? op.security : Array.isArray(root.security) ? root.security : []
    ).filter(isRecord) as SecurityRequirement[];
    const securityAlternatives = security.map((requirement) =>
      Object.entries(requirement).map(([name, scopes]): SecurityUse => ({
        scheme: schemeNamed(name),
        scopes: Array.isArray(scopes) ? scopes.map(String) : [],
      })),
    );
    const parameters = parametersOf(item.parameters, op.parameters);
    const parametersIn = {
      path: parameters.filter((parameter) => parameter.in === 'path'),
      query: parameters.filter((parameter) => parameter.in === 'query'),
      header: parameters.filter((parameter) => parameter.in === 'header'),
      cookie: parameters.filter((parameter) => parameter.in === 'cookie'),
    };
    const errorStatuses = Object.keys(responses)
      .filter((status) => /^[45]\d\d$/.test(status))
      .map(Number)
      .sort((a, b) => a - b);
    const body = op.requestBody === undefined ? undefined : objectOf(op.requestBody);
    const idempotencyParameter = parametersIn.header.find((parameter) => IDEMPOTENCY_HEADER.test(parameter.name));
    const idempotency: Idempotency | undefined = idempotencyParameter && {
      header: idempotencyParameter.name,
      required: idempotencyParameter.required === true,
    };
    const pagination = paginationOf(parametersIn.query, responses);
    const summary = text(op.summary);
    const tags = Array.isArray(op.tags) ? op.tags.map(String) : [];
    const operationId = text(op.operationId) || `${method} ${path}`;
    return {
      operationId,
      method: method.toUpperCase() as HttpMethod,
      path,
      summary,
      navTitle: text(op[NAV_TITLE_EXTENSION]) || navTitleFromSummary(summary) || operationId,
      description: text(op.description),
      tags,
      tag: tags[0] ?? '',
      deprecated: op.deprecated === true,
      parameters,
      parametersIn,
      ...(body ? { requestBody: { ...body, content: record(body.content) } as RequestBodyObject } : {}),
      responses,
      security,
      securityAlternatives,
      credential: credentialOf(securityAlternatives),
      scopes: [
        ...new Set(
          securityAlternatives
            .flat()
            .filter((use) => use.scheme.kind === 'oauth2' || use.scheme.kind === 'openIdConnect')
            .flatMap((use) => use.scopes),
        ),
      ],
      errorStatuses,
      errors: errorStatuses.map((status) => {
        const error = errorTable.find((row) => row.status === status);
        return { status, response: responses[String(status)]!, ...(error ? { error } : {}) };
      }),
      ...(pagination ? { pagination } : {}),
      ...(idempotency ? { idempotency } : {}),
    };
  }

  const operations: Operation[] = [];
  for (const [path, rawItem] of Object.entries(record(root.paths))) {
    const item = follow(rawItem);
    for (const method of HTTP_METHODS) if (isRecord(item[method])) operations.push(operationOf(path, item, method));
  }

  const webhooks: Webhook[] = [];
  for (const [event, rawItem] of Object.entries(record(root.webhooks))) {
    const item = follow(rawItem);
    const method = HTTP_METHODS.find((candidate) => isRecord(item[candidate]));
    if (!method) continue;
    const operation = operationOf(event, item, method);
    const media = operation.requestBody?.content['application/json'];
    webhooks.push({
      event,
      operationId: operation.operationId === `${method} ${event}` ? '' : operation.operationId,
      summary: operation.summary,
      description: operation.description,
      headers: operation.parametersIn.header,
      payloadSchema: media?.schema ?? {},
      example: firstExample(media),
      operation,
    });
  }

  const scopes = new Map<string, string>();
  for (const flow of Object.values(oauth2Flows)) {
    for (const [scope, description] of Object.entries(record(record(flow).scopes))) {
      if (!scopes.has(scope)) scopes.set(scope, text(description));
    }
  }

  const servers = (Array.isArray(root.servers) ? root.servers : []).filter(isRecord).map((server): Server => ({
    url: text(server.url),
    description: text(server.description),
    kind: serverKind(text(server.url)),
  }));

  const flowUrl = (key: 'tokenUrl' | 'authorizationUrl' | 'refreshUrl') =>
    ['authorizationCode', 'clientCredentials', ...Object.keys(oauth2Flows)]
      .map((flow) => text(record(oauth2Flows[flow])[key]))
      .find(Boolean);
  /** A flow URL relative to the server it is on: without the server URL it starts with, or its path part. */
  const serverPath = (url: string) => {
    const server = servers.find(
      (candidate) => candidate.url && url.startsWith(candidate.url.replace(/\/+$/, '') + '/'),
    );
    if (server) return url.slice(server.url.replace(/\/+$/, '').length);
    if (serverKind(url) === 'sandbox') return url;
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  };
  const tokenUrl = flowUrl('tokenUrl');
  const authorizationUrl = flowUrl('authorizationUrl');
  const refreshUrl = flowUrl('refreshUrl');
  const oauth: OAuthEndpoints | undefined = oauth2 && {
    schemeName: oauth2.name,
    flows: oauth2.flows,
    ...(tokenUrl ? { tokenUrl, tokenPath: serverPath(tokenUrl) } : {}),
    ...(authorizationUrl ? { authorizationUrl, authorizationPath: serverPath(authorizationUrl) } : {}),
    ...(refreshUrl ? { refreshUrl } : {}),
  };

  // From the operations, not components.parameters: that also holds the webhook deliveries' headers, which
  // the API sends rather than accepts. HTTP header names are case-insensitive, so the first spelling wins.
  const requestHeaders = new Map<string, ParameterObject>();
  for (const operation of operations) {
    for (const parameter of operation.parametersIn.header) {
      const key = parameter.name.toLowerCase();
      if (!requestHeaders.has(key)) requestHeaders.set(key, parameter);
    }
  }

  const environmentParameter = objectOf(record(components.parameters).AeThexEnvironment);
  const environmentSchema = record(environmentParameter.schema);
  const environment: EnvironmentHeader | undefined = Array.isArray(environmentSchema.enum)
    ? {
        header: text(environmentParameter.name),
        values: environmentSchema.enum.map(String),
        default: text(environmentSchema.default),
      }
    : undefined;

  const info = record(root.info);
  const apiInfo: ApiInfo = {
    title: text(info.title),
    summary: text(info.summary),
    description: text(info.description),
    version: text(info.version),
  };
  const signing = info['x-webhook-signing'];

  const schemaCache = new Map<string, SchemaObject | undefined>();
  const schema = (name: string): SchemaObject | undefined => {
    if (!schemaCache.has(name)) {
      const raw = record(components.schemas)[name];
      schemaCache.set(
        name,
        raw === undefined ? undefined : deepFreeze((inline ? resolveDeep(root, raw) : raw) as SchemaObject),
      );
    }
    return schemaCache.get(name);
  };

  const tags = (Array.isArray(root.tags) ? root.tags : [])
    .filter(isRecord)
    .map((tag): ApiTag => ({ name: text(tag.name), description: text(tag.description) }))
    .filter((tag) => tag.name);

  return deepFreeze({
    info: apiInfo,
    operations,
    tags,
    webhooks,
    errors: errorTable,
    scopes: [...scopes].map(([name, description]): Scope => ({ name, description })),
    servers,
    securitySchemes,
    ...(oauth ? { oauth } : {}),
    requestHeaders: [...requestHeaders.values()],
    responseHeaders: Object.entries(record(components.headers)).map(([name, raw]) => ({
      name,
      header: objectOf(raw) as unknown as HeaderObject,
    })),
    responses: Object.entries(record(components.responses)).map(([name, raw]) => ({ name, response: responseOf(raw) })),
    ...(environment ? { environment } : {}),
    ...(isRecord(signing) ? { webhookSigning: signing as WebhookSigning } : {}),
    schema,
    resolveRef,
  });
}
