import type { ReactNode } from 'react';

/**
 * Typography for guide bodies (paragraphs, lists, tables, inline code, blockquotes) without a
 * typography plugin: element selectors scoped to this wrapper.
 * @param props.children the rendered MDX
 */
export function Prose({ children }: { children: ReactNode }) {
  return (
    <div className="leading-7 text-zinc-800 dark:text-zinc-200 [&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-zinc-100 [&_:not(pre)>code]:px-1 [&_:not(pre)>code]:py-0.5 [&_:not(pre)>code]:text-[0.875em] [&_:not(pre)>code]:[overflow-wrap:anywhere] dark:[&_:not(pre)>code]:bg-zinc-800 [&_blockquote]:border-l-4 [&_blockquote]:border-zinc-300 [&_blockquote]:pl-4 [&_blockquote]:italic [&_li]:my-1 [&_ol]:my-4 [&_ol]:list-decimal [&_ol]:pl-6 [&_p]:my-4 [&_table]:my-6 [&_table]:block [&_table]:w-full [&_table]:max-w-full [&_table]:border-collapse [&_table]:overflow-x-auto [&_table]:text-sm [&_td]:border-b [&_td]:border-zinc-200 [&_td]:px-2 [&_td]:py-1.5 [&_td]:align-top dark:[&_td]:border-zinc-800 [&_th]:border-b-2 [&_th]:border-zinc-300 [&_th]:px-2 [&_th]:py-1.5 [&_th]:text-left dark:[&_th]:border-zinc-700 [&_ul]:my-4 [&_ul]:list-disc [&_ul]:pl-6">
      {children}
    </div>
  );
}
