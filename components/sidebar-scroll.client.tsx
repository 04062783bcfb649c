'use client';

import { useLayoutEffect, useRef, type ReactNode } from 'react';

/** Where the sidebar's scroll offset survives page changes (this tab only; a number, nothing private). */
const STORAGE_KEY = 'aethex:sidebar-scroll';

/**
 * The sidebar's scroll container. Every page renders its own `DocsShell`, so the sidebar remounts on each
 * navigation and would jump back to the top: this restores the last offset before paint (a layout effect), then
 * brings the current page's link into view if it is outside (like `scrollIntoView({ block: 'nearest' })`, without
 * scrolling the window too). sessionStorage may be unavailable (storage disabled); the sidebar then starts at the top.
 * @param props.className classes of the scroll container (it must be the element that scrolls)
 * @param props.children the server-rendered sidebar links
 */
export function SidebarScroll({ className, children }: { className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    try {
      box.scrollTop = Number(sessionStorage.getItem(STORAGE_KEY)) || 0;
    } catch {}
    const current = box.querySelector('[aria-current="page"]')?.getBoundingClientRect();
    const visible = box.getBoundingClientRect();
    if (current && current.top < visible.top) box.scrollTop -= visible.top - current.top;
    else if (current && current.bottom > visible.bottom) box.scrollTop += current.bottom - visible.bottom;
    // Saved on scroll, not on unmount: by then the old page may be hidden, and a hidden box reads 0.
    const save = () => {
      if (box.clientHeight === 0) return;
      try {
        sessionStorage.setItem(STORAGE_KEY, String(Math.round(box.scrollTop)));
      } catch {}
    };
    box.addEventListener('scroll', save, { passive: true });
    return () => box.removeEventListener('scroll', save);
  }, []);
  return (
    <div ref={ref} className={className}>
      {children}
    </div>
  );
}
