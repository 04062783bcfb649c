import { CodeTabs } from '@/components/code-tabs.client';
import { getOperation } from '@/lib/openapi';
import { LANGUAGES, samplesForOperation } from '@/lib/snippets';

import { toCodeTabs } from './tabs';

/**
 * `<CodeSample operationId="listProjects" />` for MDX authors: the operation's request in the six
 * sample languages (lib/snippets, generated from the OpenAPI document's examples), highlighted on
 * the server, in language tabs synced site-wide.
 * @throws Error when the operationId does not exist (fails the build; lib/content/index.ts names the guide)
 */
export async function OperationSample({ operationId }: { operationId: string }) {
  const operation = getOperation(operationId);
  if (!operation)
    throw new Error(`<CodeSample operationId="${operationId}">: no such operation in the OpenAPI document`);
  const samples = samplesForOperation(operationId);
  const tabs = await toCodeTabs(
    LANGUAGES.map((language) => ({ id: language.id, code: samples[language.id], lang: language.shiki })),
  );
  return <CodeTabs tabs={tabs} title={`${operation.method} ${operation.path}`} />;
}
