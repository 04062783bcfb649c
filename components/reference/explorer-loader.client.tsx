'use client';

import dynamic from 'next/dynamic';
import { useLayoutEffect } from 'react';

import { captureDocument, reattach, restoreDocument } from '@/lib/reference/document-guard';
import type { ExplorerInput } from '@/lib/reference/explorer-config';

import { ExplorerSkeleton } from './explorer-skeleton';

// Scalar (and its stylesheet) load only here, only in the browser: no other route pays for it. Until its chunk
// arrives (the server-rendered HTML too) the page shows a skeleton of Scalar's layout.
const ScalarExplorer = dynamic(() => import('./scalar-explorer.client').then((module) => module.ScalarExplorer), {
  ssr: false,
  loading: () => <ExplorerSkeleton />,
});

/** Scalar's styles removed on the last unmount; its module injects some only once, at import. */
let parked: Element[] = [];

/**
 * Client boundary for the explorer: `next/dynamic` with `ssr: false` must be called from a client module.
 * It also keeps Scalar from leaking into other pages: the document is recorded before Scalar's chunk
 * is even imported (this layout effect commits with the loading fallback), and on unmount every
 * stylesheet, body class and inline style added since is removed (and put back on the next visit).
 * @param props facts from the OpenAPI document, passed through to the Scalar wrapper
 */
export function ExplorerLoader(props: ExplorerInput) {
  useLayoutEffect(() => {
    const snapshot = captureDocument();
    reattach(parked);
    parked = [];
    return () => {
      parked = restoreDocument(snapshot, ['dark', 'light']);
    };
  }, []);
  return <ScalarExplorer {...props} />;
}
