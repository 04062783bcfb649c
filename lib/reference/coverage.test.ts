import { createElement } from 'react';
import { describe, expect, it } from 'vitest';

import { generateStaticParams as operationPages } from '@/app/reference/[operationId]/page';
import ErrorsPage from '@/app/reference/errors/page';
import { generateStaticParams as webhookPages } from '@/app/reference/webhooks/[event]/page';
import { getSidebar } from '@/lib/navigation';
import { listErrors, listOperations, listWebhooks } from '@/lib/openapi';

import { renderStatic } from './render-static.test-support';

/**
 * Every operation, webhook event and error code of the OpenAPI document has its page or anchor.
 * Expected values come from the model (lib/openapi/); actual ones from the routes' generateStaticParams and the
 * rendered errors page, so adding an entry to the document without a page fails here.
 */
describe('the API reference covers the whole document', () => {
  it('has one page per operation', () => {
    const expected = listOperations().map((operation) => operation.operationId);
    expect(expected.length).toBeGreaterThan(0);
    expect(
      operationPages()
        .map((params) => params.operationId)
        .sort(),
    ).toEqual([...expected].sort());
  });

  it('has one page per webhook event', () => {
    const expected = listWebhooks().map((webhook) => webhook.event);
    expect(expected.length).toBeGreaterThan(0);
    expect(
      webhookPages()
        .map((params) => params.event)
        .sort(),
    ).toEqual([...expected].sort());
  });

  it('has an anchor (id = status) for every error code on the errors page', async () => {
    const html = await renderStatic(createElement(ErrorsPage));
    const ids = new Set([...html.matchAll(/<h2 id="(\d{3})"/g)].map((match) => match[1]));
    const expected = listErrors().map((error) => String(error.status));
    expect(expected.length).toBeGreaterThan(0);
    expect([...ids].sort()).toEqual([...expected].sort());
  });

  it('links every operation from the sidebar under its tag, with its method and short navigation title', () => {
    const section = getSidebar().find((candidate) => candidate.title === 'API reference');
    for (const operation of listOperations()) {
      expect(operation.navTitle).not.toBe(operation.summary);
      expect(section?.groups.find((group) => group.title === operation.tag)?.items).toContainEqual({
        href: `/reference/${operation.operationId}`,
        method: operation.method,
        title: operation.navTitle,
      });
    }
    expect(section?.groups.find((group) => group.title === 'Projects')?.items).toContainEqual(
      expect.objectContaining({ title: 'List projects' }),
    );
  });
});
