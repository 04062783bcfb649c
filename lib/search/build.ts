/**
 * Builds the site search index at build time (served statically by app/search-index.json/route.ts):
 * guides and their h2/h3 headings (lib/content/index.ts), operations, webhook events, error codes and
 * schema fields (the model in lib/openapi/). MiniSearch 7 serialises it to JSON; the dialog loads it lazily.
 */
import MiniSearch from 'minisearch';

import { getGuide, listGuides } from '../content';
import { listErrors, listOperations, listWebhooks, type SchemaObject } from '../openapi';
import { errorHref, operationHref, webhookHref } from '../urls';
import { INDEX_OPTIONS, type SearchDoc } from './options';

/** `getProjectMetrics` → `get project metrics`, so each word of an operationId matches. */
const words = (id: string) => id.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

function fields(schema: SchemaObject | undefined, prefix: string, out: Map<string, string>): void {
  if (!schema) return;
  for (const part of (schema.allOf as SchemaObject[] | undefined) ?? []) fields(part, prefix, out);
  const items = schema.items as SchemaObject | undefined;
  if (items) fields(items, prefix, out);
  const properties = (schema.properties as Record<string, SchemaObject> | undefined) ?? {};
  for (const [name, property] of Object.entries(properties)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (!out.has(path)) out.set(path, typeof property.description === 'string' ? property.description : '');
    if (prefix.split('.').length < 3) fields(property, path, out);
  }
}

function fieldDocs(owner: string, url: string, schemas: (SchemaObject | undefined)[]): SearchDoc[] {
  const found = new Map<string, string>();
  for (const schema of schemas) fields(schema, '', found);
  return [...found].map(([path, description]) => ({
    id: `field:${url}:${path}`,
    kind: 'field',
    title: path,
    section: owner,
    url,
    keywords: path.replace(/[._]/g, ' '),
    text: description,
  }));
}

/** Every document of the index, guides first. */
export async function searchDocuments(): Promise<SearchDoc[]> {
  const docs: SearchDoc[] = [];
  for (const meta of listGuides()) {
    docs.push({
      id: `guide:${meta.href}`,
      kind: 'guide',
      title: meta.title,
      section: 'Guide',
      url: meta.href,
      keywords: meta.slug.join(' '),
      text: meta.description,
    });
    const guide = await getGuide(meta.slug.join('/'));
    for (const heading of guide?.headings ?? []) {
      docs.push({
        id: `section:${meta.href}#${heading.id}`,
        kind: 'section',
        title: heading.text,
        section: meta.title,
        url: `${meta.href}#${heading.id}`,
        keywords: '',
        text: '',
      });
    }
  }
  for (const op of listOperations()) {
    const url = operationHref(op.operationId);
    docs.push({
      id: `operation:${op.operationId}`,
      kind: 'operation',
      title: op.summary,
      section: `${op.method} ${op.path}`,
      url,
      keywords: `${op.operationId} ${words(op.operationId)} ${op.method} ${op.path} ${op.scopes.join(' ')}`,
      text: op.tags.join(' '),
    });
    const body = op.requestBody?.content['application/json']?.schema;
    const ok = Object.entries(op.responses).find(([status]) => status.startsWith('2'))?.[1]?.content['application/json']
      ?.schema;
    docs.push(...fieldDocs(op.operationId, url, [body, ok]));
  }
  for (const webhook of listWebhooks()) {
    const url = webhookHref(webhook.event);
    docs.push({
      id: `webhook:${webhook.event}`,
      kind: 'webhook',
      title: webhook.event,
      section: 'Webhook event',
      url,
      keywords: `${webhook.event} ${webhook.operationId}`,
      text: webhook.summary,
    });
    docs.push(...fieldDocs(webhook.event, url, [webhook.payloadSchema]));
  }
  for (const error of listErrors()) {
    docs.push({
      id: `error:${error.status}`,
      kind: 'error',
      title: `${error.status} ${error.label}`,
      section: 'Error',
      url: errorHref(error.status),
      keywords: String(error.status),
      text: error.hint,
    });
  }
  return docs;
}

/**
 * The serialised MiniSearch index (JSON text), loadable with `MiniSearch.loadJSON(text, INDEX_OPTIONS)`.
 * @throws Error on duplicate document ids (a bug in the document list)
 */
export async function buildSearchIndex(): Promise<string> {
  const index = new MiniSearch<SearchDoc>(INDEX_OPTIONS);
  index.addAll(await searchDocuments());
  return JSON.stringify(index);
}
