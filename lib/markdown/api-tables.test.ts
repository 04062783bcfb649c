import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { listErrors, listWebhooks } from '../openapi';
import { errorTable, webhookEventTable } from './api-tables';
import { mdastToMarkdown, mdastToReact } from './render';

describe('API tables: one mdast table, two outputs', () => {
  it('renders the error table to HTML with a link per status to its entry', () => {
    const html = renderToStaticMarkup(mdastToReact([errorTable()]));
    for (const error of listErrors()) expect(html).toContain(`<a href="/reference/errors#${error.status}">`);
    expect(html.match(/<tr>/g)).toHaveLength(listErrors().length + 1);
  });

  it('writes the same table as GFM Markdown', () => {
    const markdown = mdastToMarkdown([webhookEventTable()]);
    const lines = markdown.trim().split('\n');
    expect(lines).toHaveLength(listWebhooks().length + 2);
    for (const webhook of listWebhooks())
      expect(markdown).toContain(`[\`${webhook.event}\`](/reference/webhooks/${webhook.event})`);
  });
});
