import { Prose } from '@/components/docs/prose';
import { ScopeTable } from '@/components/mdx/api-tables';
import { listServers } from '@/lib/openapi';
import { schemeSummaries } from '@/lib/reference/overview';

import { Description } from './description';
import { ValueTable } from './value-table';

/** The servers of the document (production, sandbox) as a table. */
export function ServersTable() {
  const rows = listServers().map((server) => [server.url, server.description]);
  return <ValueTable label="Base URLs" columns={['Base URL', 'Server']} rows={rows} />;
}

/**
 * The security schemes, then every OAuth scope with the operations that require it. The scope table is the one
 * the guides embed (`<ScopeTable />`, built once as mdast), in the guides' typography so both pages show it alike.
 */
export function AuthTables() {
  const schemes = schemeSummaries().map((scheme) => [
    scheme.name,
    scheme.type,
    <Description key="d" text={scheme.description} />,
  ]);
  return (
    <div className="space-y-6">
      <h3 className="font-semibold">Security schemes</h3>
      <ValueTable label="Security schemes" columns={['Scheme', 'Type', 'Description']} rows={schemes} />
      <h3 className="font-semibold">Scopes</h3>
      <Prose>
        <ScopeTable />
      </Prose>
    </div>
  );
}
