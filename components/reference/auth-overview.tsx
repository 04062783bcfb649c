import Link from 'next/link';

import { listServers } from '@/lib/openapi';
import { scopeUsage, securitySchemes } from '@/lib/reference/overview';
import { operationHref } from '@/lib/urls';

import { Description } from './description';
import { ValueTable } from './value-table';

/** The servers of the document (production, sandbox) as a table. */
export function ServersTable() {
  const rows = listServers().map((server) => [server.url, server.description]);
  return <ValueTable label="Base URLs" columns={['Base URL', 'Server']} rows={rows} />;
}

/** The security schemes, then every OAuth scope with the operations that require it. */
export function AuthTables() {
  const schemes = securitySchemes().map((scheme) => [
    scheme.name,
    scheme.type,
    <Description key="d" text={scheme.description} />,
  ]);
  const scopes = scopeUsage().map((scope) => [
    scope.name,
    scope.description,
    scope.operationIds.length === 0
      ? '—'
      : scope.operationIds.map((id, index) => (
          <span key={id}>
            {index > 0 ? ', ' : null}
            <Link href={operationHref(id)} className="font-mono text-xs text-indigo-700 underline dark:text-indigo-300">
              {id}
            </Link>
          </span>
        )),
  ]);
  return (
    <div className="space-y-6">
      <h3 className="font-semibold">Security schemes</h3>
      <ValueTable label="Security schemes" columns={['Scheme', 'Type', 'Description']} rows={schemes} />
      <h3 className="font-semibold">Scopes</h3>
      <ValueTable label="OAuth scopes" columns={['Scope', 'Grants', 'Required by']} rows={scopes} />
    </div>
  );
}
