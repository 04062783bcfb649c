'use client';

import { useEffect, useState } from 'react';

import { copyText } from '@/lib/clipboard';

/** The element the URL's fragment names, if any (a malformed percent-escape names none). */
function hashTarget(): HTMLElement | null {
  try {
    const id = decodeURIComponent(window.location.hash.slice(1));
    return id ? document.getElementById(id) : null;
  } catch {
    return null;
  }
}

/** Opens every closed `<details>` around the fragment's target; returns the target when one was closed. */
function revealTarget(): HTMLElement | null {
  const target = hashTarget();
  let opened = false;
  for (let element = target?.parentElement; element; element = element.parentElement) {
    if (element instanceof HTMLDetailsElement && !element.open) {
      element.open = true;
      opened = true;
    }
  }
  return opened ? target : null;
}

/**
 * The one client part of a reference page's field lists, rendered once per page: a click on a copy-link control
 * (`a[data-copy-link]`, FieldItem in field-list.tsx; caught by one delegated listener, so hundreds of fields
 * add no client components) puts the link's absolute URL on the clipboard, puts its fragment in the address bar
 * without scrolling, and says "Link copied" in a polite live region. A modified click (new tab, …) stays a link.
 * Also opens the closed `<details>` around a fragment's target where the browser does not and scrolls it into view:
 * Chromium reveals it itself on a document load and a hash change (checked in tests/e2e/reference-fields.spec.ts),
 * but not after a client-side navigation, and other engines may not at all.
 */
export function FieldLinks() {
  const [message, setMessage] = useState('');
  useEffect(() => {
    const onClick = async (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest('a[data-copy-link]') : null;
      const modified = event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
      if (!(link instanceof HTMLAnchorElement) || modified || event.defaultPrevented) return;
      event.preventDefault();
      window.history.replaceState(window.history.state, '', link.hash);
      setMessage(''); // a second copy of the same link is announced again
      setMessage((await copyText(link.href)) ? 'Link copied' : 'Copy failed: the link is in the address bar');
    };
    const onHash = () => revealTarget()?.scrollIntoView();
    onHash();
    document.addEventListener('click', onClick);
    window.addEventListener('hashchange', onHash);
    return () => {
      document.removeEventListener('click', onClick);
      window.removeEventListener('hashchange', onHash);
    };
  }, []);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(''), 2500);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <p role="status" aria-live="polite" className="sr-only">
      {message}
    </p>
  );
}
