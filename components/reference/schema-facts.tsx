import type { SchemaNode } from '@/lib/reference/schema';

import { Description } from './description';

/** Short classes from app/globals.css: these spans repeat on every schema row. */
const chip = 'ref-chip';

/**
 * The type column of a schema row: type label, format and the nullable / read-only / write-only / deprecated flags.
 * A circular reference (or an array of one) links to the block it repeats, `#{ids}-{anchor}`.
 * @param props.node the described schema
 * @param props.ids the id prefix of the schema tree's anchors (from SchemaView); without it no link is made
 */
export function TypeFacts({ node, ids }: { node: SchemaNode; ids?: string }) {
  const { meta } = node;
  const flags = [meta.readOnly && 'read-only', meta.writeOnly && 'write-only', meta.deprecated && 'deprecated'].filter(
    Boolean,
  );
  const target = node.circularAnchor ?? node.items?.circularAnchor;
  const label = <span className="ref-type">{node.label}</span>;
  return (
    <span className="ref-facts">
      {ids && target !== undefined ? (
        <a href={`#${ids}-${target}`} className="underline">
          {label}
        </a>
      ) : (
        label
      )}
      {meta.format ? <span className="text-xs text-zinc-600 dark:text-zinc-400">({meta.format})</span> : null}
      {flags.map((flag) => (
        <span key={String(flag)} className="text-xs font-medium text-amber-800 dark:text-amber-300">
          {flag}
        </span>
      ))}
    </span>
  );
}

function Line({ label, values }: { label: string; values: readonly string[] | undefined }) {
  if (!values || values.length === 0) return null;
  return (
    <p className="text-xs text-zinc-700 dark:text-zinc-300">
      <span className="font-medium">{label}: </span>
      {values.map((value, index) => (
        <span key={index}>
          {index > 0 ? ' ' : null}
          <code className={chip}>{value}</code>
        </span>
      ))}
    </p>
  );
}

/**
 * The description column of a schema row: Markdown description, then allowed values, constant, default,
 * constraints and examples.
 * @param props.node the described schema
 */
export function DescriptionFacts({ node }: { node: SchemaNode }) {
  const { meta } = node;
  return (
    <div className="space-y-1">
      <Description text={meta.description} className="text-sm" compact />
      <Line label="Allowed values" values={meta.enumValues} />
      <Line label="Constant" values={meta.constValue === undefined ? undefined : [meta.constValue]} />
      <Line label="Default" values={meta.defaultValue === undefined ? undefined : [meta.defaultValue]} />
      <Line label="Constraints" values={meta.constraints} />
      <Line label="Example" values={meta.examples} />
      {node.truncated ? (
        <p className="text-xs text-zinc-600 italic dark:text-zinc-400">
          Nested fields not expanded here; see the OpenAPI document.
        </p>
      ) : null}
    </div>
  );
}
