import type { RefResolver, ResponseObject } from '@/lib/openapi';
import { findRepeats } from '@/lib/reference/response-groups';
import { responseAnchor } from '@/lib/urls';

import { Description } from './description';
import { HeadersTable } from './headers-table';
import { MediaContent } from './media-content';
import { SameAs } from './same-as';

/**
 * Every response of an operation, one section per status: description, headers table, then each
 * body's schema and examples. Headers or a body schema identical to an earlier status's are not
 * repeated: a line names them and links to that status (lib/reference/response-groups.ts).
 * @param props.responses status (`'200'`, `'4XX'`, `'default'`) → resolved Response Object
 * @param props.resolve resolves `$ref`s left in schemas and examples (models built with `inlineSchemas: false`)
 * @param props.examples show each body's examples (off where a side panel shows them)
 */
export function ResponseList({
  responses,
  resolve,
  examples = true,
}: {
  responses: Readonly<Record<string, ResponseObject>>;
  resolve?: RefResolver;
  examples?: boolean;
}) {
  const repeats = findRepeats(responses);
  return (
    <div className="space-y-8">
      {Object.entries(responses).map(([status, response]) => {
        const { headersAs, schemaAs } = repeats[status] ?? { schemaAs: {} };
        const headerNames = Object.keys(response.headers);
        return (
          <section key={status} aria-labelledby={responseAnchor(status)} data-response-entry className="space-y-3">
            <h3 id={responseAnchor(status)} className="flex items-baseline gap-2 text-lg font-semibold">
              <span
                className={`font-mono ${/^2/.test(status) ? 'text-emerald-800 dark:text-emerald-300' : 'text-rose-800 dark:text-rose-300'}`}
              >
                {status}
              </span>
            </h3>
            <Description text={response.description} />
            {headersAs !== undefined ? (
              <SameAs what="Headers" status={headersAs} names={headerNames} />
            ) : headerNames.length > 0 ? (
              <HeadersTable
                label={`Headers of the ${status} response`}
                headers={Object.entries(response.headers)}
                resolve={resolve}
                anchors={{ in: 'response', status }}
              />
            ) : null}
            {Object.keys(response.content).length > 0 ? (
              <MediaContent
                content={response.content}
                what={`${status} response`}
                resolve={resolve}
                schemaAs={schemaAs}
                examples={examples}
                anchors={{ in: 'response', status }}
              />
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
