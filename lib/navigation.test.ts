import { describe, expect, it } from 'vitest';

import sitemap from '@/app/sitemap';

import { allNavigationHrefs, allPageHrefs } from './navigation';
import { listWebhooks } from './openapi';
import { absoluteUrl, webhookHref } from './urls';

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
