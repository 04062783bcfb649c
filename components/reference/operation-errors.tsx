import Link from 'next/link';

import type { OperationError, RefResolver } from '@/lib/openapi';
import { mediaExamples, toJsonText } from '@/lib/reference/examples';
import { isSharedBody, sharedErrorBody, type SharedErrorBody } from '@/lib/reference/response-groups';
import { errorHref, responseAnchor } from '@/lib/urls';

import { CodeExample } from './code-example';
import { Description } from './description';
import { HeadersTable } from './headers-table';
import { SchemaView } from './schema-table';

/**
 * The error statuses of an operation as one compact list. Each entry shows the status and label (linked to its
 * entry on the errors page), when it happens and the hint, from the error table of the operation's own document
 * (`Operation.errors`; a status the table lacks shows the response's description); its headers and example body
 * fold into a `<details>`. The body schema most errors share (the RFC 9457 problem) is shown once, above the list;
 * an entry repeats a schema only when its own differs. Entries keep the `#response-{status}` anchors.
 * @param props.errors the operation's `errors`, ascending by status
 * @param props.resolve resolves `$ref`s left in schemas and examples (models built with `inlineSchemas: false`)
 * @param props.operationId the operation shown: examples written for other operations are left out
 */
export function OperationErrors({
  errors,
  resolve,
  operationId,
}: {
  errors: readonly OperationError[];
  resolve?: RefResolver;
  operationId?: string;
}) {
  const shared = sharedErrorBody(errors.map(({ response }) => response.content));
  return (
    <div className="space-y-3">
      {shared ? (
        <details className="rounded-md border border-zinc-200 dark:border-zinc-800">
          <summary className="cursor-pointer px-3 py-2 text-sm">
            Every error below answers with <code className="font-mono text-xs">{shared.mediaType}</code>: show its
            fields
          </summary>
          <div className="px-3 pb-3">
            <SchemaView schema={shared.schema} resolve={resolve} />
          </div>
        </details>
      ) : null}
      <ul className="divide-y divide-zinc-200 border-y border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {errors.map(({ status, response, error }) => (
          <li
            key={status}
            id={responseAnchor(status)}
            data-response-entry
            className="scroll-mt-20 space-y-1 py-3 text-sm"
          >
            <Link
              href={errorHref(status)}
              className="inline-flex min-h-6 items-center font-medium text-rose-800 underline dark:text-rose-300"
            >
              {status} {error?.label ?? ''}
            </Link>
            <p className="text-zinc-700 dark:text-zinc-300">
              {error ? `${error.when} ${error.hint}` : response.description}
            </p>
            <ErrorDetails
              status={status}
              response={response}
              shared={shared}
              resolve={resolve}
              operationId={operationId}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The folded part of an error entry: its headers, its body schema when it is not the shared one, its example. */
function ErrorDetails({
  status,
  response,
  shared,
  resolve,
  operationId,
}: {
  status: number;
  response: OperationError['response'];
  shared: SharedErrorBody | undefined;
  resolve?: RefResolver;
  operationId?: string;
}) {
  const headers = Object.entries(response.headers);
  const bodies = Object.entries(response.content);
  if (headers.length === 0 && bodies.length === 0) return null;
  return (
    <details>
      <summary className="min-h-6 cursor-pointer py-0.5 text-xs text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
        Headers and example body
      </summary>
      <div className="space-y-3 pt-2">
        {headers.length > 0 ? (
          <HeadersTable label={`Headers of the ${status} response`} headers={headers} resolve={resolve} />
        ) : null}
        {bodies.map(([mediaType, media]) => (
          <div key={mediaType} className="space-y-2">
            {isSharedBody(shared, mediaType, media) ? null : (
              <>
                <Description text={`Body (\`${mediaType}\`):`} />
                <SchemaView schema={media.schema} resolve={resolve} />
              </>
            )}
            {mediaExamples(media, resolve, operationId).map((example) => (
              <CodeExample
                key={example.name}
                code={toJsonText(example.value)}
                lang={/json/.test(mediaType) ? 'json' : 'text'}
                label={`Example ${status} response body: ${example.summary ?? example.name}`}
              />
            ))}
          </div>
        ))}
      </div>
    </details>
  );
}
