const styles: Record<string, string> = {
  GET: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-300',
  POST: 'bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-300',
  PUT: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300',
  PATCH: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300',
  DELETE: 'bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-300',
};

/**
 * An HTTP method label (GET, POST, …) with a colour per method; text colours meet WCAG AA in both themes.
 * @param props.method the method, any case
 */
export function MethodBadge({ method }: { method: string }) {
  const upper = method.toUpperCase();
  return (
    <span
      className={`inline-block min-w-[3.25rem] rounded px-1.5 py-0.5 text-center font-mono text-[0.7rem] font-semibold ${styles[upper] ?? 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-200'}`}
    >
      {upper}
    </span>
  );
}
