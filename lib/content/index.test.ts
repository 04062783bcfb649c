import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it, vi } from 'vitest';

import { getGuide, guideMarkdown, listGuides, parseGuideSource } from '.';
import { AUTHORED_ORIGIN } from '../site';
import { mdxToMarkdown } from './mdx-to-markdown';
import { checkOperationReferences } from './plugins';
import { markdownResolvers } from './resolvers';

const fm = (extra: string) => `---\ntitle: T\ndescription: A guide used in a test.\norder: 1\n${extra}---\nBody\n`;

describe('guide frontmatter', () => {
  it('accepts the schema and an optional updated date', () => {
    expect(parseGuideSource(fm('updated: 2026-11-30\n'), 'x.mdx').frontmatter).toEqual({
      title: 'T',
      description: 'A guide used in a test.',
      order: 1,
      updated: '2026-11-30',
    });
  });
  it('rejects unknown keys, naming the file and the key', () => {
    expect(() => parseGuideSource(fm('titel: oops\n'), 'content/typo.mdx')).toThrow(
      /content\/typo\.mdx: invalid frontmatter.*titel/,
    );
  });
  it('rejects a missing frontmatter block', () => {
    expect(() => parseGuideSource('# no frontmatter', 'content/bare.mdx')).toThrow(
      /content\/bare\.mdx: missing frontmatter/,
    );
  });
});

describe('operation references', () => {
  const check = (mdx: string) =>
    unified()
      .use(remarkParse)
      .use(remarkMdx)
      .use(checkOperationReferences, { file: 'content/x.mdx' })
      .runSync(unified().use(remarkParse).use(remarkMdx).parse(mdx));
  it('accepts operationIds of the document', () => {
    expect(() =>
      check('See <OperationLink id="listProjects" />.\n\n<CodeSample operationId="createProject" />'),
    ).not.toThrow();
  });
  it('fails naming file and line for an unknown operationId', () => {
    expect(() => check('Line one\n\n<OperationLink id="listProjectz" />')).toThrow(
      'content/x.mdx:3: <OperationLink id="listProjectz"> names no operation',
    );
  });
});

describe('the guides', () => {
  it('are the guides in reading order: the ten of issue 6, then Use with AI', () => {
    expect(listGuides().map((g) => g.slug.join('/'))).toEqual([
      'quickstart',
      'authentication',
      'making-requests',
      'pagination',
      'rate-limits',
      'idempotency',
      'errors',
      'webhooks',
      'sdks',
      'sandbox',
      'use-with-ai',
    ]);
  });
  it('compile, with headings for the table of contents and a last-updated date', async () => {
    const guide = await getGuide('rate-limits');
    expect(guide?.headings.map((h) => h.id)).toContain('adaptive-backoff-with-jitter');
    expect(Number.isNaN(Date.parse(guide?.lastUpdated ?? ''))).toBe(false);
  });
  it('write the portal origin as the site’s in their Markdown, and the sandbox app button as words', () => {
    vi.stubEnv('PORTAL_URL', 'https://docs.example');
    try {
      for (const guide of listGuides()) {
        const md = guideMarkdown(guide, markdownResolvers());
        expect(md, guide.slug.join('/')).not.toContain(AUTHORED_ORIGIN);
        if (guide.slug.join('/') === 'quickstart') {
          expect(md).toContain('https://docs.example/sandbox/apps');
          expect(md).toContain('**Create sandbox app** button on the [console](https://docs.example/console)');
        }
        if (guide.slug.join('/') === 'use-with-ai')
          expect(md).toContain('claude mcp add --transport http aethex https://docs.example/mcp');
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });
  it('convert to Markdown with no MDX left and samples in six languages', () => {
    const md = mdxToMarkdown(
      '<Steps>\n\n### A\n\n<CodeSample operationId="listProjects" />\n\n</Steps>\n\n<Callout>\nHi\n</Callout>',
      'T',
      'D',
      markdownResolvers(),
    );
    expect(md).not.toMatch(/<(Steps|CodeSample|Callout)\b/);
    expect(md.match(/^```/gm)?.length).toBe(12);
    expect(md).toContain('> **Note:** Hi');
  });
});
