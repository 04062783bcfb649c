'use client';

import { useEffect, useState } from 'react';

/** A table-of-contents entry (lib/content/index.ts `Heading`). */
export type TocEntry = { depth: 2 | 3; id: string; text: string };

/**
 * "On this page": links to the guide's h2/h3 headings; the heading being read is highlighted and
 * marked `aria-current="location"`. An IntersectionObserver watches the headings: the active one is
 * the last heading that has scrolled above the upper third of the viewport (or the one the URL
 * hash names, while it is in that third).
 * @param props.headings the page's headings in document order
 */
export function TableOfContents({ headings }: { headings: readonly TocEntry[] }) {
  const [active, setActive] = useState<string | undefined>(headings[0]?.id);

  useEffect(() => {
    const elements = headings.map((h) => document.getElementById(h.id)).filter((e): e is HTMLElement => e !== null);
    const pick = () => {
      const line = window.innerHeight / 3;
      let current = elements[0]?.id;
      for (const element of elements) if (element.getBoundingClientRect().top <= line) current = element.id;
      // A heading reached through its link stays current while it sits in the upper third, even
      // when later short sections also fit above the line (e.g. at the bottom of the page).
      const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      const top = target?.getBoundingClientRect().top;
      if (target && top !== undefined && top >= -1 && top <= line && elements.includes(target)) current = target.id;
      setActive(current);
    };
    const observer = new IntersectionObserver(pick, { rootMargin: '0px 0px -66% 0px', threshold: [0, 1] });
    elements.forEach((element) => observer.observe(element));
    const fromHash = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      if (headings.some((h) => h.id === id)) setActive(id);
    };
    fromHash();
    window.addEventListener('hashchange', fromHash);
    return () => {
      observer.disconnect();
      window.removeEventListener('hashchange', fromHash);
    };
  }, [headings]);

  if (headings.length === 0) return null;
  return (
    <nav aria-label="On this page" className="text-sm">
      <p className="mb-2 font-semibold text-zinc-900 dark:text-zinc-100">On this page</p>
      <ul className="space-y-1 border-l border-zinc-200 dark:border-zinc-800">
        {headings.map((heading) => (
          <li key={heading.id}>
            <a
              href={`#${heading.id}`}
              onClick={() => setActive(heading.id)}
              aria-current={active === heading.id ? 'location' : undefined}
              className={`-ml-px block border-l-2 py-0.5 ${heading.depth === 3 ? 'pl-6' : 'pl-3'} ${
                active === heading.id
                  ? 'border-indigo-600 font-medium text-indigo-800 dark:border-indigo-300 dark:text-indigo-200'
                  : 'border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white'
              }`}
            >
              {heading.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
