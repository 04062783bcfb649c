import { describe, expect, it } from 'vitest';

import sitemap from '@/app/sitemap';

import { allNavigationHrefs, allPageHrefs, getSidebar, locate, sectionItems } from './navigation';
import { listOperations, listWebhooks } from './openapi';
import { absoluteUrl, operationHref, PATHS, webhookHref } from './urls';

describe('allPageHrefs', () => {
  it('lists the home page, every navigation page and every webhook event page, once each', () => {
    const hrefs = allPageHrefs();
    expect(hrefs[0]).toBe('/');
    expect(new Set(hrefs).size).toBe(hrefs.length);
    for (const href of allNavigationHrefs()) expect(hrefs).toContain(href);
    expect(listWebhooks().length).toBeGreaterThan(0);
    for (const webhook of listWebhooks()) expect(hrefs).toContain(webhookHref(webhook.event));
  });

  it('is what the sitemap lists, webhook event pages included', () => {
    const urls = sitemap().map((entry) => entry.url);
    expect(urls).toContain(absoluteUrl('/reference/webhooks/deployment.succeeded'));
    expect(urls).toEqual(allPageHrefs().map(absoluteUrl));
  });
});

describe('the sidebar tree', () => {
  const reference = getSidebar().find((section) => section.title === 'API reference')!;

  it('links every operation and the overview, errors, webhook events and explorer pages', () => {
    const hrefs = allNavigationHrefs();
    for (const operation of listOperations()) expect(hrefs).toContain(operationHref(operation.operationId));
    for (const href of [PATHS.reference, PATHS.errors, PATHS.webhooks, PATHS.explorer, PATHS.console])
      expect(hrefs).toContain(href);
    expect(sectionItems(reference)).toEqual(reference.groups.flatMap((group) => group.items));
  });

  it('locates an operation in its tag group, with neighbours across group and section boundaries', () => {
    const [, firstTag, secondTag] = reference.groups;
    const first = secondTag!.items[0]!;
    expect(locate(first.href)).toEqual({
      section: reference,
      group: secondTag,
      item: first,
      previous: firstTag!.items.at(-1),
      next: sectionItems(reference)[sectionItems(reference).indexOf(first) + 1],
    });
    const guides = sectionItems(getSidebar()[0]!);
    expect(locate(PATHS.reference)?.previous).toEqual(guides.at(-1));
    expect(locate(guides.at(-1)!.href)?.next).toEqual(sectionItems(reference)[0]);
    expect(locate('/nowhere')).toBeUndefined();
  });
});
