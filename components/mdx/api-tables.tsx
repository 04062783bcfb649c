import Link from 'next/link';

import { listErrors, listOperations, listScopes, listWebhooks } from '@/lib/openapi';

/**
 * The public error table (`x-aethex-errors` via lib/openapi.ts): status (linking to
 * `/reference/errors#<status>`), when it happens, what to do, whether to retry.
 */
export function ErrorTable() {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">When</th>
          <th scope="col">What to do</th>
          <th scope="col">Retry?</th>
        </tr>
      </thead>
      <tbody>
        {listErrors().map((error) => (
          <tr key={error.status}>
            <td>
              <Link
                href={`/reference/errors#${error.status}`}
                className="font-medium text-indigo-700 underline dark:text-indigo-300"
              >
                {error.status}
              </Link>{' '}
              {error.label}
            </td>
            <td>{error.when}</td>
            <td>{error.action}</td>
            <td>{error.retryable ? 'Yes' : 'No'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every OAuth scope with its description and the operations that require it (lib/openapi.ts). */
export function ScopeTable() {
  const operations = listOperations();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Scope</th>
          <th scope="col">Grants</th>
          <th scope="col">Required by</th>
        </tr>
      </thead>
      <tbody>
        {listScopes().map((scope) => (
          <tr key={scope.name}>
            <td>
              <code>{scope.name}</code>
            </td>
            <td>{scope.description}</td>
            <td>
              {operations
                .filter((operation) => operation.scopes.includes(scope.name))
                .map((operation) => (
                  <Link
                    key={operation.operationId}
                    href={`/reference/${operation.operationId}`}
                    className="mr-2 text-indigo-700 underline dark:text-indigo-300"
                  >
                    <code>{operation.operationId}</code>
                  </Link>
                ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The webhook events of the OpenAPI document's `webhooks` section, each linking to its reference page. */
export function WebhookEventList() {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Sent when</th>
        </tr>
      </thead>
      <tbody>
        {listWebhooks().map((webhook) => (
          <tr key={webhook.event}>
            <td>
              <Link
                href={`/reference/webhooks/${webhook.event}`}
                className="text-indigo-700 underline dark:text-indigo-300"
              >
                <code>{webhook.event}</code>
              </Link>
            </td>
            <td>{webhook.summary}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
