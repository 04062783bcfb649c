/**
 * Turns an OpenAPI 3.0 / 3.1 Schema Object (JSON Schema 2020-12 in 3.1) into a finite, display-ready
 * tree for the reference's schema tables. Copes with any valid document: `$ref` (resolved through an
 * optional callback, cycles cut and labelled), `allOf` (merged), `oneOf`/`anyOf` (variants),
 * 3.0 `nullable` and 3.1 `type: [.., 'null']`, boolean schemas, and arbitrarily large graphs (a node
 * budget and a depth limit bound the output).
 */
import { isRecord } from '@/lib/is-record';
import { followRefChain, type RefResolver } from '@/lib/openapi';

import { describeMeta, refName, type SchemaMeta } from './schema-meta';

export type { SchemaMeta } from './schema-meta';

/** A schema, flattened for display. */
export interface SchemaNode {
  /** Short type label: `string`, `integer`, `array of object`, `string | null`, `Project`. */
  label: string;
  meta: SchemaMeta;
  /** Object properties, in document order. */
  properties: PropertyNode[];
  /** The item schema of an array (its properties render as the array's children). */
  items?: SchemaNode;
  /** `additionalProperties` when it is a schema (object maps). */
  additional?: SchemaNode;
  /** Alternatives of `oneOf` / `anyOf` (an `allOf` is merged instead). */
  variants?: { keyword: 'oneOf' | 'anyOf'; options: SchemaNode[] };
  /** Set when this is a reference back into a schema being expanded: the target's name. */
  circular?: string;
  /** With `circular`: the {@link SchemaNode.anchor} of the ancestor it repeats (absent for an unresolvable `$ref`). */
  circularAnchor?: number;
  /** Set on a node reached through a `$ref` (or with `allOf` members that are): unique per tree, the target of `circularAnchor`s. */
  anchor?: number;
  /** Set when the node budget or depth limit stopped the expansion here. */
  truncated?: boolean;
}

/** One property of an object schema. */
export interface PropertyNode {
  name: string;
  required: boolean;
  node: SchemaNode;
}

/** Limits for {@link describeSchema}. */
export interface DescribeOptions {
  resolve?: RefResolver;
  /** Maximum nesting depth expanded (default 8). */
  maxDepth?: number;
  /** Maximum nodes per tree (default 120): keeps pages of huge documents bounded. */
  maxNodes?: number;
}

interface Walk {
  resolve?: RefResolver;
  maxDepth: number;
  budget: { left: number };
  nextAnchor: number;
}

/** The `$ref`s being expanded on the way to a node, each with the anchor of the nearest node expanded from it. */
type Ancestors = ReadonlyMap<string, number>;

/**
 * Describes a schema as a finite tree.
 * @param schema any Schema Object, `true`/`false`, or a Reference Object; unknown input gives `any`
 * @param options resolver for `$ref` (without one, a remaining `$ref` is shown as circular: the model
 *   resolves everything except cycles) and size limits
 * @returns the root node; never throws on valid OpenAPI input
 */
export function describeSchema(schema: unknown, options: DescribeOptions = {}): SchemaNode {
  const walk: Walk = {
    resolve: options.resolve,
    maxDepth: options.maxDepth ?? 8,
    budget: { left: options.maxNodes ?? 120 },
    nextAnchor: 0,
  };
  return describe(schema, walk, new Map(), 0);
}

function leaf(label: string, meta: SchemaMeta = describeMeta({}), extra: Partial<SchemaNode> = {}): SchemaNode {
  return { label, meta, properties: [], ...extra };
}

function describe(raw: unknown, walk: Walk, stack: Ancestors, depth: number): SchemaNode {
  if (raw === true || raw === undefined) return leaf('any');
  if (raw === false) return leaf('never');
  if (!isRecord(raw)) return leaf('any');
  walk.budget.left -= 1;
  const { schema, names, circular, circularAnchor } = follow(raw, walk, stack);
  if (circular)
    return leaf(
      `circular: ${circular}`,
      describeMeta(raw),
      circularAnchor === undefined ? { circular } : { circular, circularAnchor },
    );
  const anchor = walk.nextAnchor++;
  const inner = new Map(stack);
  for (const ref of names) inner.set(ref, anchor);
  const merged = mergeAllOf(schema, walk, inner, anchor);
  const meta = describeMeta(merged);
  const name = names.at(-1) ? refName(names.at(-1) as string) : undefined;
  if (depth >= walk.maxDepth || walk.budget.left <= 0)
    return leaf(name ?? baseLabel(merged, meta), meta, { truncated: true });
  const node = leaf(baseLabel(merged, meta), meta, inner.size > stack.size ? { anchor } : {});
  const required = new Set(Array.isArray(merged.required) ? (merged.required as unknown[]).map(String) : []);
  if (isRecord(merged.properties)) {
    for (const [key, value] of Object.entries(merged.properties)) {
      if (walk.budget.left <= 0) {
        node.truncated = true;
        break;
      }
      node.properties.push({ name: key, required: required.has(key), node: describe(value, walk, inner, depth + 1) });
    }
  }
  const itemSchema = merged.items ?? merged.prefixItems;
  if (itemSchema !== undefined && (isRecord(itemSchema) || typeof itemSchema === 'boolean')) {
    node.items = describe(itemSchema, walk, inner, depth + 1);
    node.label = arrayLabel(node.items, meta);
  }
  if (isRecord(merged.additionalProperties))
    node.additional = describe(merged.additionalProperties, walk, inner, depth + 1);
  const keyword = Array.isArray(merged.oneOf) ? 'oneOf' : Array.isArray(merged.anyOf) ? 'anyOf' : undefined;
  if (keyword) {
    const options = (merged[keyword] as unknown[]).filter((option) => !isNullSchema(option));
    node.variants = { keyword, options: options.map((option) => describe(option, walk, inner, depth + 1)) };
  }
  if (name && node.properties.length > 0) node.label = name;
  return node;
}

