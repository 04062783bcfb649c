import { useId } from 'react';

import type { RefResolver } from '@/lib/openapi';
import { describeSchema, hasChildren, type SchemaNode } from '@/lib/reference/schema';

import { DescriptionFacts, TypeFacts } from './schema-facts';

/** `.ref-cell` and friends live in app/globals.css: schema rows repeat them hundreds of times per page. */
const cell = 'ref-cell';

/**
 * A schema as readable nested tables: one row per property; nested objects, array items, maps and
 * `oneOf`/`anyOf` variants fold into native `<details>` (no JavaScript), open for the first level only.
 * A circular reference shows as a `circular: Name` link to the row or block it repeats instead of expanding
 * (anchors are unique per page: `useId` prefixes them).
 * @param props.schema any OpenAPI 3.0/3.1 Schema Object (resolved, or with `$ref`s and a `resolve` callback)
 * @param props.resolve resolves `$ref` strings for unresolved documents
 */
export function SchemaView({ schema, resolve }: { schema: unknown; resolve?: RefResolver }) {
  const node = describeSchema(schema, { resolve });
  const ids = `schema-${useId().replace(/[^\w-]/g, '')}`;
  return (
    <div id={anchorId(ids, node)} className="space-y-2">
      <div className="flex flex-wrap items-baseline gap-2 text-sm">
        <TypeFacts node={node} ids={ids} />
      </div>
      <DescriptionFacts node={node} />
      {hasChildren(node) ? <SchemaBody node={node} depth={0} ids={ids} /> : null}
    </div>
  );
}

/** The element id of a node that circular references may link to (see {@link TypeFacts}). */
function anchorId(ids: string, node: SchemaNode): string | undefined {
  return node.anchor === undefined ? undefined : `${ids}-${node.anchor}`;
}

/** The structure of one node: its property table, then array items, map values and variants. */
function SchemaBody({ node, depth, ids }: { node: SchemaNode; depth: number; ids: string }) {
  return (
    <div className="space-y-2">
      {node.properties.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr className="text-xs text-zinc-600 dark:text-zinc-400">
                <th className={`${cell} w-1/4`}>Field</th>
                <th className={`${cell} w-1/4`}>Type</th>
                <th className={cell}>Description</th>
              </tr>
            </thead>
            <tbody>
              {node.properties.map((property) => (
                <PropertyRows
                  key={property.name}
                  name={property.name}
                  required={property.required}
                  node={property.node}
                  depth={depth}
                  ids={ids}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {node.items && hasChildren(node.items) ? (
        <Nested title={`Items: ${node.items.label}`} node={node.items} depth={depth} ids={ids} anchored />
      ) : null}
      {node.additional && hasChildren(node.additional) ? (
        <Nested
          title={`Additional properties: ${node.additional.label}`}
          node={node.additional}
          depth={depth}
          ids={ids}
          anchored
        />
      ) : null}
      {node.variants?.options.map((option, index) => (
        <Nested
          key={index}
          title={`${node.variants?.keyword === 'oneOf' ? 'One of' : 'Any of'}, option ${index + 1}: ${option.label}`}
          node={option}
          depth={depth}
          ids={ids}
          anchored
          withFacts
        />
      ))}
    </div>
  );
}

function PropertyRows({
  name,
  required,
  node,
  depth,
  ids,
}: {
  name: string;
  required: boolean;
  node: SchemaNode;
  depth: number;
  ids: string;
}) {
  return (
    <>
      <tr id={anchorId(ids, node)}>
        <td className="ref-cell ref-name">
          {name}
          {required ? <span className="ref-required">required</span> : null}
        </td>
        <td className={cell}>
          <TypeFacts node={node} ids={ids} />
        </td>
        <td className={cell}>
          <DescriptionFacts node={node} />
        </td>
      </tr>
      {hasChildren(node) ? (
        <tr>
          <td colSpan={3} className={`${cell} pl-4`}>
            <Nested title={`Fields of ${name}`} node={node} depth={depth} ids={ids} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** A collapsible block of a nested node; `anchored` when no property row above already carries the node's anchor. */
function Nested(props: {
  title: string;
  node: SchemaNode;
  depth: number;
  ids: string;
  anchored?: boolean;
  withFacts?: boolean;
}) {
  const { title, node, depth, ids, anchored = false, withFacts = false } = props;
  return (
    <details
      id={anchored ? anchorId(ids, node) : undefined}
      open={depth < 1}
      className="rounded border border-zinc-200 dark:border-zinc-800"
    >
      <summary className="cursor-pointer px-2 py-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {title}
      </summary>
      <div className="space-y-2 p-2">
        {withFacts ? <DescriptionFacts node={node} /> : null}
        {hasChildren(node) ? <SchemaBody node={node} depth={depth + 1} ids={ids} /> : null}
      </div>
    </details>
  );
}
