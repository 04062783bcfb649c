/**
 * The Markdown twins of the pages that are tools or entry points rather than reference text — the home page, the
 * console and the API explorer: what the page does and where to go next, with links on the site origin.
 */
import type { Root } from 'mdast';

import { listGuides } from '../content';
import type { PageMeta } from '../page-meta';
import { consoleHref, guideHref, markdownHref, PATHS } from '../urls';
import { absoluteLinks, heading, linkList, paragraph } from './blocks';
import { inlineCode, link, text } from './mdast';

const doc = (title: string, description: string, ...children: Root['children']): Root =>
  absoluteLinks({ type: 'root', children: [heading(1, title), paragraph(text(description)), ...children] });

/** For agents: the machine-readable entry points every twin of a tool page names. */
const machineLinks = () =>
  linkList([
    { title: 'OpenAPI document (YAML)', url: PATHS.openapiYaml, after: [text('the single source of the API.')] },
    { title: 'llms.txt', url: PATHS.llms, after: [text('every page of this site as Markdown.')] },
    { title: 'MCP server', url: PATHS.mcp, after: [text('search the docs and call the sandbox from an AI agent.')] },
  ]);

/** The Markdown tree of the home page. @param meta the page's title and description */
export function homeTree(meta: PageMeta): Root {
  return doc(
    meta.title,
    meta.description,
    paragraph(
      text(
        'Authenticate with OAuth 2.1 or a personal access token, manage projects, read runtime metrics and react to deployments with signed webhooks. A sandbox of the whole API runs inside this portal, so every example works the first time.',
      ),
    ),
    heading(2, 'Where to start'),
    linkList([
      { title: 'Quickstart', url: guideHref('quickstart'), after: [text('a sandbox app, a token and a first call.')] },
      { title: 'API reference', url: PATHS.reference, after: [text('every operation, webhook event and error code.')] },
      { title: 'Console', url: PATHS.console, after: [text('send real requests to the sandbox.')] },
    ]),
    heading(2, 'Guides'),
    linkList(
      listGuides().map((guide) => ({
        title: guide.title,
        url: markdownHref(guide.href),
        after: [text(guide.description)],
      })),
    ),
    heading(2, 'For AI agents'),
    machineLinks(),
  );
}

/** The Markdown tree of the console. @param meta the page's title and description */
export function consoleTree(meta: PageMeta): Root {
  return doc(
    meta.title,
    meta.description,
    paragraph(
      text(
        'The console is an interactive page: it creates a sandbox app (client credentials, a personal access token and an access token), sends any operation of the API to the built-in sandbox (or production, or your own URL) and shows every response header, with rate limits, request IDs and pagination made obvious. Its Webhooks panel shows deliveries to your sandbox app live.',
      ),
    ),
    paragraph(
      text('Open it on one operation with '),
      inlineCode(`${consoleHref('<operationId>')}`),
      text(', e.g. '),
      link(consoleHref('listProjects'), text('listProjects')),
      text('.'),
    ),
    heading(2, 'Related'),
    linkList([
      { title: 'Quickstart', url: guideHref('quickstart'), after: [text('the same steps with curl.')] },
      { title: 'API reference', url: PATHS.reference, after: [text('what each operation takes and returns.')] },
    ]),
    machineLinks(),
  );
}

/** The Markdown tree of the API explorer. @param meta the page's title and description */
export function explorerTree(meta: PageMeta): Root {
  return doc(
    meta.title,
    meta.description,
    paragraph(
      text(
        'The explorer renders the OpenAPI document interactively (Scalar) and calls the sandbox from the browser. To read the API as text, use the reference pages or the OpenAPI document.',
      ),
    ),
    heading(2, 'Related'),
    linkList([
      { title: 'API reference', url: markdownHref(PATHS.reference), after: [text('the whole API as Markdown.')] },
      {
        title: 'OpenAPI document (JSON)',
        url: PATHS.openapiJson,
        after: [text('with code samples in six languages.')],
      },
    ]),
    machineLinks(),
  );
}