/**
 * Follows a `$ref` chain (siblings laid over the target, as 3.1 allows), stopping at a `$ref` already being
 * expanded above (a cycle), at one that loops or cannot be resolved, and at a target that is not a schema object.
 */
function follow(raw: Record<string, unknown>, walk: Walk, stack: Ancestors) {
  const chain = followRefChain(
    raw,
    (ref) => walk.resolve?.(ref),
    (ref) => stack.has(ref),
  );
  const stopped = chain.stoppedAt ?? (isRecord(chain.value) ? undefined : chain.refs.at(-1));
  if (stopped !== undefined)
    return { schema: raw, names: [...chain.refs], circular: refName(stopped), circularAnchor: stack.get(stopped) };
  return {
    schema: chain.value as Record<string, unknown>,
    names: [...chain.refs],
    circular: undefined,
    circularAnchor: undefined,
  };
}

/**
 * Merges `allOf` members into one schema: properties and `required` united, other keywords first-wins.
 * Adds the `$ref`s it follows to `stack` (the node's own copy) under `anchor`: the merged node stands for them.
 */
function mergeAllOf(
  schema: Record<string, unknown>,
  walk: Walk,
  stack: Map<string, number>,
  anchor: number,
): Record<string, unknown> {
  if (!Array.isArray(schema.allOf)) return schema;
  const { allOf, ...rest } = schema;
  const out: Record<string, unknown> = { ...rest };
  const properties: Record<string, unknown> = isRecord(rest.properties) ? { ...rest.properties } : {};
  const required = new Set(Array.isArray(rest.required) ? (rest.required as unknown[]) : []);
  for (const member of allOf as unknown[]) {
    if (!isRecord(member)) continue;
    const followed = follow(member, walk, stack);
    if (followed.circular) continue;
    for (const ref of followed.names) stack.set(ref, anchor);
    const part = mergeAllOf(followed.schema, walk, stack, anchor);
    if (isRecord(part.properties)) Object.assign(properties, part.properties);
    if (Array.isArray(part.required)) for (const key of part.required) required.add(key);
    for (const [key, value] of Object.entries(part)) if (!(key in out)) out[key] = value;
  }
  if (Object.keys(properties).length > 0) out.properties = properties;
  if (required.size > 0) out.required = [...required];
  return out;
}

function isNullSchema(option: unknown): boolean {
  return isRecord(option) && option.type === 'null' && Object.keys(option).length === 1;
}

function baseLabel(schema: Record<string, unknown>, meta: SchemaMeta): string {
  const types = (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [])
    .map(String)
    .filter((t) => t !== 'null');
  if (types.length === 0) {
    if (schema.properties || schema.additionalProperties) types.push('object');
    else if (schema.items || schema.prefixItems) types.push('array');
    else if (schema.oneOf || schema.anyOf) types.push(schema.oneOf ? 'one of' : 'any of');
    else if (meta.enumValues) types.push('enum');
    else if (meta.constValue !== undefined) types.push('const');
    else types.push('any');
  }
  return types.join(' | ') + (meta.nullable ? ' | null' : '');
}

function arrayLabel(items: SchemaNode, meta: SchemaMeta): string {
  return `array of ${items.label}` + (meta.nullable ? ' | null' : '');
}

/** True when a node has structure worth a nested table (properties, array items with structure, variants). */
export function hasChildren(node: SchemaNode): boolean {
  return (
    node.properties.length > 0 ||
    (node.items !== undefined && hasChildren(node.items)) ||
    (node.additional !== undefined && hasChildren(node.additional)) ||
    (node.variants?.options.length ?? 0) > 0
  );
}
