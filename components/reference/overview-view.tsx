import { CodeSample } from '@/components/code-sample';
import { PageMenu } from '@/components/page-menu';
import { apiModel, listOperations, type Operation } from '@/lib/openapi';
import { overviewSections } from '@/lib/reference/overview';
import { PATHS } from '@/lib/urls';

import { AuthTables, ServersTable } from './auth-overview';
import { Description } from './description';
import { HeadersTable } from './headers-table';
import { OperationPanel } from './operation-panel';
import { ParametersTable } from './parameters-table';
import { ErrorIndex, OperationIndex, WebhookIndex } from './reference-index';
import { Section } from './section';
import { TwoPane } from './two-pane';

/** Sections of `info.description` replaced by generated tables, or shown on their own pages. */
const GENERATED = new Set(['base-urls', 'authentication', 'webhook-signing', 'errors']);

/**
 * The reference overview, in two panes (a first call, its request sample and success response, on the right):
 * base URLs, authentication and scopes, request and response headers, the
 * remaining sections of the document's description (pagination, rate limits, idempotency, …) and an
 * index of every operation, webhook event and error code.
 */
export function OverviewView() {
  const { summary, intro, sections } = overviewSections();
  const auth = sections.find((section) => section.slug === 'authentication');
  const { requestHeaders, responseHeaders } = apiModel();
  const first = firstCall();
  return (
    <TwoPane
      intro={
        <>
          <h1 className="text-3xl font-bold tracking-tight">API reference</h1>
          <PageMenu href={PATHS.reference} className="mt-3" />
          <p className="mt-3 text-lg text-zinc-700 dark:text-zinc-300">{summary}</p>
          <Description text={intro} className="mt-4" />
        </>
      }
      panel={
        first ? (
          <OperationPanel
            operation={first}
            samples={<CodeSample operationId={first.operationId} title={`First call: ${first.navTitle}`} />}
            successOnly
          />
        ) : null
      }
      panelLabel="A first call"
      beside="intro"
    >
      <Section id="operations" title="Operations">
        <OperationIndex />
      </Section>
      <Section id="base-urls" title="Base URLs">
        <ServersTable />
      </Section>
      <Section id="authentication" title="Authentication and scopes">
        <Description text={auth?.body} />
        <AuthTables />
      </Section>
      <Section id="headers" title="Headers">
        <h3 className="font-semibold">Request headers</h3>
        <ParametersTable parameters={requestHeaders} />
        <h3 className="font-semibold">Response headers</h3>
        <HeadersTable headers={responseHeaders.map(({ name, header }) => [name, header] as const)} />
      </Section>
      {sections
        .filter((section) => !GENERATED.has(section.slug))
        .map((section) => (
          <Section key={section.slug} id={section.slug} title={section.title}>
            <Description text={section.body} />
          </Section>
        ))}
      <Section id="webhooks" title="Webhook events">
        <WebhookIndex />
      </Section>
      <Section id="errors" title="Errors">
        <Description text={sections.find((section) => section.slug === 'errors')?.body} />
        <ErrorIndex />
      </Section>
    </TwoPane>
  );
}

/** The call the overview shows first: the first read (GET) that takes a bearer token, else the first operation. */
function firstCall(): Operation | undefined {
  const operations = listOperations();
  return (
    operations.find((operation) => operation.method === 'GET' && operation.credential === 'bearer') ?? operations[0]
  );
}
