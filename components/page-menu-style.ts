/** The look of the page menu's items (components/page-menu.tsx): one class list for the button and the link. */
export const PAGE_MENU_ITEM =
  'inline-flex min-h-6 items-center rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800';
