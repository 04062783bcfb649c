import type { ReactNode } from 'react';

import { highlight } from '@/lib/highlight';
import { LANGUAGES, sampleForRequest, type SampleOptions, type SampleRequest } from '@/lib/snippets';

import { CodeTabs, type CodeTab } from './code-tabs.client';
import { operationTabs } from './sample-tabs';

type CodeSampleProps = { title?: ReactNode } & (
  | { operationId: string; request?: never; options?: never }
  | { request: SampleRequest; options?: SampleOptions; operationId?: never }
);

/**
 * Runnable samples in the six languages (lib/snippets), highlighted on the server (lib/highlight)
 * and shown in the site-wide language tabs with a copy button.
 * @param props.operationId an operation of the OpenAPI document: its documented example request, with the filled
 *   variant the tab's sandbox app fills in (components/sample-tabs.ts)
 * @param props.request or one concrete request (lib/snippets/types.ts `SampleRequest`); `options` (SampleOptions) embeds values
 * @param props.title optional heading shown left of the tabs (defaults to "Request")
 * @throws Error for an unknown operationId (fails the build, as a broken page should)
 */
export async function CodeSample(props: CodeSampleProps) {
  const tabs: CodeTab[] = props.request
    ? await Promise.all(
        LANGUAGES.map(async ({ id, label, shiki }) => {
          const source = sampleForRequest(props.request, id, props.options);
          return { id, label, source, html: await highlight(source, shiki) };
        }),
      )
    : await operationTabs(props.operationId);
  return <CodeTabs tabs={tabs} title={props.title ?? 'Request'} />;
}
