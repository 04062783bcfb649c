import Link from 'next/link';
import type { ReactNode } from 'react';

import { CodeSample } from '@/components/code-sample';
import { MethodBadge } from '@/components/method-badge';
import { PageMenu } from '@/components/page-menu';
import type { Operation, RefResolver } from '@/lib/openapi';
import { prefetchFor } from '@/lib/prefetch';
import { consoleHref, operationHref, PATHS } from '@/lib/urls';

import { Description } from './description';
import { MediaContent } from './media-content';
import { OperationErrors } from './operation-errors';
import { OperationPanel } from './operation-panel';
import { OperationSecurity } from './operation-security';
import { ParametersTable } from './parameters-table';
import { ResponseList } from './response-list';
import { Section } from './section';
import { TwoPane } from './two-pane';

/**
 * The reference page of one operation, in two panes (components/reference/two-pane.tsx): on the left the method
 * and path, description, authentication and scopes, parameters, request body, the success responses in full and
 * the errors as one compact list; on the right the request sample and a response example for every documented
 * status, in view while the left pane scrolls. A "Try it" link opens the console on this operation.
 * @param props.operation a resolved operation from lib/openapi/ (of the AeThex document, resolved; or, with `resolve`, of any document built with `inlineSchemas: false`)
 * @param props.resolve resolves `$ref`s left in schemas and examples
 * @param props.samples the request sample; defaults to lib/snippets' samples for the AeThex operation
 *   (they exist only for the AeThex document), `null` leaves it out
 * @param props.menu the page menu (Copy / View as Markdown); defaults to the AeThex operation's, whose Markdown twin
 *   exists only for the AeThex document; `null` leaves it out
 */
export function OperationView({
  operation,
  resolve,
  samples = <CodeSample operationId={operation.operationId} />,
  menu = <PageMenu href={operationHref(operation.operationId)} className="mt-3" />,
}: {
  operation: Operation;
  resolve?: RefResolver;
  samples?: ReactNode;
  menu?: ReactNode;
}) {
  const errorStatuses = new Set(operation.errors.map((error) => String(error.status)));
  const responses = Object.fromEntries(
    Object.entries(operation.responses).filter(([status]) => !errorStatuses.has(status)),
  );
  return (
    <TwoPane
      intro={<OperationIntro operation={operation} menu={menu} />}
      panel={<OperationPanel operation={operation} samples={samples} resolve={resolve} />}
      panelLabel="Request and response examples"
    >
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
            examples={samples === null}
            anchors={{ in: 'body' }}
          />
        </Section>
      ) : null}
      <Section id="responses" title="Responses">
        <ResponseList responses={responses} resolve={resolve} examples={false} />
      </Section>
      {operation.errors.length > 0 ? (
        <Section id="errors" title="Errors">
          <OperationErrors errors={operation.errors} resolve={resolve} operationId={operation.operationId} />
        </Section>
      ) : null}
    </TwoPane>
  );
}

/** Tag, summary, the page menu, method badge, path, the "Try it" link and the description. */
function OperationIntro({ operation, menu }: { operation: Operation; menu: ReactNode }) {
  return (
    <>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{operation.tags.join(' · ')}</p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight">{operation.summary || operation.operationId}</h1>
      {menu}
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
    </>
  );
}
