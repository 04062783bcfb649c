import { responseAnchor } from '@/lib/urls';

/**
 * One line saying a part of this response is identical to an earlier response's, with a link to it
 * (`#response-{status}`, the anchor ResponseList gives each status) instead of a repeated table.
 * @param props.what what repeats, e.g. "Headers" or "Body schema"
 * @param props.status the earlier status that shows it in full, e.g. `'400'`
 * @param props.names optional names to list (header names), so the reader still sees what is sent
 */
export function SameAs({ what, status, names = [] }: { what: string; status: string; names?: readonly string[] }) {
  return (
    <p className="text-sm text-zinc-700 dark:text-zinc-300">
      {what}: same as the{' '}
      <a href={`#${responseAnchor(status)}`} className="text-indigo-700 underline dark:text-indigo-300">
        {status} response
      </a>
      {names.length > 0 ? (
        <>
          {' '}
          (<span className="font-mono text-xs">{names.join(', ')}</span>)
        </>
      ) : null}
      .
    </p>
  );
}
