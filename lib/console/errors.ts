/**
 * Maps an HTTP status to what the console says about it: the document's error table row
 * (label, hint, action) and the link to its entry on /reference/errors, or the meaning of a success.
 */
import { errorHref } from '../urls';
import type { ConsoleError, ConsoleOperation } from './types';

/** What the viewer shows for an error status. */
export interface ErrorHint extends ConsoleError {
  /** `/reference/errors#<status>` */
  readonly href: string;
}

/**
 * The error-table row for `status` with its reference link.
 * @returns undefined for statuses below 400 and statuses the table does not list.
 */
export function errorHint(status: number, table: readonly ConsoleError[]): ErrorHint | undefined {
  if (status < 400) return undefined;
  const row = table.find((entry) => entry.status === status);
  return row ? { ...row, href: errorHref(status) } : undefined;
}

/**
 * A one-line meaning of `status` for this operation: the document's response description, else the
 * error table's label, else the generic class (RFC 9110 §15).
 */
export function statusMeaning(
  status: number,
  operation: ConsoleOperation | undefined,
  table: readonly ConsoleError[],
): string {
  const documented = operation?.responses[String(status)];
  if (documented) return documented;
  const row = table.find((entry) => entry.status === status);
  if (row) return row.label;
  if (status >= 500) return 'Server error';
  if (status >= 400) return 'Client error';
  if (status >= 300) return 'Redirection';
  if (status >= 200) return 'Success';
  return 'Informational';
}
