/** Size of a description, for the large-document benchmark and its test. */
import { isRecord } from '@/lib/is-record';

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_SLOTS = new Set([
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
]);

function countSchema(schema: unknown): number {
  if (!isRecord(schema)) return 0;
  let count = 1;
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_MAPS.has(key))
      for (const child of Object.values(isRecord(value) ? value : {})) count += countSchema(child);
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) for (const child of value) count += countSchema(child);
    else if (SCHEMA_SLOTS.has(key)) count += countSchema(value);
  }
  return count;
}

function countInline(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countInline(item), 0);
  if (!isRecord(value)) return 0;
  let count = 0;
  for (const [key, child] of Object.entries(value)) count += key === 'schema' ? countSchema(child) : countInline(child);
  return count;
}

/**
 * How many schemas a document holds, to report the size of a description.
 * @returns `components`: entries of `components.schemas`; `total`: every Schema Object (a `$ref` counts as one),
 *   nested ones included, in `components.schemas` and in every `schema` field of parameters, headers and media types
 */
export function countSchemas(root: Record<string, unknown>): { components: number; total: number } {
  const components = isRecord(root.components) ? root.components : {};
  const schemas = Object.values(isRecord(components.schemas) ? components.schemas : {});
  const { schemas: _omit, ...rest } = components;
  void _omit;
  const total =
    schemas.reduce((sum: number, schema) => sum + countSchema(schema), 0) + countInline({ ...root, components: rest });
  return { components: schemas.length, total };
}
