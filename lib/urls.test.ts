import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  absoluteUrl,
  consoleHref,
  errorHref,
  fieldAnchor,
  fieldHref,
  guideHref,
  headerAnchor,
  markdownHref,
  operationHref,
  pageOfPath,
  parameterAnchors,
  problemTypeUri,
  responseAnchor,
  webhookHref,
} from './urls';

describe('the URLs of the portal', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('builds page paths, twins and anchors', () => {
    expect(guideHref(['rate-limits'])).toBe('/docs/rate-limits');
    expect(markdownHref(guideHref('rate-limits'))).toBe('/docs/rate-limits.md');
    expect(operationHref('listProjects')).toBe('/reference/listProjects');
    expect(webhookHref('deployment.succeeded')).toBe('/reference/webhooks/deployment.succeeded');
    expect(errorHref(429)).toBe('/reference/errors#429');
    expect(responseAnchor(200)).toBe('response-200');
    expect(consoleHref('createProject')).toBe('/console?operation=createProject');
  });

  it("names the home page's twin /index.md and reads any twin back to its page", () => {
    expect(markdownHref('/')).toBe('/index.md');
    expect(markdownHref('/reference')).toBe('/reference.md');
    for (const [path, page] of [
      ['/index.md', '/'],
      ['/', '/'],
      ['/reference.md', '/reference'],
      ['/reference/', '/reference'],
      ['/reference/createProject.md/', '/reference/createProject'],
      ['/reference/webhooks/deployment.succeeded.md', '/reference/webhooks/deployment.succeeded'],
    ]) {
      expect(pageOfPath(path as string), path).toBe(page);
    }
  });

  it('names field anchors by where the field is documented', () => {
    expect(fieldAnchor({ in: 'param' }, 'limit')).toBe('param-limit');
    expect(fieldAnchor({ in: 'body' }, 'name')).toBe('body-name');
    expect(fieldAnchor({ in: 'response', status: 200 }, 'id')).toBe('response-200-id');
    expect(fieldHref('listProjects', { in: 'param' }, 'limit')).toBe('/reference/listProjects#param-limit');
    expect(fieldAnchor({ in: 'response', status: 200 }, 'data.id')).toBe('response-200-data.id');
    expect(fieldAnchor({ in: 'body' }, 'display name')).toBe('body-display-name');
  });

  it('lowercases header names in anchors and keeps parameter anchors unique', () => {
    expect(headerAnchor(200, 'X-Request-ID')).toBe('response-200-header-x-request-id');
    expect(headerAnchor('4XX', 'retry-after')).toBe('response-4XX-header-retry-after');
    expect(
      parameterAnchors([
        { name: 'limit', in: 'query' },
        { name: 'X-Request-ID', in: 'header' },
      ]),
    ).toEqual(['param-limit', 'param-x-request-id']);
    expect(
      parameterAnchors([
        { name: 'id', in: 'path' },
        { name: 'id', in: 'query' },
        { name: 'Id', in: 'header' },
      ]),
    ).toEqual(['param-path-id', 'param-query-id', 'param-header-id']);
  });

  it('makes site paths absolute on PORTAL_URL and leaves other URLs alone', () => {
    vi.stubEnv('PORTAL_URL', 'https://portal.example/');
    expect(absoluteUrl('/docs/quickstart')).toBe('https://portal.example/docs/quickstart');
    expect(absoluteUrl('/')).toBe('https://portal.example');
    expect(absoluteUrl('https://example.org/x')).toBe('https://example.org/x');
  });

  it('gives problem types on the production docs origin whatever the portal origin', () => {
    vi.stubEnv('PORTAL_URL', 'http://127.0.0.1:3102');
    expect(problemTypeUri(404)).toBe('https://docs.aethex.dev/reference/errors#404');
  });
});
