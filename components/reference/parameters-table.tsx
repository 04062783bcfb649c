import { isRecord } from '@/lib/is-record';
import type { ParameterObject, RefResolver } from '@/lib/openapi';
import { describeSchema } from '@/lib/reference/schema';
import { parameterAnchors } from '@/lib/urls';

import { FieldItem, FieldList, Marker, Required } from './field-list';
import { DescriptionFacts, TypeFacts, ValueFacts } from './schema-facts';

/** A parameter's schema: `schema`, or (OpenAPI `content` form) the first media type's schema. */
function parameterSchema(parameter: ParameterObject): unknown {
  if (parameter.schema) return parameter.schema;
  const content = (parameter as { content?: unknown }).content;
  const first = isRecord(content) ? Object.values(content)[0] : undefined;
  return isRecord(first) ? first.schema : undefined;
}

/**
 * The parameters of an operation (path, query, header, cookie) as a compact list: per parameter its name,
 * type, location and "required" on one line, then default, allowed values, constraints, example and description.
 * @param props.parameters resolved Parameter Objects (their schemas may hold `$ref`s if `resolve` is given)
 * @param props.resolve resolves `$ref` strings inside schemas
 * @param props.anchors on an operation's page, `{ in: 'param' }`: each item gets its anchor id
 *   (lib/urls.ts `parameterAnchors`: `param-limit`, `param-x-request-id`) and a copy-link control
 */
export function ParametersTable({
  parameters,
  resolve,
  anchors,
}: {
  parameters: readonly ParameterObject[];
  resolve?: RefResolver;
  anchors?: { in: 'param' };
}) {
  const ids = anchors ? parameterAnchors(parameters) : [];
  return (
    <FieldList label="Parameters">
      {parameters.map((parameter, index) => {
        const node = describeSchema(parameterSchema(parameter), { resolve, maxNodes: 20 });
        return (
          <FieldItem
            key={`${parameter.in} ${parameter.name}`}
            name={parameter.name}
            id={ids[index]}
            linkLabel={parameter.name}
            head={
              <>
                <TypeFacts node={node} deprecated={parameter.deprecated} />
                <Marker>{parameter.in}</Marker>
                {parameter.required ? <Required /> : null}
                <ValueFacts node={node} example={parameter.example} />
              </>
            }
          >
            <DescriptionFacts node={node} description={parameter.description} />
          </FieldItem>
        );
      })}
    </FieldList>
  );
}
