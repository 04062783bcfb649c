import { isRecord } from '@/lib/is-record';
import type { ParameterObject, RefResolver } from '@/lib/openapi';
import { describeSchema } from '@/lib/reference/schema';

import { Description } from './description';
import { TypeFacts } from './schema-facts';
import { ValueTable } from './value-table';

/** A parameter's schema: `schema`, or (OpenAPI `content` form) the first media type's schema. */
function parameterSchema(parameter: ParameterObject): unknown {
  if (parameter.schema) return parameter.schema;
  const content = (parameter as { content?: unknown }).content;
  const first = isRecord(content) ? Object.values(content)[0] : undefined;
  return isRecord(first) ? first.schema : undefined;
}

/**
 * The parameters of an operation (path, query, header, cookie) as one table: name, location, type,
 * required, default, constraints and description.
 * @param props.parameters resolved Parameter Objects (their schemas may hold `$ref`s if `resolve` is given)
 * @param props.resolve resolves `$ref` strings inside schemas
 */
export function ParametersTable({
  parameters,
  resolve,
}: {
  parameters: readonly ParameterObject[];
  resolve?: RefResolver;
}) {
  const rows = parameters.map((parameter) => {
    const node = describeSchema(parameterSchema(parameter), { resolve, maxNodes: 20 });
    const { meta } = node;
    return [
      parameter.name,
      parameter.in,
      <TypeFacts key="type" node={node} />,
      parameter.required ? 'required' : 'optional',
      meta.defaultValue ? <code key="default">{meta.defaultValue}</code> : '—',
      [...meta.constraints, ...(meta.enumValues ? [`one of ${meta.enumValues.join(', ')}`] : [])].join('; ') || '—',
      <Description key="description" text={parameter.description ?? meta.description} />,
    ];
  });
  return (
    <ValueTable
      label="Parameters"
      columns={['Name', 'In', 'Type', 'Required', 'Default', 'Constraints', 'Description']}
      rows={rows}
    />
  );
}
