import type { ReactNode } from 'react';

/**
 * Numbered steps for MDX authors: wrap a sequence of `### Step title` headings and their content in
 * `<Steps>`; each h3 gets a number from a CSS counter, so the Markdown stays plain headings (and
 * the headings stay in the table of contents and the `.md` twin).
 * @param props.children the steps' MDX content
 */
export function Steps({ children }: { children: ReactNode }) {
  return (
    <div className="my-6 ml-3 border-l border-zinc-300 pl-7 [counter-reset:step] dark:border-zinc-700 [&>h3]:relative [&>h3]:[counter-increment:step] [&>h3]:before:absolute [&>h3]:before:-left-[2.75rem] [&>h3]:before:flex [&>h3]:before:h-7 [&>h3]:before:w-7 [&>h3]:before:items-center [&>h3]:before:justify-center [&>h3]:before:rounded-full [&>h3]:before:bg-indigo-700 [&>h3]:before:text-sm [&>h3]:before:font-semibold [&>h3]:before:text-white [&>h3]:before:content-[counter(step)]">
      {children}
    </div>
  );
}
