import Link from 'next/link';

import { MethodBadge } from '@/components/method-badge';
import { getOperation } from '@/lib/openapi';
import { operationHref } from '@/lib/urls';

/**
 * An inline link to an operation's reference page showing its method and path, both read from the
 * OpenAPI document: `<OperationLink id="listProjects" />` → GET /v1/projects.
 * @param props.id an operationId of the API (read from the model)
 * @throws Error when the operationId does not exist, which fails the static build (lib/content/index.ts
 *   also checks this at compile time, naming the guide and line)
 */
export function OperationLink({ id }: { id: string }) {
  const operation = getOperation(id);
  if (!operation)
    throw new Error(`<OperationLink id="${id}">: no operation with this operationId in the OpenAPI document`);
  return (
    <Link
      href={operationHref(operation.operationId)}
      className="inline-flex items-baseline gap-1.5 rounded border border-zinc-200 px-1.5 py-0.5 align-baseline no-underline hover:border-indigo-400 dark:border-zinc-700"
    >
      <MethodBadge method={operation.method} />
      <code className="font-mono text-[0.85em] text-zinc-900 dark:text-zinc-100">{operation.path}</code>
    </Link>
  );
}
