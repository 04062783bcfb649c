import type { SchemaNode } from '@/lib/reference/schema';
import { formatValue } from '@/lib/reference/schema-meta';

import { Description } from './description';

/**
 * The type of a field: type label, format and the nullable / read-only / write-only / deprecated flags.
 * A circular reference (or an array of one) links to the field or block it repeats.
 * @param props.node the described schema
 * @param props.circularHref `#id` of the element that shows the repeated schema; without it no link is made
 * @param props.deprecated marks the field deprecated even when its schema is not (a deprecated parameter or header)
 */
export function TypeFacts({
  node,
  circularHref,
  deprecated = false,
}: {
  node: SchemaNode;
  circularHref?: string;
  deprecated?: boolean;
}) {
  const { meta } = node;
  const flags = [
    meta.readOnly && 'read-only',
    meta.writeOnly && 'write-only',
    (meta.deprecated || deprecated) && 'deprecated',
  ].filter(Boolean);
  const label = <span className="ref-type">{node.label}</span>;
  return (
    <span className="ref-facts">
      {circularHref ? (
        <a href={circularHref} className="underline">
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

function Values({ label, values }: { label?: string; values: readonly string[] | undefined }) {
  if (!values || values.length === 0) return null;
  return (
    <span>
      {label ? <span className="font-medium">{label} </span> : null}
      {values.map((value, index) => (
        <span key={index}>
          {index > 0 ? ' ' : null}
          <code className="ref-chip">{value}</code>
        </span>
      ))}
    </span>
  );
}

/** The examples worth a chip: a field's own (a string as sent) or its schema's, without one equal to the default. */
function shownExamples(meta: SchemaNode['meta'], example: unknown): string[] {
  if (example === undefined) return meta.examples.filter((value) => value !== meta.defaultValue);
  if (formatValue(example) === meta.defaultValue) return [];
  return [typeof example === 'string' ? example : formatValue(example)];
}

/**
 * The values of a field as chips, for the end of its first line (it wraps there whole when the line is full):
 * default, allowed values, constant, constraints and examples (one equal to the default is left out).
 * @param props.node the described schema
 * @param props.example a parameter's or header's own example, shown instead of the schema's as the text sent:
 *   a string as it is, anything else as JSON
 * @returns nothing when the field has none of these
 */
export function ValueFacts({ node, example }: { node: SchemaNode; example?: unknown }) {
  const { meta } = node;
  const examples = shownExamples(meta, example);
  const hasValues =
    meta.defaultValue !== undefined ||
    meta.constValue !== undefined ||
    [meta.enumValues ?? [], meta.constraints, examples].some((list) => list.length > 0);
  if (!hasValues) return null;
  return (
    <span className="ref-values">
      <Values label="Default" values={meta.defaultValue === undefined ? undefined : [meta.defaultValue]} />
      <Values label="Allowed values" values={meta.enumValues} />
      <Values label="Constant" values={meta.constValue === undefined ? undefined : [meta.constValue]} />
      <Values values={meta.constraints} />
      <Values label="Example" values={examples} />
    </span>
  );
}

/**
 * The lines under a field's first line: its Markdown description and the note on a subtree cut by the size limits.
 * @param props.node the described schema
 * @param props.description the description to show instead of the schema's (a parameter's or header's own)
 */
export function DescriptionFacts({ node, description }: { node: SchemaNode; description?: string }) {
  return (
    <>
      <Description text={description ?? node.meta.description} className="text-sm" compact />
      {node.truncated ? (
        <p className="text-xs text-zinc-600 italic dark:text-zinc-400">
          Nested fields not expanded here; see the OpenAPI document.
        </p>
      ) : null}
    </>
  );
}
