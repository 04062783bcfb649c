/**
 * "Last updated 30 November 2026", as a machine-readable `<time>`; formatted at build time in UTC
 * with a fixed locale so the static HTML is the same on every build machine.
 * @param props.iso ISO 8601 date-time (from lib/content/index.ts `lastUpdated()`)
 */
export function LastUpdated({ iso }: { iso: string }) {
  const text = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400">
      Last updated <time dateTime={iso}>{text}</time>
    </p>
  );
}
