/**
 * Machine-readable text for language models, following the llms.txt proposal (https://llmstxt.org/):
 * `/llms.txt` is a Markdown index of the guides and reference pages with one-line descriptions;
 * `/llms-full.txt` is every guide in Markdown followed by the API reference in Markdown, generated
 * from the OpenAPI document (lib/openapi/) so it can never drift from it.
 */
import { guideMarkdown, listGuides } from './content';
import { markdownResolvers } from './content/resolvers';
import { apiModel, listErrors, listOperations, listWebhooks, type Operation } from './openapi';
import { siteUrl } from './site';

function info(): { title: string; summary: string; description: string } {
  const { title, summary, description } = apiModel().info;
  return { title: title || 'AeThex API', summary, description };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The `/llms.txt` index: an H1, a blockquote summary, then sections of links with descriptions.
 * @returns Markdown text
 */
export function llmsIndex(): string {
  const origin = siteUrl();
  const { title, summary } = info();
  const lines = [
    `# ${title} developer portal`,
    '',
    `> ${summary} Guides, API reference (OpenAPI 3.1), and a sandbox of the whole API.`,
    '',
  ];
  lines.push('## Guides', '');
  for (const guide of listGuides()) lines.push(`- [${guide.title}](${origin}${guide.href}.md): ${guide.description}`);
  lines.push('', '## API reference', '');
  for (const op of listOperations())
    lines.push(
      `- [${op.method} ${op.path}](${origin}/reference/${op.operationId}): ${op.summary} (\`${op.operationId}\`)`,
    );
  for (const webhook of listWebhooks())
    lines.push(`- [Webhook ${webhook.event}](${origin}/reference/webhooks/${webhook.event}): ${webhook.summary}`);
  lines.push(
    `- [Errors](${origin}/reference/errors): ${listErrors()
      .map((e) => e.status)
      .join(', ')}, as RFC 9457 problem details.`,
  );
  lines.push(
    '',
    '## Optional',
    '',
    `- [OpenAPI document (YAML)](${origin}/openapi.yaml): the single source of truth for the API.`,
  );
  lines.push(`- [Full text](${origin}/llms-full.txt): every guide and the whole reference in one Markdown file.`, '');
  return lines.join('\n');
}

function parameterRows(op: Operation): string[] {
  if (op.parameters.length === 0) return [];
  return [
    '| Name | In | Required | Description |',
    '|---|---|---|---|',
    ...op.parameters.map(
      (p) =>
        `| \`${p.name}\` | ${p.in} | ${p.required ? 'yes' : 'no'} | ${oneLine(p.description ?? '').replace(/\|/g, '\\|')} |`,
    ),
    '',
  ];
}

function operationMarkdown(op: Operation): string[] {
  const statuses = Object.entries(op.responses).map(
    ([status, response]) => `- \`${status}\`: ${oneLine(response.description)}`,
  );
  return [
    `## ${op.method} ${op.path}`,
    '',
    `${op.summary}. operationId: \`${op.operationId}\`.${op.scopes.length ? ` Scope: ${op.scopes.map((s) => `\`${s}\``).join(', ')}.` : ''}`,
    '',
    op.description.trim(),
    '',
    ...parameterRows(op),
    'Responses:',
    '',
    ...statuses,
    '',
  ];
}

/**
 * The API reference as Markdown: overview (the document's description), operations, webhook
 * events and the error table.
 */
export function referenceMarkdown(): string {
  const { title, description } = info();
  const lines = [`# ${title} reference`, '', description.trim(), ''];
  for (const op of listOperations()) lines.push(...operationMarkdown(op));
  lines.push('## Webhook events', '');
  for (const webhook of listWebhooks())
    lines.push(`### ${webhook.event}`, '', webhook.summary, '', webhook.description.trim(), '');
  lines.push('## Errors', '', '| Status | Label | When | Action | Retryable |', '|---|---|---|---|---|');
  for (const e of listErrors())
    lines.push(`| ${e.status} | ${e.label} | ${e.when} | ${e.action} | ${e.retryable ? 'yes' : 'no'} |`);
  lines.push('');
  return lines.join('\n');
}

/**
 * `/llms-full.txt`: all guides in order, then the reference, separated by rules.
 * @throws Error naming a guide whose MDX cannot be converted (fails the static build)
 */
export function llmsFull(): string {
  const resolvers = markdownResolvers();
  const guides = listGuides().map((guide) => guideMarkdown(guide, resolvers));
  return [...guides, referenceMarkdown()].join('\n---\n\n');
}
