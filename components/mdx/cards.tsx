import { Children, isValidElement, type ReactNode } from 'react';

import { CardGrid, type Card as CardData } from '@/components/card-grid';

/**
 * One card inside `<Cards>`: `<Card title="Pagination" href="/docs/pagination" description="…" />`.
 * It renders nothing on its own; `<Cards>` reads its props.
 */
export function Card(props: CardData): ReactNode {
  void props;
  return null;
}

/**
 * A card grid for MDX authors, built on components/card-grid.tsx.
 * @param props.children `<Card>` elements; anything else is ignored
 */
export function Cards({ children }: { children: ReactNode }) {
  const cards = Children.toArray(children)
    .filter((child): child is React.ReactElement<CardData> => isValidElement(child) && child.type === Card)
    .map((child) => ({ title: child.props.title, href: child.props.href, description: child.props.description }));
  return (
    <div className="not-prose my-6">
      <CardGrid cards={cards} />
    </div>
  );
}
