import { useMemo } from 'react';

import { sampleFillFor, type SampleFill } from '@/lib/sandbox-session';

import { usePlaceholderChoice, useSandboxSession } from './use-sandbox-session';

/**
 * What code samples show for this tab: `fill` (the sandbox app's values, undefined without an app) and whether the
 * reader chose placeholders anyway. Both are "no app, no choice" on the server and during hydration.
 */
export function useSampleFill(): { fill: SampleFill | undefined; placeholders: boolean } {
  const session = useSandboxSession();
  const placeholders = usePlaceholderChoice();
  const fill = useMemo(() => sampleFillFor(session), [session]);
  return { fill, placeholders };
}
