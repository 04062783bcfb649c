/**
 * The only module that reads `content/`: the MDX guides. It lists them (frontmatter validated by a
 * zod schema, sync so the navigation can use it), compiles one with mdx-bundler (remark-gfm,
 * rehype-slug; code blocks are highlighted by components/mdx/fenced-code-block.tsx through lib/highlight.ts) and turns one into plain Markdown for `.md` twins
 * and `/llms-full.txt`. Everything runs at build time: guide pages are statically generated.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { cache } from 'react';
import YAML from 'yaml';
import { z } from 'zod';

import { guideHref } from '../urls';
import { mdxToMarkdown, type MarkdownResolvers } from './mdx-to-markdown';
import { checkOperationReferences, collectHeadings, portalOrigin, type Heading } from './plugins';

export type { Heading } from './plugins';
export type { MarkdownResolvers } from './mdx-to-markdown';

/** Where the guides live, relative to the project root. Folder = URL segment under `/docs`. */
const CONTENT_DIR = 'content';

/**
 * Frontmatter of a guide. Unknown keys are rejected (`strictObject`) so a typo such as `titel`
 * fails the build instead of silently doing nothing.
 */
const frontmatterSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().min(10).max(200),
  order: z.number().int().nonnegative(),
  /** ISO date (YYYY-MM-DD); used as "Last updated" only when git has no history for the file. */
  updated: z.iso.date().optional(),
});

/** Validated frontmatter of one guide. */
export type Frontmatter = z.infer<typeof frontmatterSchema>;

/** A guide as listed: where it is and what its frontmatter says. */
export type GuideMeta = Frontmatter & {
  /** URL segments under `/docs`, e.g. `['rate-limits']`. */
  slug: string[];
  /** `/docs/<slug>` */
  href: string;
  /** Path of the MDX file relative to the project root, e.g. `content/rate-limits.mdx`. */
  file: string;
};

/** A compiled guide, ready for `getMDXComponent`. */
export type Guide = {
  meta: GuideMeta;
  /** The mdx-bundler output (a function body string). */
  code: string;
  /** h2/h3 headings in document order, with the ids rehype-slug gave them. */
  headings: Heading[];
  /** ISO 8601 date-time of the last change (git commit date, else frontmatter `updated`, else file mtime). */
  lastUpdated: string;
};

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

function root(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), CONTENT_DIR);
}

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return mdxFiles(full);
    return entry.name.endsWith('.mdx') ? [full] : [];
  });
}

/**
 * Splits a guide's source into validated frontmatter and MDX body.
 * @param source the file's text; @param file its path, named in errors
 * @throws Error naming the file when the frontmatter is missing, not YAML or fails the schema.
 */
export function parseGuideSource(source: string, file: string): { frontmatter: Frontmatter; body: string } {
  const match = FRONTMATTER.exec(source);
  if (!match) throw new Error(`${file}: missing frontmatter (--- title, description, order ---)`);
  const result = frontmatterSchema.safeParse(YAML.parse(match[1] ?? ''));
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${file}: invalid frontmatter: ${issues}`);
  }
  return { frontmatter: result.data, body: source.slice(match[0].length) };
}

let cachedList: GuideMeta[] | undefined;

/**
 * Every guide, sorted by `order` then title. Sync and cached per process: the navigation reads it.
 * @throws Error naming the file on invalid frontmatter, or on two guides with the same `order`.
 */
export function listGuides(): GuideMeta[] {
  if (cachedList) return cachedList;
  const guides = mdxFiles(root()).map((full): GuideMeta => {
    const file = path.relative(process.cwd(), full).split(path.sep).join('/');
    const slug = path
      .relative(root(), full)
      .replace(/\.mdx$/, '')
      .split(path.sep);
    const { frontmatter } = parseGuideSource(readFileSync(full, 'utf8'), file);
    return { ...frontmatter, slug, href: guideHref(slug), file };
  });
  guides.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  guides.forEach((guide, i) => {
    const clash = guides[i + 1];
    if (clash && clash.order === guide.order)
      throw new Error(`${clash.file}: order ${clash.order} is also used by ${guide.file}`);
  });
  cachedList = guides;
  return guides;
}

/** The guide at `/docs/<slug>`, or `undefined`. @param slug URL segments */
export function findGuide(slug: readonly string[]): GuideMeta | undefined {
  return listGuides().find((guide) => guide.slug.join('/') === slug.join('/'));
}

/**
 * When a guide last changed: the committer date of the last commit touching it (`git log -1`),
 * else the frontmatter `updated`, else the file's mtime (an uncommitted new file).
 * @returns ISO 8601 date-time
 */
export function lastUpdated(meta: GuideMeta): string {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%cI', '--', meta.file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (out) return new Date(out).toISOString();
  } catch {
    // Not a git checkout (e.g. a source tarball): fall through.
  }
  if (meta.updated) return new Date(`${meta.updated}T00:00:00Z`).toISOString();
  return statSync(path.join(/*turbopackIgnore: true*/ process.cwd(), meta.file)).mtime.toISOString();
}

/**
 * Compiles a guide with mdx-bundler. Wrapped in React `cache()` so `generateMetadata` and the page
 * share one compile per render pass.
 * @param slugPath URL segments joined by `/`, e.g. `rate-limits`
 * @returns the compiled guide, or `undefined` when no guide has that slug
 * @throws Error naming the file on bad frontmatter, an unknown operationId, or invalid MDX.
 */
export const getGuide = cache(async (slugPath: string): Promise<Guide | undefined> => {
  const meta = findGuide(slugPath.split('/'));
  if (!meta) return undefined;
  const source = readFileSync(path.join(/*turbopackIgnore: true*/ process.cwd(), meta.file), 'utf8');
  parseGuideSource(source, meta.file);
  // Imported lazily: the navigation (and the e2e specs through it) only needs listGuides().
  const [{ bundleMDX }, { default: remarkGfm }, { default: rehypeSlug }] = await Promise.all([
    import('mdx-bundler'),
    import('remark-gfm'),
    import('rehype-slug'),
  ]);
  const headings: Heading[] = [];
  const { code } = await bundleMDX({
    source,
    cwd: root(),
    mdxOptions(options) {
      options.remarkPlugins = [
        ...(options.remarkPlugins ?? []),
        remarkGfm,
        [checkOperationReferences, { file: meta.file }],
        portalOrigin,
      ];
      options.rehypePlugins = [...(options.rehypePlugins ?? []), rehypeSlug, [collectHeadings, { sink: headings }]];
      return options;
    },
  });
  return { meta, code, headings, lastUpdated: lastUpdated(meta) };
});

/**
 * The guide's MDX body (frontmatter removed), for the Markdown twin.
 * @throws Error naming the file on bad frontmatter.
 */
function guideSource(meta: GuideMeta): { frontmatter: Frontmatter; body: string } {
  return parseGuideSource(
    readFileSync(path.join(/*turbopackIgnore: true*/ process.cwd(), meta.file), 'utf8'),
    meta.file,
  );
}

/**
 * A guide as Markdown (its `.md` twin): title, description, then the body with every MDX component
 * replaced by plain Markdown (see lib/content/mdx-to-markdown.ts).
 * @param resolvers code samples and URL resolution (lib/content/resolvers.ts `markdownResolvers()`)
 * @throws Error naming the file on bad frontmatter or MDX that does not parse.
 */
export function guideMarkdown(meta: GuideMeta, resolvers: MarkdownResolvers): string {
  const { body } = guideSource(meta);
  try {
    return mdxToMarkdown(body, meta.title, meta.description, resolvers);
  } catch (error) {
    throw new Error(`${meta.file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
