import type { HeaderObject, RefResolver } from '@/lib/openapi';
import { describeSchema } from '@/lib/reference/schema';
import { formatValue } from '@/lib/reference/schema-meta';

import { Description } from './description';
import { TypeFacts } from './schema-facts';
import { ValueTable } from './value-table';

/**
 * Response headers as a table: name, type, whether always present, example and description.
 * @param props.headers `[name, Header Object]` pairs
 * @param props.resolve resolves `$ref` strings inside schemas
 * @param props.label accessible name of the table
 */
export function HeadersTable({
  headers,
  resolve,
  label = 'Response headers',
}: {
  headers: readonly (readonly [string, HeaderObject])[];
  resolve?: RefResolver;
  label?: string;
}) {
  const rows = headers.map(([name, header]) => {
    const node = describeSchema(header.schema, { resolve, maxNodes: 20 });
    return [
      name,
      <TypeFacts key="type" node={node} />,
      header.required ? 'always' : 'sometimes',
      header.example === undefined ? (
        '—'
      ) : (
        <code key="example" className="break-all">
          {String(typeof header.example === 'string' ? header.example : formatValue(header.example))}
        </code>
      ),
      <Description key="description" text={header.description} />,
    ];
  });
  return <ValueTable label={label} columns={['Header', 'Type', 'Present', 'Example', 'Description']} rows={rows} />;
}
