/**
 * How a described schema (lib/reference/schema.ts) unfolds as a list of fields: the dotted path of each field
 * (the name part of its anchor, lib/urls.ts `fieldAnchor`), which node's fields a field lists when it is expanded
 * (array items are transparent: an `array of Project` lists Project's fields), and the label of its toggle.
 */
import { hasChildren, type SchemaNode } from './schema';

/**
 * The dotted path of a child field.
 * @param parent the parent's path; `''` at the root of a schema
 * @param segment the child's name, `*` for the values of a map or `option-<n>` for a `oneOf`/`anyOf` option
 * @returns `settings.region`, or `segment` alone at the root
 */
export function childPath(parent: string, segment: string): string {
  return parent === '' ? segment : `${parent}.${segment}`;
}

/**
 * The node whose properties, map values and options a field shows: the node itself, or, through arrays
 * (of arrays…) without structure of their own, the innermost item schema.
 * @returns `node` when it has properties, map values or options, else its items' listed node
 */
export function listedNode(node: SchemaNode): SchemaNode {
  const own = node.properties.length > 0 || node.additional !== undefined || node.variants !== undefined;
  return !own && node.items && hasChildren(node.items) ? listedNode(node.items) : node;
}

/**
 * The array item nodes a field's expansion stands for (their anchors are the field's own, for circular links).
 * @returns `node` and every item node up to {@link listedNode}
 */
export function transparentNodes(node: SchemaNode): SchemaNode[] {
  const listed = listedNode(node);
  const out = [node];
  for (let current = node; current !== listed && current.items; current = current.items) out.push(current.items);
  return out;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * What a field's toggle opens, for its label: "2 fields", "3 options", "4 fields per key", joined by commas.
 * @param node a node with {@link hasChildren}
 */
export function nestedSummary(node: SchemaNode): string {
  const listed = listedNode(node);
  const parts: string[] = [];
  if (listed.properties.length > 0) parts.push(plural(listed.properties.length, 'field', 'fields'));
  const values = listed.additional && hasChildren(listed.additional) ? listedNode(listed.additional) : undefined;
  if (values) {
    const each = values.properties.length > 0 ? values.properties.length : (values.variants?.options.length ?? 0);
    parts.push(
      `${values.properties.length > 0 ? plural(each, 'field', 'fields') : plural(each, 'option', 'options')} per key`,
    );
  }
  const options = listed.variants?.options.length ?? 0;
  if (options > 0) parts.push(plural(options, 'option', 'options'));
  return parts.join(', ');
}
