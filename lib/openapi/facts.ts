/**
 * Small facts the model derives from single objects of a document: a security scheme's kind, an operation's
 * credential, a short title from a summary, a parameter's or media type's example, a server's kind. Pure
 * functions, shared by the model builder and the consumers that hold one such object.
 */
import { isRecord } from '@/lib/is-record';

import { followRefChain } from './resolve';
import type {
  CredentialKind,
  MediaTypeObject,
  ParameterObject,
  RefResolver,
  SecuritySchemeKind,
  SecurityUse,
  ServerKind,
} from './types';

/** Words after which a summary stops being a title ("List projects the current identity can access"). */
const TITLE_BREAK = /\s(?:the|that|which|for|with|from|of|by|in|on|to|as|and|or)\s|[,;:(]/i;

/** The kind of a Security Scheme Object from its `type` and, for `http`, its lower-case `scheme`. */
export function schemeKind(type: string, scheme: string): SecuritySchemeKind {
  if (type === 'oauth2' || type === 'openIdConnect' || type === 'apiKey' || type === 'mutualTLS') return type;
  if (type === 'http' && scheme === 'basic') return 'basic';
  if (type === 'http' && scheme === 'bearer') return 'bearer';
  return 'other';
}

/**
 * The one credential an operation's security alternatives call for: HTTP Basic client authentication if any
 * alternative uses it, else a bearer token if any uses OAuth 2, OpenID Connect or HTTP bearer, else none.
 */
export function credentialOf(alternatives: readonly (readonly SecurityUse[])[]): CredentialKind {
  const kinds = new Set(alternatives.flat().map((use) => use.scheme.kind));
  if (kinds.has('basic')) return 'client-basic';
  if (kinds.has('oauth2') || kinds.has('openIdConnect') || kinds.has('bearer')) return 'bearer';
  return 'none';
}

/** The short title of an operation without `x-aethex-nav-title`: its summary up to the first qualifying clause. */
export function navTitleFromSummary(summary: string): string {
  const cut = summary.search(TITLE_BREAK);
  const title = (cut > 0 ? summary.slice(0, cut) : summary).trim();
  return title.includes(' ') ? title : summary.trim();
}

/**
 * The example value of a parameter (or a response header, which has the same `example` and `schema`), by one rule
 * for every form, sample and response example: its `example`, else its schema's `default`, else the first of the
 * schema's `examples`.
 * @returns the value as written, or `undefined` when the document gives none
 */
export function exampleValue(parameter: Pick<ParameterObject, 'example' | 'schema'>): unknown {
  return parameter.example ?? parameter.schema.default ?? parameter.schema.examples?.[0];
}

/**
 * The first example of a media type: the first named example that has a `value`, else the singular `example`,
 * else the schema's `example`, else the first of the schema's `examples`.
 * @param media a Media Type Object; named examples may be Reference Objects when `resolve` is given
 * @param resolve resolves `$ref`s among the named examples (e.g. `model.resolveRef`)
 * @returns the value, or `undefined` when there is none
 */
export function firstExample(media: MediaTypeObject | undefined, resolve?: RefResolver): unknown {
  if (!media) return undefined;
  for (const raw of Object.values(media.examples ?? {})) {
    const example = resolve ? followRefChain(raw, resolve).value : raw;
    if (isRecord(example) && 'value' in example) return example.value;
  }
  if ('example' in media) return media.example;
  const schema = media.schema ?? {};
  if ('example' in schema) return schema.example;
  return Array.isArray(schema.examples) ? schema.examples[0] : undefined;
}

/** How the portal tells servers apart (see {@link ServerKind}): an absolute URL is production. */
export function serverKind(url: string): ServerKind {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? 'production' : 'sandbox';
}
