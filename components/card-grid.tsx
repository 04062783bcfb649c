import Link from 'next/link';
import type { ReactNode } from 'react';

import { prefetchFor } from '@/lib/prefetch';

/** One card: a title, a sentence and where it leads. */
export type Card = { title: string; href: string; description: string; icon?: ReactNode };

/**
 * A responsive grid of link cards (one column on phones, up to three on wide screens).
 * @param props.cards the cards, in order
 */
export function CardGrid({ cards }: { cards: Card[] }) {
  return (
    <ul className="my-0! grid list-none! gap-4 pl-0! sm:grid-cols-2 lg:grid-cols-3">
      {cards.map((card) => (
        <li key={card.href}>
          <Link
            href={card.href}
            prefetch={prefetchFor(card.href)}
            className="group block h-full rounded-xl border border-zinc-200 p-5 transition hover:border-indigo-400 hover:shadow-sm dark:border-zinc-800 dark:hover:border-indigo-500"
          >
            <h3 className="font-semibold text-zinc-900 group-hover:text-indigo-700 dark:text-zinc-50 dark:group-hover:text-indigo-300">
              {card.title} <span aria-hidden="true">→</span>
            </h3>
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{card.description}</p>
          </Link>
        </li>
      ))}
    </ul>
  );
}
