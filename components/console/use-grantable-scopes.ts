import { hasSandboxTools } from '@/lib/console/target';
import type { ConsoleData } from '@/lib/console/types';
import { SANDBOX_SCOPE } from '@/lib/sandbox/scope';

import { useConsole, useConsoleState } from './use-console';

/**
 * The scopes a token request of the console may ask for: the document's, plus the sandbox-only `sandbox:manage`
 * when the target is the sandbox (its controls and webhook emit need it).
 * @returns scope names with descriptions, document order first.
 */
export function useGrantableScopes(): ConsoleData['scopes'] {
  const { data } = useConsole();
  const target = useConsoleState((s) => s.target);
  return hasSandboxTools(target) ? [...data.scopes, { ...SANDBOX_SCOPE }] : data.scopes;
}
