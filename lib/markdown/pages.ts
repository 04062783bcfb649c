/**
 * TEMP pages shim (to be replaced by helper A's lib/markdown/pages.ts at merge, per the issue #20 contract).
 * Implements the contract's two functions minimally so the MCP server (lib/mcp/) and its tests run: guides through
 * lib/content's guideMarkdown, operations, webhook events and errors as short generated sections, the other pages as
 * a title and a line. Not the real Markdown of reference pages: helper A's module is.
 */
import { findGuide, guideMarkdown, listGuides } from '@/lib/content';
import { markdownResolvers } from '@/lib/content/resolvers';
import { allPageHrefs } from '@/lib/navigation';
import { getOperation, listErrors, listWebhooks } from '@/lib/openapi';
import { sampleForOperation } from '@/lib/snippets';
import { absoluteUrl, PATHS } from '@/lib/urls';

/** One page of the site with its Markdown twin. */
export interface MarkdownPage {
  /** Page path, e.g. `/reference/createProject`, `/` for home. */
  href: string;
  /** Its twin: `/reference/createProject.md`, `/index.md` for `/`. */
  markdownHref: string;
  title: string;
  /** One line. */
  description: string;
  kind: 'home' | 'guide' | 'overview' | 'operation' | 'webhook' | 'errors' | 'console' | 'explorer';
}

const twin = (href: string) => (href === '/' ? '/index.md' : `${href}.md`);

function describe(href: string): MarkdownPage {
  const base = { href, markdownHref: twin(href) };
  const guide = listGuides().find((g) => g.href === href);
  if (guide) return { ...base, title: guide.title, description: guide.description, kind: 'guide' };
  const operation = getOperation(href.slice(`${PATHS.reference}/`.length));
  if (href.startsWith(`${PATHS.reference}/`) && operation)
    return { ...base, title: operation.navTitle, description: operation.summary, kind: 'operation' };
  const webhook = listWebhooks().find((w) => href === `${PATHS.webhooks}/${w.event}`);
  if (webhook) return { ...base, title: webhook.event, description: webhook.summary, kind: 'webhook' };
  const fixed: Record<string, [string, string, MarkdownPage['kind']]> = {
    [PATHS.home]: ['AeThex Developer Portal', 'Guides, API reference and a sandbox of the AeThex API.', 'home'],
    [PATHS.reference]: ['API reference', 'Every operation of the AeThex API.', 'overview'],
    [PATHS.webhooks]: ['Webhook events', 'Every webhook event the AeThex API sends.', 'webhook'],
    [PATHS.errors]: ['Errors', 'Every error status of the AeThex API.', 'errors'],
    [PATHS.console]: ['Console', 'Send requests to the sandbox from the browser.', 'console'],
    [PATHS.explorer]: ['API explorer', 'The OpenAPI document in an interactive explorer.', 'explorer'],
  };
  const [title, description, kind] = fixed[href] ?? [href, '', 'overview'];
  return { ...base, title, description, kind };
}

/** Every page of allPageHrefs(), in that order, each with its twin. */
export function listMarkdownPages(): MarkdownPage[] {
  return allPageHrefs().map(describe);
}

function operationMarkdown(operationId: string): string {
  const op = getOperation(operationId)!;
  const body = op.requestBody?.content['application/json']?.schema;
  const fields = Object.entries(body?.properties ?? {}).map(([name, s]) =>
    `- \`${name}\`${body?.required?.includes(name) ? ' (required)' : ''}`.concat(
      typeof s === 'object' && s.description ? `: ${s.description}` : '',
    ),
  );
  return [
    `# ${op.summary}`,
    `\`${op.method} ${op.path}\``,
    op.description,
    ...(fields.length ? ['## Request body', fields.join('\n')] : []),
    '## Example',
    '```sh\n' + sampleForOperation(operationId, 'curl') + '```',
  ].join('\n\n');
}

function pageBody(page: MarkdownPage): string {
  const guide = page.kind === 'guide' ? findGuide(page.href.slice(PATHS.guides.length + 1).split('/')) : undefined;
  if (guide) return guideMarkdown(guide, markdownResolvers());
  if (page.kind === 'operation') return operationMarkdown(page.href.slice(PATHS.reference.length + 1));
  if (page.kind === 'errors')
    return [`# ${page.title}`, ...listErrors().map((e) => `## ${e.status} ${e.label}\n\n${e.hint}`)].join('\n\n');
  return `# ${page.title}\n\n${page.description}\n\n${absoluteUrl(page.href)}\n`;
}

const cache = new Map<string, string>();

/** The Markdown of a page (path, `.md` twin, trailing `/`, `/index.md`); undefined for anything else. Cached. */
export function pageMarkdown(pathOrTwin: string): string | undefined {
  let href = pathOrTwin === '/index.md' ? '/' : pathOrTwin.replace(/\.md$/, '');
  if (href.length > 1) href = href.replace(/\/+$/, '');
  const page = listMarkdownPages().find((p) => p.href === href);
  if (!page) return undefined;
  let markdown = cache.get(href);
  if (markdown === undefined) {
    markdown = pageBody(page);
    cache.set(href, markdown);
  }
  return markdown;
}
