import { CodeTabs } from '@/components/code-tabs.client';
import { operationTabs } from '@/components/sample-tabs';
import { getOperation } from '@/lib/openapi';

/**
 * `<CodeSample operationId="listProjects" />` for MDX authors: the operation's request in the six
 * sample languages (lib/snippets, generated from the OpenAPI document's examples), highlighted on
 * the server, in language tabs synced site-wide, with the filled variant for the tab's sandbox app.
 * @throws Error when the operationId does not exist (fails the build; lib/content/index.ts names the guide)
 */
export async function OperationSample({ operationId }: { operationId: string }) {
  const operation = getOperation(operationId);
  if (!operation)
    throw new Error(`<CodeSample operationId="${operationId}">: no such operation in the OpenAPI document`);
  return <CodeTabs tabs={await operationTabs(operationId)} title={`${operation.method} ${operation.path}`} />;
}
