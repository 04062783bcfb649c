/**
 * The Markdown twin of an operation's reference page, from the one API model (lib/openapi/): what the HTML page
 * shows, in reading order — method and path, description, operationId, authentication and scopes, parameters,
 * request body fields, responses with their headers and fields, the errors with their hints, and a cURL sample.
 */
import type { PhrasingContent, Root, RootContent } from 'mdast';

import type { Operation, ResponseObject, SecurityUse } from '../openapi';
import { describeSchema } from '../reference/schema';
import { sampleForOperation } from '../snippets';
import { consoleHref, errorHref, operationHref, PATHS } from '../urls';
import { absoluteLinks, bulletList, codeBlock, heading, paragraph } from './blocks';
import { describeCell, fieldTable } from './field-rows';
import { inlineCode, link, table, text } from './mdast';
import { parseBlocks, parseInline } from './render';

/** Inline code nodes joined by `, `. */
function codes(values: readonly string[]): PhrasingContent[] {
  return values.flatMap((value, i) => [...(i ? [text(', ')] : []), inlineCode(value)]);
}

/** One security alternative: `oauth2` (oauth2, scopes `a`, `b`) and … ; an empty one reads "no credentials". */
function alternative(uses: readonly SecurityUse[]): PhrasingContent[] {
  if (uses.length === 0) return [text('no credentials')];
  return uses.flatMap(({ scheme, scopes }, i) => [
    ...(i ? [text(' and ')] : []),
    inlineCode(scheme.name),
    text(` (${scheme.type}${scheme.scheme ? ` ${scheme.scheme}` : ''})`),
    ...(scopes.length ? [text(' with scope '), ...codes(scopes)] : []),
    ...(scheme.description ? [text(': '), ...parseInline(scheme.description)] : []),
  ]);
}

function authentication(op: Operation): RootContent[] {
  const alternatives = op.securityAlternatives;
  return [
    heading(2, 'Authentication'),
    alternatives.length === 0
      ? paragraph(text('No authentication.'))
      : bulletList(alternatives.map((uses, i) => [...(i ? [text('or ')] : []), ...alternative(uses)])),
    ...(op.scopes.length ? [paragraph(text('Scopes: '), ...codes(op.scopes), text('.'))] : []),
  ];
}

function parameters(op: Operation): RootContent[] {
  if (op.parameters.length === 0) return [];
  return [
    heading(2, 'Parameters'),
    table(
      ['Name', 'In', 'Type', 'Required', 'Description'],
      op.parameters.map((p) => {
        const described = describeSchema(p.schema);
        return [
          [inlineCode(p.name)],
          [text(p.in)],
          [text(described.label)],
          [text(p.required ? 'yes' : 'no')],
          describeCell(described, p.description ?? ''),
        ];
      }),
    ),
  ];
}

/** The media types of a body and each one's field table. */
function mediaFields(content: ResponseObject['content']): RootContent[] {
  return Object.entries(content).flatMap(([mediaType, media]) => {
    const fields = fieldTable(media.schema);
    return [
      paragraph(text('Content type '), inlineCode(mediaType), text(fields ? ':' : '.')),
      ...(fields ? [fields] : []),
    ];
  });
}

function requestBody(op: Operation): RootContent[] {
  const body = op.requestBody;
  if (!body) return [];
  return [
    heading(2, `Request body${body.required ? ' (required)' : ''}`),
    ...parseBlocks(body.description ?? ''),
    ...mediaFields(body.content),
  ];
}

function headerTable(headers: ResponseObject['headers']): RootContent[] {
  const entries = Object.entries(headers);
  if (entries.length === 0) return [];
  return [
    paragraph(text('Headers:')),
    table(
      ['Header', 'Type', 'Description'],
      entries.map(([name, header]) => [
        [inlineCode(name)],
        [text(describeSchema(header.schema).label)],
        parseInline(header.description ?? ''),
      ]),
    ),
  ];
}

function responses(op: Operation): RootContent[] {
  const errorStatuses = new Set(op.errors.map((error) => String(error.status)));
  const success = Object.entries(op.responses).filter(([status]) => !errorStatuses.has(status));
  return [
    heading(2, 'Responses'),
    ...success.flatMap(([status, response]) => [
      heading(3, status),
      ...parseBlocks(response.description),
      ...headerTable(response.headers),
      ...mediaFields(response.content),
    ]),
  ];
}

function errors(op: Operation): RootContent[] {
  if (op.errors.length === 0) return [];
  return [
    heading(2, 'Errors'),
    table(
      ['Status', 'When', 'Hint', 'Retry?'],
      op.errors.map(({ status, response, error }) => [
        [link(errorHref(status), text(`${status}${error ? ` ${error.label}` : ''}`))],
        error ? [text(error.when)] : parseInline(response.description),
        [text(error ? `${error.hint} ${error.action}` : '—')],
        [text(error ? (error.retryable ? 'Yes' : 'No') : '—')],
      ]),
    ),
    paragraph(
      text('Error bodies are RFC 9457 problem details; every status is explained on '),
      link(PATHS.errors, text('the errors page')),
      text('.'),
    ),
  ];
}

/**
 * The Markdown tree of one operation's page.
 * @param op an operation of the AeThex document (its cURL sample comes from lib/snippets)
 * @returns an mdast root whose links are absolute on the site origin
 * @throws Error when lib/snippets has no sample for the operation (not an operation of the AeThex document)
 */
export function operationTree(op: Operation): Root {
  const tree: Root = {
    type: 'root',
    children: [
      heading(1, op.summary || op.operationId),
      paragraph(inlineCode(`${op.method} ${op.path}`)),
      ...parseBlocks(op.description),
      bulletList([
        [text('operationId: '), inlineCode(op.operationId)],
        ...(op.tags.length ? [[text('Tags: '), text(op.tags.join(', '))]] : []),
        ...(op.deprecated ? [[text('Deprecated.')]] : []),
        [text('Reference page: '), link(operationHref(op.operationId), text(op.navTitle || op.operationId))],
        [text('Try it: '), link(consoleHref(op.operationId), text('the console, on the sandbox'))],
      ]),
      ...authentication(op),
      ...parameters(op),
      ...requestBody(op),
      ...responses(op),
      ...errors(op),
      heading(2, 'Example request (cURL)'),
      paragraph(
        text('Reads '),
        inlineCode('AETHEX_BASE_URL'),
        text(' and '),
        inlineCode('AETHEX_TOKEN'),
        text(' from the environment.'),
      ),
      codeBlock('bash', sampleForOperation(op.operationId, 'curl')),
    ],
  };
  return absoluteLinks(tree);
}
