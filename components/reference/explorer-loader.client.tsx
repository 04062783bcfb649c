'use client';

import dynamic from 'next/dynamic';
import type { ExplorerInput } from '@/lib/reference/explorer-config';

// Scalar (and its stylesheet) load only here, only in the browser: no other route pays for it.
const ScalarExplorer = dynamic(() => import('./scalar-explorer.client').then((module) => module.ScalarExplorer), {
  ssr: false,
  loading: () => <p className="px-4 py-8 text-zinc-700 dark:text-zinc-300">Loading the explorer…</p>,
});

/**
 * Client boundary for the explorer: `next/dynamic` with `ssr: false` must be called from a client module.
 * @param props facts from the OpenAPI document, passed through to the Scalar wrapper
 */
export function ExplorerLoader(props: ExplorerInput) {
  return <ScalarExplorer {...props} />;
}
