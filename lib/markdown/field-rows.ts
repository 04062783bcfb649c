/**
 * A schema's fields as table rows for the Markdown twins: every property down the tree with its dotted path
 * (the same names as the page's field anchors: lib/reference/field-tree.ts), type, required flag and a description
 * with the facts the page shows beside it (allowed values, default, constraints).
 */
import type { PhrasingContent, Table } from 'mdast';

import { childPath, listedNode } from '../reference/field-tree';
import { describeSchema, hasChildren, type SchemaNode } from '../reference/schema';
import { inlineCode, table, text } from './mdast';
import { parseInline } from './render';

/** One field of a schema, flattened. */
export interface FieldRow {
  /** Dotted path: `settings.region`, `data.id`, `labels.*.color`, `source.option-2.url`. */
  name: string;
  /** The type label (`string`, `array of object`, `Project`). */
  type: string;
  required: boolean;
  node: SchemaNode;
}

/** Walks the fields a node lists (its own or its array items'), children right after their parent. */
function walk(node: SchemaNode, parent: string, out: FieldRow[]): void {
  if (node.circular) return;
  const listed = listedNode(node);
  for (const property of listed.properties) {
    const name = childPath(parent, property.name);
    out.push({ name, type: property.node.label, required: property.required, node: property.node });
    if (hasChildren(property.node)) walk(property.node, name, out);
  }
  if (listed.additional && hasChildren(listed.additional)) walk(listed.additional, childPath(parent, '*'), out);
  listed.variants?.options.forEach((option, i) => walk(option, childPath(parent, `option-${i + 1}`), out));
}

/**
 * The fields of a schema, depth first in document order.
 * @param schema a resolved Schema Object (the model's); anything else gives `[]`
 * @returns one row per property at any depth; the tree is bounded like the page's (lib/reference/schema.ts)
 */
export function fieldRows(schema: unknown): FieldRow[] {
  const out: FieldRow[] = [];
  walk(describeSchema(schema), '', out);
  return out;
}

/**
 * The facts of a schema beside its description: allowed values, constant, default, constraints, flags.
 * @param node a described schema node
 * @returns inline content, each fact a sentence; `[]` when there is none
 */
export function factsCell(node: SchemaNode): PhrasingContent[] {
  const { meta } = node;
  const cell: PhrasingContent[] = [];
  const sentence = (value: string) => cell.push(text(`${cell.length ? ' ' : ''}${value}`));
  const add = (label: string, values: readonly string[]) => {
    if (values.length === 0) return;
    sentence(`${label}: `);
    values.forEach((value, i) => cell.push(...(i ? [text(', ')] : []), inlineCode(value)));
    cell.push(text('.'));
  };
  add('One of', meta.enumValues ?? []);
  add('Constant', meta.constValue === undefined ? [] : [meta.constValue]);
  add('Default', meta.defaultValue === undefined ? [] : [meta.defaultValue]);
  add('Constraints', meta.constraints);
  if (meta.nullable) sentence('Nullable.');
  if (meta.readOnly) sentence('Read-only.');
  if (meta.writeOnly) sentence('Write-only.');
  if (meta.deprecated) sentence('Deprecated.');
  return cell;
}

/**
 * A field's description cell: a description (the given one, else the schema's), then its {@link factsCell}.
 * @param node a described schema node
 * @param description Markdown that replaces the schema's own description (a parameter's)
 * @returns inline content; `—` when there is nothing to say
 */
export function describeCell(node: SchemaNode, description = node.meta.description ?? ''): PhrasingContent[] {
  const lead = parseInline(description);
  const facts = factsCell(node);
  const cell = [...lead, ...(lead.length && facts.length ? [text(' ')] : []), ...facts];
  return cell.length ? cell : [text('—')];
}

/**
 * A schema's fields as a GFM table: Field, Type, Required, Description.
 * @returns `undefined` when the schema has no fields (a scalar or empty body)
 */
export function fieldTable(schema: unknown): Table | undefined {
  const rows = fieldRows(schema);
  if (rows.length === 0) return undefined;
  return table(
    ['Field', 'Type', 'Required', 'Description'],
    rows.map((row) => [
      [inlineCode(row.name)],
      [text(row.type)],
      [text(row.required ? 'yes' : 'no')],
      describeCell(row.node),
    ]),
  );
}
