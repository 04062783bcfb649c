import Link from 'next/link';
import type { ReactNode } from 'react';

import { CodeSample } from '@/components/code-sample';
import { MethodBadge } from '@/components/method-badge';
import type { Operation, RefResolver } from '@/lib/openapi';
import { prefetchFor } from '@/lib/prefetch';
import { consoleHref, PATHS } from '@/lib/urls';

import { Description } from './description';
import { MediaContent } from './media-content';
import { OperationErrors } from './operation-errors';
import { OperationSecurity } from './operation-security';
import { ParametersTable } from './parameters-table';
import { ResponseList } from './response-list';
import { Section } from './section';

/**
 * The reference page of one operation: method and path, description, authentication and scopes,
 * parameters, request body, responses, errors, code samples and a "Try it" link to the console.
 * @param props.operation a resolved operation from lib/openapi/ (of the AeThex document, resolved; or, with `resolve`, of any document built with `inlineSchemas: false`)
 * @param props.resolve resolves `$ref`s left in schemas and examples
 * @param props.samples the code samples section; defaults to lib/snippets' samples for the AeThex operation
 *   (they exist only for the AeThex document), `null` leaves the section out
 */
export function OperationView({
  operation,
  resolve,
  samples = <CodeSample operationId={operation.operationId} />,
}: {
  operation: Operation;
  resolve?: RefResolver;
  samples?: ReactNode;
}) {
  return (
    <article className="max-w-4xl">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{operation.tags.join(' · ')}</p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight">{operation.summary || operation.operationId}</h1>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <MethodBadge method={operation.method} />
        <code className="font-mono text-sm break-all">{operation.path}</code>
        <Link
          href={consoleHref(operation.operationId)}
          prefetch={prefetchFor(PATHS.console)}
          className="ml-auto rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 dark:bg-indigo-300 dark:text-zinc-950 dark:hover:bg-indigo-200"
        >
          Try it
        </Link>
      </div>
      <Description text={operation.description} className="mt-6" />
      <Section id="authentication" title="Authentication">
        <OperationSecurity security={operation.security} />
      </Section>
      {operation.parameters.length > 0 ? (
        <Section id="parameters" title="Parameters">
          <ParametersTable parameters={operation.parameters} resolve={resolve} anchors={{ in: 'param' }} />
        </Section>
      ) : null}
      {operation.requestBody ? (
        <Section id="request-body" title={`Request body${operation.requestBody.required ? ' (required)' : ''}`}>
          <Description text={operation.requestBody.description} />
          <MediaContent
            content={operation.requestBody.content}
            what="request"
            resolve={resolve}
            anchors={{ in: 'body' }}
          />
        </Section>
      ) : null}
      {samples === null ? null : (
        <Section id="code-samples" title="Code samples">
          {samples}
        </Section>
      )}
      <Section id="responses" title="Responses">
        <ResponseList responses={operation.responses} resolve={resolve} />
      </Section>
      {operation.errors.length > 0 ? (
        <Section id="errors" title="Errors">
          <OperationErrors errors={operation.errors} />
        </Section>
      ) : null}
    </article>
  );
}
