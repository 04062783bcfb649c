import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { FieldLinks } from '@/components/reference/field-links.client';
import { OperationView } from '@/components/reference/operation-view';
import { DocsShell } from '@/components/sidebar';
import { getOperation } from '@/lib/openapi';
import { markdownAlternate } from '@/lib/page-meta';
import { operationParams } from '@/lib/reference/routes';
import { operationHref } from '@/lib/urls';

export const dynamicParams = false;

/** One page per operation of the OpenAPI document. */
export function generateStaticParams() {
  return operationParams();
}

type Props = { params: Promise<{ operationId: string }> };

/** Title: the operation's summary; description: method and path. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const operation = getOperation((await params).operationId);
  if (!operation) return {};
  return {
    title: operation.summary,
    description: `${operation.method} ${operation.path}: ${operation.summary}. Parameters, responses, errors and code samples.`,
    ...markdownAlternate(operationHref(operation.operationId)),
  };
}

/** The reference page of one operation. */
export default async function Page({ params }: Props) {
  const operation = getOperation((await params).operationId);
  if (!operation) notFound();
  return (
    <DocsShell>
      <OperationView operation={operation} />
      <FieldLinks />
    </DocsShell>
  );
}
