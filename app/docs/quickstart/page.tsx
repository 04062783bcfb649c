import type { Metadata } from 'next';
import { DocsShell } from '@/components/sidebar';

export const metadata: Metadata = { title: 'Quickstart' };

/** Placeholder until its issue lands; replaced by the real page. */
export default function Page() {
  return (
    <DocsShell>
      <h1 className="text-3xl font-bold tracking-tight">Quickstart</h1>
      <p className="mt-4 text-zinc-700 dark:text-zinc-300">The quickstart guide is on its way.</p>
    </DocsShell>
  );
}
