'use client';

import '@/lib/reference/zod-jitless';
import '@scalar/api-reference-react/style.css';
import { ApiReferenceReact } from '@scalar/api-reference-react';
import { useTheme } from 'next-themes';
import { useLayoutEffect, useMemo, useState } from 'react';
import { captureDocument, restoreDocument } from '@/lib/reference/document-guard';
import { explorerConfiguration, type ExplorerInput } from '@/lib/reference/explorer-config';

/**
 * The Scalar API reference, configured to talk to this origin only (no fonts CDN, agent, telemetry or
 * proxy), sandbox server first, OAuth flows pointing at the sandbox, dark mode following the site.
 * On unmount it removes the styles, body classes and inline styles Scalar added, so they do not leak
 * into the next page of a client-side navigation.
 * @param props server-computed facts from the OpenAPI document (servers, OAuth scheme name)
 */
export function ScalarExplorer(props: ExplorerInput) {
  const { resolvedTheme } = useTheme();
  // Loaded with ssr: false, so `window` exists on the first render.
  const [origin] = useState(() => window.location.origin);
  // Layout effects run before the child's passive effect that mounts Scalar, so the snapshot is clean.
  useLayoutEffect(() => {
    const snapshot = captureDocument();
    return () => void restoreDocument(snapshot, ['dark', 'light']);
  }, []);
  const configuration = useMemo(() => explorerConfiguration(props, origin, resolvedTheme === 'dark'), [props, origin, resolvedTheme]);
  return <ApiReferenceReact configuration={configuration} />;
}
