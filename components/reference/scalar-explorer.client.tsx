'use client';

import '@/lib/reference/zod-jitless';
import '@scalar/api-reference-react/style.css';

import { ApiReferenceReact } from '@scalar/api-reference-react';
import { useTheme } from 'next-themes';
import { useMemo, useState } from 'react';

import { explorerConfiguration, type ExplorerInput } from '@/lib/reference/explorer-config';

/**
 * The Scalar API reference, configured to talk to this origin only (no fonts CDN, agent, telemetry or
 * proxy), sandbox server first, OAuth flows pointing at the sandbox, dark mode following the site.
 * Its leaks (styles, body classes) are cleaned up by the loader, explorer-loader.client.tsx.
 * @param props server-computed facts from the OpenAPI document (servers, OAuth scheme name)
 */
export function ScalarExplorer(props: ExplorerInput) {
  const { resolvedTheme } = useTheme();
  // Loaded with ssr: false, so `window` exists on the first render.
  const [origin] = useState(() => window.location.origin);
  const configuration = useMemo(
    () => explorerConfiguration(props, origin, resolvedTheme === 'dark'),
    [props, origin, resolvedTheme],
  );
  return <ApiReferenceReact configuration={configuration} />;
}
