import { describe, expect, it } from 'vitest';

import { apiModel, listOperations } from '../openapi';
import { operationHref, PATHS } from '../urls';
import { operationGroups, referenceNavGroups, UNTAGGED_TITLE } from './navigation';

/** A stand-in operation: only the fields the sidebar reads. */
const op = (operationId: string, tag: string, navTitle = `Title of ${operationId}`) =>
  ({ operationId, method: 'GET', navTitle, tag }) as const;

describe('operationGroups', () => {
  it('groups operations under their tag: declared tags in document order, then undeclared, then untagged', () => {
    const groups = operationGroups(
      [op('a1', 'Alpha'), op('u1', ''), op('b1', 'Beta'), op('c1', 'Gamma'), op('a2', 'Alpha'), op('u2', '')],
      [{ name: 'Beta' }, { name: 'Alpha' }, { name: 'Unused' }],
    );
    expect(groups.map((group) => [group.title, group.items.map((item) => item.href)])).toEqual([
      ['Beta', [operationHref('b1')]],
      ['Alpha', [operationHref('a1'), operationHref('a2')]],
      ['Gamma', [operationHref('c1')]],
      [UNTAGGED_TITLE, [operationHref('u1'), operationHref('u2')]],
    ]);
  });

  it('titles a link with the short navigation title and its method, or the operationId without one', () => {
    const [group] = operationGroups([op('listPets', 'Pets', 'List pets'), op('getPet', 'Pets', '')], []);
    expect(group?.items).toEqual([
      { title: 'List pets', href: operationHref('listPets'), method: 'GET' },
      { title: 'getPet', href: operationHref('getPet'), method: 'GET' },
    ]);
  });
});

describe('referenceNavGroups', () => {
  it('starts with the overview, errors and webhook events, untitled, then one group per tag of the document', () => {
    const [first, ...tagGroups] = referenceNavGroups();
    expect(first).toEqual({
      items: [
        { title: 'Overview', href: PATHS.reference },
        { title: 'Errors', href: PATHS.errors },
        { title: 'Webhook events', href: PATHS.webhooks },
      ],
    });
    const used = new Set(listOperations().map((operation) => operation.tag));
    const expected = apiModel()
      .tags.map((tag) => tag.name)
      .filter((name) => used.has(name));
    expect(expected).toEqual(['Authentication', 'Projects', 'Metrics', 'Webhooks']);
    expect(tagGroups.map((group) => group.title)).toEqual(expected);
  });

  it('lists every operation once, under its own tag, with its method and navigation title', () => {
    const groups = referenceNavGroups();
    const links = groups.flatMap((group) => group.items.filter((item) => item.method));
    expect(links).toHaveLength(listOperations().length);
    for (const operation of listOperations()) {
      const group = groups.find((candidate) =>
        candidate.items.some((item) => item.href === operationHref(operation.operationId)),
      );
      expect(group?.title).toBe(operation.tag);
      expect(group?.items).toContainEqual({
        title: operation.navTitle,
        href: operationHref(operation.operationId),
        method: operation.method,
      });
    }
  });
});
