import type { HeaderObject, RefResolver } from '@/lib/openapi';
import { describeSchema } from '@/lib/reference/schema';
import { headerAnchor } from '@/lib/urls';

import { FieldItem, FieldList, Marker } from './field-list';
import { DescriptionFacts, TypeFacts, ValueFacts } from './schema-facts';

/**
 * Response headers as a compact list: per header its name, type and whether it is always sent on one line,
 * then constraints, example (a header value is raw text, so a string example is not quoted) and description.
 * @param props.headers `[name, Header Object]` pairs
 * @param props.resolve resolves `$ref` strings inside schemas
 * @param props.label accessible name of the list
 * @param props.anchors on an operation's page, the response: each item gets its anchor id (lib/urls.ts
 *   `headerAnchor`: `response-200-header-x-request-id`) and a copy-link control
 */
export function HeadersTable({
  headers,
  resolve,
  label = 'Response headers',
  anchors,
}: {
  headers: readonly (readonly [string, HeaderObject])[];
  resolve?: RefResolver;
  label?: string;
  anchors?: { in: 'response'; status: number | string };
}) {
  return (
    <FieldList label={label}>
      {headers.map(([name, header]) => {
        const node = describeSchema(header.schema, { resolve, maxNodes: 20 });
        return (
          <FieldItem
            key={name}
            name={name}
            id={anchors ? headerAnchor(anchors.status, name) : undefined}
            linkLabel={name}
            head={
              <>
                <TypeFacts node={node} deprecated={header.deprecated} />
                <Marker>{header.required ? 'always' : 'sometimes'}</Marker>
                <ValueFacts node={node} example={header.example} />
              </>
            }
          >
            <DescriptionFacts node={node} description={header.description} />
          </FieldItem>
        );
      })}
    </FieldList>
  );
}
