/** Widths of the skeleton's grey bars: a sidebar of links, then the paragraph lines of the introduction. */
const NAV_BARS = ['w-24', 'w-28', 'w-40', 'w-20', 'w-44', 'w-36', 'w-20', 'w-40', 'w-24', 'w-44', 'w-32'];
const TEXT_BARS = ['w-full', 'w-11/12', 'w-full', 'w-2/3'];

/** One grey placeholder bar. */
function Bar({ className }: { className: string }) {
  return <div className={`rounded bg-zinc-200 dark:bg-zinc-800 ${className}`} />;
}

/**
 * What the explorer page shows while Scalar's JavaScript downloads: a status line, then grey bars in Scalar's layout
 * (its sidebar from the `lg` breakpoint, its menu bar below that, the introduction, the request cards from `xl`), so
 * the page is not blank and changes little when Scalar replaces it. The status sits outside the `aria-busy` block:
 * assistive technologies may hold back announcements from inside a busy region. Nothing pulses when the reader
 * prefers reduced motion.
 */
export function ExplorerSkeleton() {
  return (
    <div>
      <p
        role="status"
        className="mx-auto flex max-w-7xl items-center gap-2 px-4 pt-2 pb-4 text-sm font-medium text-zinc-700 dark:text-zinc-300"
      >
        <span
          aria-hidden="true"
          className="size-2 rounded-full bg-indigo-600 motion-safe:animate-pulse dark:bg-indigo-400"
        />
        Loading the API explorer…
      </p>
      <div
        aria-busy="true"
        className="flex min-h-[calc(100vh-12rem)] border-t border-zinc-200 motion-safe:animate-pulse dark:border-zinc-800"
      >
        <div className="hidden w-[280px] shrink-0 space-y-4 border-r border-zinc-200 p-3 lg:block dark:border-zinc-800">
          <Bar className="mb-6 h-8 w-full" />
          {NAV_BARS.map((width, index) => (
            <Bar key={index} className={`h-3 ${width} ${index % 4 === 0 ? 'ml-2' : 'ml-6'}`} />
          ))}
        </div>
        <div className="flex min-w-0 flex-1 flex-col">
          {/* Scalar's bar with the menu button and the current section, below its sidebar breakpoint. */}
          <div className="flex h-12 items-center gap-3 border-b border-zinc-200 px-4 lg:hidden dark:border-zinc-800">
            <Bar className="h-3 w-4" />
            <Bar className="h-3 w-24" />
          </div>
          <div className="flex gap-12 px-6 py-10 lg:px-14">
            <div className="max-w-xl flex-1 space-y-4">
              <Bar className="h-5 w-28" />
              <Bar className="h-8 w-48" />
              <Bar className="mb-8 h-4 w-44" />
              {TEXT_BARS.map((width, index) => (
                <Bar key={index} className={`h-4 ${width}`} />
              ))}
              <Bar className="mt-8 h-6 w-32" />
              <Bar className="h-32 w-full" />
            </div>
            <div className="hidden w-[28rem] shrink-0 space-y-4 pt-16 xl:block">
              <Bar className="h-24 w-full" />
              <Bar className="h-64 w-full" />
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
