import { renderMarkdown } from '@/lib/reference/markdown';

const inline = '[&_a]:text-indigo-700 [&_a]:underline dark:[&_a]:text-indigo-300 [&_code]:font-mono [&_code]:text-[0.85em] [&_ul]:list-disc [&_ul]:pl-5';

const prose = [
  'space-y-3 leading-relaxed text-zinc-700 dark:text-zinc-300',
  '[&_a]:text-indigo-700 [&_a]:underline dark:[&_a]:text-indigo-300',
  '[&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 [&_code]:py-0.5 [&_code]:font-mono [&_code]:text-[0.85em] dark:[&_code]:bg-zinc-800',
  '[&_ul]:list-disc [&_ul]:space-y-1 [&_ul]:pl-5 [&_ol]:list-decimal [&_ol]:pl-5 [&_strong]:font-semibold',
  '[&_h3]:mt-4 [&_h3]:font-semibold [&_table]:text-sm [&_th]:border-b [&_th]:px-2 [&_th]:py-1 [&_th]:text-left [&_td]:border-b [&_td]:px-2 [&_td]:py-1',
  '[&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-zinc-100 [&_pre]:p-3 dark:[&_pre]:bg-zinc-900',
].join(' ');

/**
 * Markdown from the OpenAPI document (descriptions are CommonMark), rendered on the server.
 * @param props.text the Markdown source; nothing is rendered when it is empty
 * @param props.className extra classes for the wrapper
 * @param props.compact lighter styling for table cells (schema rows repeat it hundreds of times)
 */
export function Markdown({ text, className = '', compact = false }: { text?: string; className?: string; compact?: boolean }) {
  const content = text ? renderMarkdown(text) : null;
  if (!content) return null;
  return <div className={`${compact ? inline : prose} ${className}`}>{content}</div>;
}
