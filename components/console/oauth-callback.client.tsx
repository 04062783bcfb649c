'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

import { acceptToken } from '@/lib/console/actions';
import { CALLBACK_MESSAGE, completeAuthorization, describeOAuthError } from '@/lib/console/oauth';
import { consoleStore, initialState } from '@/lib/console/store';
import { PATHS } from '@/lib/urls';

let handled = false;

function sameOriginOpener(): Window | undefined {
  try {
    return window.opener && (window.opener as Window).location.origin === window.location.origin
      ? (window.opener as Window)
      : undefined;
  } catch {
    return undefined; // a cross-origin opener throws on .location access
  }
}

/**
 * Finishes the authorization code grant on /console/callback. In a popup it hands the callback URL
 * (code + state, never a token) to the opening console with postMessage (targetOrigin = own origin) and
 * closes; the console holds the PKCE verifier and exchanges the code. In the same tab it exchanges the
 * code itself and soft-navigates back to /console, so the token stays in memory.
 */
export function OAuthCallback() {
  const router = useRouter();
  const [message, setMessage] = useState('Finishing the authorization…');
  useEffect(() => {
    if (handled) return;
    handled = true;
    // The code is single-use but must not linger in the address bar, history or a later Referer
    // (RFC 9700 §4.2.4): strip the query whatever the outcome. Deferred one task: this child effect runs
    // before the app router's own mount effect, which would otherwise write its URL (with the code) back;
    // a null state goes through the router's replaceState patch, so its canonical URL loses the code too.
    const callbackUrl = window.location.href;
    setTimeout(() => {
      if (window.location.search) window.history.replaceState(null, '', window.location.pathname);
    }, 0);
    const opener = sameOriginOpener();
    if (opener) {
      opener.postMessage({ type: CALLBACK_MESSAGE, url: callbackUrl }, window.location.origin);
      window.close();
      return;
    }
    const store = consoleStore(() => initialState('', ''));
    completeAuthorization(callbackUrl, sessionStorage)
      .then((token) => {
        acceptToken(store, token);
        router.replace(PATHS.console);
      })
      .catch(async (error: unknown) => setMessage(`Authorization failed: ${await describeOAuthError(error)}`));
  }, [router]);
  return (
    <p role="status" className="mt-4">
      {message}{' '}
      <a className="underline" href={PATHS.console}>
        Back to the console
      </a>
    </p>
  );
}
