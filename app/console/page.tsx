import type { Metadata } from 'next';

import { ConsoleApp } from '@/components/console/console-app.client';
import { PageMenu } from '@/components/page-menu';
import { consoleData } from '@/lib/console/data';
import { markdownAlternate, PAGE_META } from '@/lib/page-meta';
import { PATHS } from '@/lib/urls';

export const metadata: Metadata = { ...PAGE_META.console, ...markdownAlternate(PATHS.console) };

/** Static shell: the document-derived data goes to the client console as plain props. */
export default function Page() {
  const data = consoleData();
  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-8">
      <h1 className="text-3xl font-bold tracking-tight">Console</h1>
      <PageMenu href={PATHS.console} className="mt-3" />
      <p className="mt-2 max-w-3xl text-zinc-700 dark:text-zinc-300">
        Get a token, send any operation of the AeThex API to the built-in sandbox (or production, or your own URL), and
        see every response header, with rate limits, request IDs and pagination made obvious. A sandbox app and its
        token are kept for this tab; any other token stays in the page&apos;s memory.
      </p>
      <div className="mt-6">
        <ConsoleApp data={data} />
      </div>
    </div>
  );
}
