import { useId } from 'react';

import type { RefResolver } from '@/lib/openapi';
import { childPath, listedNode, nestedSummary, transparentNodes } from '@/lib/reference/field-tree';
import { describeSchema, hasChildren, type SchemaNode } from '@/lib/reference/schema';
import { fieldAnchor, type FieldLocation } from '@/lib/urls';

import { FieldItem, FieldList, Required } from './field-list';
import { DescriptionFacts, TypeFacts, ValueFacts } from './schema-facts';

/**
 * What every level of one schema's list shares: the prefix of its `schema-…` ids (unique per page: `useId`),
 * the anchors' location, and the ids of the ancestors circular references may link to (by node anchor).
 */
type Tree = { ids: string; anchors?: FieldLocation; targets: ReadonlyMap<number, string> };

/**
 * A schema as a compact list of fields: one item per property (name, type, "required"; description and facts
 * below). An object, an array of objects or a map folds its fields into a native `<details>` ("Show 3 fields",
 * no JavaScript), closed, so a page shows its top level only; `oneOf`/`anyOf` options are blocks of their own,
 * open at the top. A circular reference shows as a `circular: Name` link to the field it repeats instead of
 * expanding. With `anchors`, every field (nested ones too) has an id from lib/urls.ts `fieldAnchor` with its
 * dotted path (`body-settings.region`, `response-200-data.id`) and a copy-link control.
 * @param props.schema any OpenAPI 3.0/3.1 Schema Object (resolved, or with `$ref`s and a `resolve` callback)
 * @param props.resolve resolves `$ref` strings for unresolved documents
 * @param props.anchors where the schema is documented on an operation's page (`{ in: 'body' }`, a response)
 */
export function SchemaView({
  schema,
  resolve,
  anchors,
}: {
  schema: unknown;
  resolve?: RefResolver;
  anchors?: FieldLocation;
}) {
  const node = describeSchema(schema, { resolve });
  const ids = `schema-${useId().replace(/[^\w-]/g, '')}`;
  const id = nodeId(ids, node);
  const tree: Tree = { ids, anchors, targets: withTargets(new Map(), node, id) };
  return (
    <div id={id} className="space-y-2">
      <p className="flex flex-wrap items-baseline gap-2 text-sm">
        <TypeFacts node={node} circularHref={circularHref(tree, node)} />
        <ValueFacts node={node} />
      </p>
      <DescriptionFacts node={node} />
      {hasChildren(node) ? <Fields node={node} path="" depth={0} tree={tree} /> : null}
    </div>
  );
}

/** The `schema-…` id of a node reached through a `$ref` (or of its array items), the target of circular links. */
function nodeId(ids: string, node: SchemaNode): string | undefined {
  const anchor = transparentNodes(node).find((candidate) => candidate.anchor !== undefined)?.anchor;
  return anchor === undefined ? undefined : `${ids}-${anchor}`;
}

/** `targets` plus the anchors of `node` and its transparent array items, all shown by the element `id`. */
function withTargets(targets: ReadonlyMap<number, string>, node: SchemaNode, id: string | undefined) {
  const anchored = transparentNodes(node).filter((candidate) => candidate.anchor !== undefined);
  if (id === undefined || anchored.length === 0) return targets;
  return new Map([...targets, ...anchored.map((candidate) => [candidate.anchor as number, id] as const)]);
}

function circularHref(tree: Tree, node: SchemaNode): string | undefined {
  const anchor = node.circularAnchor ?? node.items?.circularAnchor;
  const target = anchor === undefined ? undefined : tree.targets.get(anchor);
  return target === undefined ? undefined : `#${target}`;
}

/** The id of the element showing the node at `path`: its field anchor on an operation's page, else its `schema-…` id. */
function elementId(tree: Tree, path: string, node: SchemaNode): string | undefined {
  return tree.anchors && path !== '' ? fieldAnchor(tree.anchors, path) : nodeId(tree.ids, node);
}

/** The fields of a node (through array items): its property list, then the values of a map and each option. */
function Fields({ node, path, depth, tree }: { node: SchemaNode; path: string; depth: number; tree: Tree }) {
  const listed = listedNode(node);
  const keyword = listed.variants?.keyword === 'oneOf' ? 'One of' : 'Any of';
  return (
    <div className="space-y-2">
      {listed.properties.length > 0 ? (
        <FieldList>
          {listed.properties.map((property) => (
            <Field
              key={property.name}
              name={property.name}
              required={property.required}
              node={property.node}
              path={childPath(path, property.name)}
              depth={depth}
              tree={tree}
            />
          ))}
        </FieldList>
      ) : null}
      {listed.items && hasChildren(listed.items) ? (
        <Group
          title={`Items: ${listed.items.label}`}
          node={listed.items}
          path={childPath(path, 'items')}
          {...{ depth, tree }}
        />
      ) : null}
      {listed.additional && hasChildren(listed.additional) ? (
        <Group
          title={`Each value: ${listed.additional.label}`}
          node={listed.additional}
          path={childPath(path, '*')}
          {...{ depth, tree }}
        />
      ) : null}
      {listed.variants?.options.map((option, index) => (
        <Group
          key={index}
          title={`${keyword}, option ${index + 1}: ${option.label}`}
          node={option}
          path={childPath(path, `option-${index + 1}`)}
          withFacts
          {...{ depth, tree }}
        />
      ))}
    </div>
  );
}

/** One property: its item, and its own fields folded into a closed `<details>`. */
function Field(props: { name: string; required: boolean; node: SchemaNode; path: string; depth: number; tree: Tree }) {
  const { name, required, node, path, depth, tree } = props;
  const id = elementId(tree, path, node);
  return (
    <FieldItem
      name={name}
      id={id}
      linkLabel={tree.anchors ? path : undefined}
      head={
        <>
          <TypeFacts node={node} circularHref={circularHref(tree, node)} />
          {required ? <Required /> : null}
          <ValueFacts node={node} />
        </>
      }
    >
      <DescriptionFacts node={node} />
      {hasChildren(node) ? (
        <details className="ref-nested">
          <summary>{nestedSummary(node)}</summary>
          <Fields
            node={node}
            path={path}
            depth={depth + 1}
            tree={{ ...tree, targets: withTargets(tree.targets, node, id) }}
          />
        </details>
      ) : null}
    </FieldItem>
  );
}

/** A block that is not a property (array items beside properties, map values, an option): open at the top level only. */
function Group(props: {
  title: string;
  node: SchemaNode;
  path: string;
  depth: number;
  tree: Tree;
  withFacts?: boolean;
}) {
  const { title, node, path, depth, tree, withFacts = false } = props;
  const id = elementId(tree, path, node);
  return (
    <details id={id} open={depth < 1} className="rounded border border-zinc-200 dark:border-zinc-800">
      <summary className="cursor-pointer px-2 py-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {title}
      </summary>
      <div className="space-y-2 px-2 pb-2">
        {withFacts ? (
          <>
            <ValueFacts node={node} />
            <DescriptionFacts node={node} />
          </>
        ) : null}
        {hasChildren(node) ? (
          <Fields
            node={node}
            path={path}
            depth={depth + 1}
            tree={{ ...tree, targets: withTargets(tree.targets, node, id) }}
          />
        ) : null}
      </div>
    </details>
  );
}
