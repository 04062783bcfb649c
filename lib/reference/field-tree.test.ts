import { describe, expect, it } from 'vitest';

import { childPath, listedNode, nestedSummary, transparentNodes } from './field-tree';
import { describeSchema } from './schema';

const project = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } };

describe('field tree', () => {
  it('joins dotted paths, with no leading dot at the root', () => {
    expect(childPath('', 'data')).toBe('data');
    expect(childPath('data', 'id')).toBe('data.id');
    expect(childPath('labels', '*')).toBe('labels.*');
  });

  it('lists the fields of array items (of arrays) under the array itself', () => {
    const node = describeSchema({ type: 'array', items: { type: 'array', items: project } });
    expect(listedNode(node).properties.map((property) => property.name)).toEqual(['id', 'name']);
    expect(transparentNodes(node)).toEqual([node, node.items, node.items?.items]);
    const object = describeSchema(project);
    expect(listedNode(object)).toBe(object);
    expect(transparentNodes(object)).toEqual([object]);
  });

  it('labels the toggle by what it opens', () => {
    expect(nestedSummary(describeSchema({ type: 'array', items: project }))).toBe('2 fields');
    expect(nestedSummary(describeSchema({ type: 'object', properties: { one: { type: 'string' } } }))).toBe('1 field');
    expect(nestedSummary(describeSchema({ type: 'object', additionalProperties: project }))).toBe('2 fields per key');
    expect(nestedSummary(describeSchema({ oneOf: [project, { type: 'string' }, { type: 'integer' }] }))).toBe(
      '3 options',
    );
    expect(nestedSummary(describeSchema({ ...project, anyOf: [{ required: ['id'] }, { required: ['name'] }] }))).toBe(
      '2 fields, 2 options',
    );
  });
});
