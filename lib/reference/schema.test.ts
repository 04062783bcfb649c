import { describe, expect, it } from 'vitest';

import { describeSchema } from './schema';

const components: Record<string, unknown> = {
  Node: { type: 'object', properties: { id: { type: 'string' }, next: { $ref: '#/components/schemas/Node' } } },
  Named: { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 10 } }, required: ['name'] },
};
const resolve = (ref: string) => components[ref.split('/').at(-1) ?? ''];

describe('describeSchema', () => {
  it('labels 3.0 nullable, 3.1 type arrays and oneOf-with-null as nullable', () => {
    expect(describeSchema({ type: 'string', nullable: true }).label).toBe('string | null');
    expect(describeSchema({ type: ['integer', 'null'] }).label).toBe('integer | null');
    const node = describeSchema({ oneOf: [{ type: 'string' }, { type: 'null' }] });
    expect(node.meta.nullable).toBe(true);
    expect(node.variants?.options.map((option) => option.label)).toEqual(['string']);
  });

  it('cuts cycles with a circular label instead of recursing', () => {
    const node = describeSchema({ $ref: '#/components/schemas/Node' }, { resolve });
    expect(node.label).toBe('Node');
    const next = node.properties.find((property) => property.name === 'next')?.node;
    expect(next?.circular).toBe('Node');
    expect(next?.label).toBe('circular: Node');
    expect(node.anchor).toBeDefined();
    expect(next?.circularAnchor).toBe(node.anchor);
  });

  it('anchors a cycle through an allOf member on the node that merged it', () => {
    const node = describeSchema({ allOf: [{ $ref: '#/components/schemas/Node' }] }, { resolve });
    expect(node.properties.find((property) => property.name === 'next')?.node.circularAnchor).toBe(node.anchor);
  });

  it('shows an unresolved $ref (the model keeps them only at cycles) as circular', () => {
    const node = describeSchema({ $ref: '#/components/schemas/Project' });
    expect(node.circular).toBe('Project');
    expect(node.circularAnchor).toBeUndefined();
  });

  it('merges allOf members, uniting properties and required', () => {
    const node = describeSchema(
      { allOf: [{ $ref: '#/components/schemas/Named' }, { properties: { age: { type: 'integer', minimum: 0 } } }] },
      { resolve },
    );
    expect(node.properties.map((p) => [p.name, p.required])).toEqual([
      ['name', true],
      ['age', false],
    ]);
    expect(node.properties[0]?.node.meta.constraints).toEqual(['length 1–10']);
    expect(node.properties[1]?.node.meta.constraints).toEqual(['≥ 0']);
  });

  it('describes arrays, maps, enums, defaults, examples and access modifiers', () => {
    const node = describeSchema({
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: { type: 'integer' },
        properties: { k: { enum: ['a', 'b'], default: 'a', readOnly: true, example: 'b' } },
      },
    });
    expect(node.label).toBe('array of object');
    expect(node.meta.constraints).toEqual(['items ≥ 1']);
    const k = node.items?.properties[0]?.node;
    expect(k?.meta).toMatchObject({
      enumValues: ['"a"', '"b"'],
      defaultValue: '"a"',
      readOnly: true,
      examples: ['"b"'],
    });
    expect(node.items?.additional?.label).toBe('integer');
  });

  it('handles boolean schemas, 3.0 boolean exclusives and stays within its node budget', () => {
    expect(describeSchema(true).label).toBe('any');
    expect(describeSchema(false).label).toBe('never');
    expect(describeSchema({ type: 'number', minimum: 0, exclusiveMinimum: true }).meta.constraints).toEqual(['> 0']);
    const wide = {
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`p${i}`, { type: 'string' }])),
    };
    const node = describeSchema(wide, { maxNodes: 50 });
    expect(node.properties.length).toBeLessThan(50);
    expect(node.truncated).toBe(true);
  });
});
