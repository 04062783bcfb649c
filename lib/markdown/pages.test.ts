import type { Heading, Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';

import { allPageHrefs } from '../navigation';
import { getOperation, listOperations, listWebhooks } from '../openapi';
import { siteUrl } from '../site';
import { markdownHref } from '../urls';
import { operationTree } from './operation-page';
import { listMarkdownPages, pageMarkdown, warmMarkdownPages } from './pages';
import { mdastToMarkdown, parseBlocks } from './render';

/** The Markdown read back with the portal's own parser. */
const parse = (markdown: string) => ({ type: 'root', children: parseBlocks(markdown) }) as Nodes;

function links(markdown: string): string[] {
  const out: string[] = [];
  visit(parse(markdown), 'link', (node) => {
    out.push(node.url);
  });
  return out;
}

describe('the Markdown twin of every page', () => {
  it('lists every page of allPageHrefs(), in order, each with its twin', () => {
    const pages = listMarkdownPages();
    expect(pages.map((page) => page.href)).toEqual(allPageHrefs());
    for (const page of pages) {
      expect(page.markdownHref).toBe(markdownHref(page.href));
      expect(page.title.trim(), page.href).not.toBe('');
      expect(page.description.trim(), page.href).not.toBe('');
      expect(page.description, page.href).not.toContain('\n');
    }
    expect(pages[0]).toMatchObject({ href: '/', markdownHref: '/index.md', kind: 'home' });
    expect(pages.filter((page) => page.kind === 'operation')).toHaveLength(listOperations().length);
    expect(pages.filter((page) => page.kind === 'webhook')).toHaveLength(listWebhooks().length);
  });

  it('gives every page non-empty Markdown opening with its title as the H1, links absolute on the site origin', () => {
    for (const page of listMarkdownPages()) {
      const markdown = pageMarkdown(page.href) ?? '';
      const [first] = parseBlocks(markdown);
      expect(first?.type, page.href).toBe('heading');
      expect((first as Heading).depth, page.href).toBe(1);
      expect(markdown.length, page.href).toBeGreaterThan(200);
      for (const url of links(markdown)) expect(url, `${page.href} links ${url}`).toMatch(/^(https?:|mailto:|#)/);
      expect(
        links(markdown).some((url) => url.startsWith(siteUrl())),
        page.href,
      ).toBe(true);
    }
  });

  it('writes the request body fields of createProject from the model: name, type, required, description', () => {
    const operation = getOperation('createProject');
    const schema = operation?.requestBody?.content['application/json']?.schema;
    const properties = Object.entries(schema?.properties ?? {});
    expect(properties.length).toBeGreaterThan(2);
    const markdown = pageMarkdown('/reference/createProject') ?? '';
    for (const [name, property] of properties) {
      if (typeof property === 'boolean') continue;
      const required = schema?.required?.includes(name) ? 'yes' : 'no';
      const type = Array.isArray(property.type) ? property.type.join(' \\| ') : String(property.type);
      const row = markdown.split('\n').find((line) => line.startsWith(`| \`${name}\``));
      expect(row, name).toBeDefined();
      expect(row).toMatch(new RegExp(`\\|\\s*${type.replace(/[|\\]/g, '\\$&')}\\s*\\|\\s*${required}\\s*\\|`));
      expect(row).toContain((property.description ?? '').split('`')[0]?.trim());
    }
  });

  it('writes method and path, auth and scopes, parameters, responses, errors with hints and a cURL sample', () => {
    for (const operation of listOperations()) {
      const markdown = pageMarkdown(`/reference/${operation.operationId}`) ?? '';
      expect(markdown).toContain(`\`${operation.method} ${operation.path}\``);
      expect(markdown).toContain(`operationId: \`${operation.operationId}\``);
      for (const scope of operation.scopes) expect(markdown).toContain(`\`${scope}\``);
      for (const parameter of operation.parameters) expect(markdown).toContain(`| \`${parameter.name}\``);
      for (const status of Object.keys(operation.responses)) expect(markdown).toMatch(new RegExp(`${status}\\b`));
      for (const { error } of operation.errors) if (error) expect(markdown).toContain(error.hint);
      expect(markdown).toContain('```bash\n');
      expect(markdown).toContain(`--request ${operation.method}`);
      expect(markdown).toContain(`${siteUrl()}/console?operation=${operation.operationId}`);
    }
  });

  it('writes each webhook event with its payload fields and how to verify it', () => {
    const markdown = pageMarkdown('/reference/webhooks/deployment.succeeded') ?? '';
    expect(markdown).toContain('| `data.deployment_id`');
    expect(markdown).toContain('`webhook-signature`');
    expect(markdown).toContain('## Verify the signature');
  });

  it('escapes text from the document: it reads back as the same text, never as markup', () => {
    const base = getOperation('createProject');
    if (!base) throw new Error('createProject missing');
    const summary = '*not emphasis* <script>alert(1)</script> [not](a-link) | `tick` # hash';
    const markdown = mdastToMarkdown(operationTree({ ...base, summary }));
    const [title] = parseBlocks(markdown);
    expect(toString(title)).toBe(summary);
    const tree = parse(markdown.split('\n')[0] ?? '');
    const kinds = new Set<string>();
    visit(tree, (node) => {
      kinds.add(node.type);
    });
    expect([...kinds].sort()).toEqual(['heading', 'root', 'text']);
  });

  it('warms the cache with every page, in a cache the whole process shares (instrumentation and routes are separate bundles)', () => {
    expect(warmMarkdownPages()).toBe(allPageHrefs().length);
    const shared = (globalThis as Record<symbol, { has(key: string): boolean } | undefined>)[
      Symbol.for('aethex.markdown.rendered')
    ];
    for (const href of allPageHrefs()) expect(shared?.has(href), href).toBe(true);
  });

  it('accepts a twin, a trailing slash and /index.md; anything else is undefined', () => {
    expect(pageMarkdown('/index.md')).toBe(pageMarkdown('/'));
    expect(pageMarkdown('/reference/createProject.md')).toBe(pageMarkdown('/reference/createProject'));
    expect(pageMarkdown('/reference/createProject/')).toBe(pageMarkdown('/reference/createProject'));
    expect(pageMarkdown('/docs/quickstart.md')).toContain('# Quickstart');
    for (const path of [
      '/nope',
      '/reference/nope',
      '/docs/nope.md',
      '/md/index',
      '/index',
      '',
      '/reference/webhooks/x.md',
    ])
      expect(pageMarkdown(path), path).toBeUndefined();
  });
});
