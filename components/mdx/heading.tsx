import type { ComponentPropsWithoutRef } from 'react';

type HeadingProps = ComponentPropsWithoutRef<'h2'>;

function anchored(Tag: 'h2' | 'h3', className: string) {
  /** A guide heading with a "#" permalink beside it (visible on hover and keyboard focus). */
  function Heading({ id, children, ...rest }: HeadingProps) {
    return (
      <Tag id={id} {...rest} className={`group scroll-mt-20 ${className}`}>
        {children}
        {id ? (
          <a
            href={`#${id}`}
            className="ml-2 text-indigo-700 no-underline opacity-0 group-hover:opacity-100 focus:opacity-100 dark:text-indigo-300"
            aria-label={`Link to this section`}
          >
            #
          </a>
        ) : null}
      </Tag>
    );
  }
  return Heading;
}

/** h2 for MDX: ids come from rehype-slug in lib/content/index.ts. */
export const H2 = anchored('h2', 'mt-12 mb-4 text-2xl font-semibold tracking-tight');
/** h3 for MDX. */
export const H3 = anchored('h3', 'mt-8 mb-3 text-lg font-semibold');
